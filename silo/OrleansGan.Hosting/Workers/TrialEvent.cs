using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Workers;

/// <summary>One line a child trainer process writes on its standard output: the observer calls, in order.</summary>
public sealed record TrialEvent(
    string Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? StartStep = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? TotalSteps = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StepMetrics>? Steps = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SummaryReport? Summary = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Replays this event on <paramref name="observer"/>.</summary>
    public void Replay(ITrainingObserver observer)
    {
        switch (Kind)
        {
            case "started": observer.OnStarted(StartStep!.Value, TotalSteps!.Value); break;
            case "steps": observer.OnSteps(Steps!); break;
            case "summary": observer.OnSummary(Summary!); break;
            default: throw new InvalidDataException($"unknown trial event '{Kind}'");
        }
    }
}
