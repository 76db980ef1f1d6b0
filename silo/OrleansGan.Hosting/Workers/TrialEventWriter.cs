using System.Text.Json;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Hosting.Workers;

/// <summary>The child's side: each observer call becomes one line, flushed at once.</summary>
internal sealed class TrialEventWriter(TextWriter output) : ITrainingObserver
{
    public void OnStarted(long startStep, long totalSteps) => Write(new TrialEvent("started", StartStep: startStep, TotalSteps: totalSteps));
    public void OnSteps(IReadOnlyList<StepMetrics> steps) => Write(new TrialEvent("steps", Steps: steps));
    public void OnSummary(SummaryReport summary) => Write(new TrialEvent("summary", Summary: summary));

    void Write(TrialEvent e)
    {
        output.WriteLine(JsonSerializer.Serialize(e, TrialEvent.Json));
        output.Flush();
    }
}
