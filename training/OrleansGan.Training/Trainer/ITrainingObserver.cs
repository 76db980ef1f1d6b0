namespace OrleansGan.Training.Trainer;

/// <summary>Receives a run's progress. Called on the training thread: return quickly.</summary>
public interface ITrainingObserver
{
    void OnStarted(long startStep, long totalSteps) { }
    void OnSteps(IReadOnlyList<StepMetrics> steps);
    void OnSummary(SummaryReport summary);
}
