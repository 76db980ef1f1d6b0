using OrleansGan.Training.Trainer;

namespace OrleansGan.Training.Tests.Training;

sealed class RecordingObserver : ITrainingObserver
{
    public List<StepMetrics> Steps { get; } = [];
    public List<SummaryReport> Summaries { get; } = [];
    public void OnSteps(IReadOnlyList<StepMetrics> steps) => Steps.AddRange(steps);
    public void OnSummary(SummaryReport summary) => Summaries.Add(summary);
}
