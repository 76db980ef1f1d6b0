namespace OrleansGan.Training.Checkpoints;

/// <summary>The readable part of a checkpoint: where the run stood and with which configuration.</summary>
public sealed record CheckpointHeader(int Format, long Step, int Epoch, Dictionary<string, double> Config, DateTimeOffset WrittenAt)
{
    public const int CurrentFormat = 1;
}
