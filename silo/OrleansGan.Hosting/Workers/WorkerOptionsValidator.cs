using Microsoft.Extensions.Options;
using OrleansGan.Sweeps;

namespace OrleansGan.Hosting.Workers;

/// <summary>Every rule a worker's settings must keep; a failure names its key (Worker:Key: reason).</summary>
public sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options) =>
        OptionRules.Result(Failures(options));

    static IEnumerable<string?> Failures(WorkerOptions o)
    {
        yield return OptionRules.Defined(WorkerOptions.Section, nameof(o.Accelerator), o.Accelerator);
        yield return OptionRules.Defined(WorkerOptions.Section, nameof(o.Isolation), o.Isolation);
        yield return OptionRules.InRange(WorkerOptions.Section, nameof(o.Devices), o.Devices, 1, int.MaxValue);
        yield return OptionRules.InRange(WorkerOptions.Section, nameof(o.SlotsPerDevice), o.Slots, 1, SweepResources.MaxTrialsPerGpu);
        yield return OptionRules.NotBlank(WorkerOptions.Section, nameof(o.Name), o.Name);
        yield return OptionRules.Positive(WorkerOptions.Section, nameof(o.ReportInterval), o.ReportInterval);
        yield return o.StopGracePeriod < TimeSpan.Zero ? $"{WorkerOptions.Section}:{nameof(o.StopGracePeriod)}: must not be negative, got {o.StopGracePeriod}" : null;
    }
}
