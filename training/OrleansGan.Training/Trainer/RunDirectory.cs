using OrleansGan.Training.Checkpoints;

namespace OrleansGan.Training.Trainer;

/// <summary>Where one run's artifacts live: metrics.jsonl, samples/eNNN.png, checkpoints/step-N/.</summary>
public sealed class RunDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string MetricsPath => Path.Combine(Root, "metrics.jsonl");
    public string SamplesDirectory => Path.Combine(Root, "samples");
    public string CheckpointsDirectory => Path.Combine(Root, "checkpoints");

    public string GridPath(int epoch) => Path.Combine(SamplesDirectory, $"e{epoch:D3}.png");
    public string CheckpointPath(long step) => Path.Combine(CheckpointsDirectory, $"step-{step}", "checkpoint.bin");

    public bool HasCheckpoint(long step) => File.Exists(CheckpointPath(step));

    /// <summary>The checkpoints on disk whose hash file names their SHA-256 (written to the end), newest first.</summary>
    public IEnumerable<ResumePoint> WrittenCheckpoints() =>
        Checkpoints()
            .Where(c => File.Exists(CheckpointFile.HashPath(c.Path)))
            .Select(c => new ResumePoint(c.Step, File.ReadAllText(CheckpointFile.HashPath(c.Path)).Split(' ', 2)[0].Trim()));

    /// <summary>Deletes every checkpoint directory but those of <paramref name="kept"/> steps.</summary>
    public void RemoveCheckpointsExcept(IReadOnlySet<long> kept)
    {
        foreach (var (step, path) in Checkpoints().Where(c => !kept.Contains(c.Step)).ToList())
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    /// <summary>Checkpoint files, newest step first.</summary>
    public IEnumerable<(long Step, string Path)> Checkpoints()
    {
        if (!Directory.Exists(CheckpointsDirectory)) return [];
        return Directory.EnumerateDirectories(CheckpointsDirectory, "step-*")
            .Select(d => (Ok: long.TryParse(Path.GetFileName(d)["step-".Length..], out var s), Step: s, Path: Path.Combine(d, "checkpoint.bin")))
            .Where(c => c.Ok && File.Exists(c.Path))
            .OrderByDescending(c => c.Step)
            .Select(c => (c.Step, c.Path));
    }
}
