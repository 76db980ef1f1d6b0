namespace OrleansGan.Training.Trainer;

/// <summary>One training step's numbers: the seed's log line plus timing.</summary>
public sealed record StepMetrics(
    long Step, int Epoch, int StepInEpoch, int StepsPerEpoch,
    double D1, double D2, double G, double StepSeconds, double ImagesPerSecond);
