namespace OrleansGan.Training.Training;

/// <summary>What a summary produced: D's accuracy on fresh samples, a sample grid and a checkpoint.</summary>
public sealed record SummaryReport(
    long Step, int Epoch, double AccuracyReal, double AccuracyFake,
    string GridPath, string CheckpointPath, string CheckpointSha256);
