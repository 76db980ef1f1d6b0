namespace OrleansGan.Training.Trainer;

public sealed class CompositeObserver(params ITrainingObserver[] observers) : ITrainingObserver
{
    public void OnStarted(long startStep, long totalSteps)
    {
        foreach (var o in observers) o.OnStarted(startStep, totalSteps);
    }

    public void OnSteps(IReadOnlyList<StepMetrics> steps)
    {
        foreach (var o in observers) o.OnSteps(steps);
    }

    public void OnSummary(SummaryReport summary)
    {
        foreach (var o in observers) o.OnSummary(summary);
    }
}
