namespace OrleansGan.Hosting.Workers;

/// <summary>A worker silo's training settings (section "Worker" of the configuration).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Shown in run status; defaults to the host name.</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>Runs trained at once on this worker.</summary>
    public int Slots { get; set; } = 1;

    /// <summary>auto, cpu, cuda or cuda:N.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>A PyTorch install's torch/lib to take libtorch from; null uses the packaged one.</summary>
    public string? LibTorchDirectory { get; set; }

    /// <summary>Root of every run's artifacts; stored paths are relative to it.</summary>
    public string ArtifactRoot { get; set; } = "./orleansgan-data";

    /// <summary>How often a run's metrics go to its grain (also the heartbeat).</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a stopping worker waits for its runs to checkpoint.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(60);
}
