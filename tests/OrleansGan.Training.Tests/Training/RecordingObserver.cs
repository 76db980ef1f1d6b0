using OrleansGan.Training.Trainer;

namespace OrleansGan.Training.Tests.Training;

sealed class RecordingObserver : ITrainingObserver
{
    public long? StartStep { get; private set; }
    public List<StepMetrics> Steps { get; } = [];
    public List<SummaryReport> Summaries { get; } = [];
    public void OnStarted(long startStep, long totalSteps) => StartStep = startStep;
    public void OnSteps(IReadOnlyList<StepMetrics> steps) => Steps.AddRange(steps);
    public void OnSummary(SummaryReport summary) => Summaries.Add(summary);
}
