using OrleansGan.Training.Trainer;

namespace OrleansGan.Cli.Local;

/// <summary>Where a local run stands: its last reported step and its last checkpoint, for what an interrupt would lose.</summary>
internal sealed class TrainingPosition : ITrainingObserver
{
    long _step;
    long _checkpointStep;

    public long Step => Interlocked.Read(ref _step);
    public long CheckpointStep => Interlocked.Read(ref _checkpointStep);

    public void OnStarted(long startStep, long totalSteps)
    {
        Interlocked.Exchange(ref _step, startStep);
        Interlocked.Exchange(ref _checkpointStep, startStep);
    }

    public void OnSteps(IReadOnlyList<StepMetrics> steps) => Interlocked.Exchange(ref _step, steps[^1].Step);

    public void OnSummary(SummaryReport summary) => Interlocked.Exchange(ref _checkpointStep, summary.Step);

    /// <summary>What ending the process now would lose (null: nothing).</summary>
    public string? Unsaved(string resumeCommand) => Step > CheckpointStep
        ? $"the steps after step {CheckpointStep} (its last checkpoint); `{resumeCommand}` continues from there"
        : null;
}
