namespace OrleansGan.Training.Checkpoints;

public sealed class CheckpointCorruptException(string path, string reason) : Exception($"{path}: {reason}")
{
    public string Path { get; } = path;
}
