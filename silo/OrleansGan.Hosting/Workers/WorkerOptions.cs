using OrleansGan.Workers;

namespace OrleansGan.Hosting.Workers;

/// <summary>A worker silo's training settings (section "Worker" of the configuration, or Worker__* variables).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Shown in run status; defaults to the silo's name (OrleansGan:SiloName, POD_NAME), else the machine's.</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>cpu or cuda.</summary>
    public DeviceKind Accelerator { get; set; } = DeviceKind.Cpu;

    /// <summary>CUDA devices this worker trains on (cuda:0 .. cuda:N-1); a CPU worker has one device.</summary>
    public int Devices { get; set; } = 1;

    /// <summary>Trials at once per device; by default 1 on CPU and 4 per GPU.</summary>
    public int? SlotsPerDevice { get; set; }

    /// <summary>Each trial on a thread of the silo, or in a child trainer process of its own.</summary>
    public TrialIsolation Isolation { get; set; } = TrialIsolation.Thread;

    /// <summary>The child trainer's command line (before "trial"); null runs this silo's own executable.</summary>
    public string[]? TrialCommand { get; set; }

    /// <summary>A PyTorch install's torch/lib to take libtorch from; null uses the packaged one.</summary>
    public string? LibTorchDirectory { get; set; }

    /// <summary>How often a run's metrics go to its grain (also the heartbeat).</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a stopping worker (SIGTERM) waits for its runs to checkpoint.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(60);

    public int Slots => SlotsPerDevice ?? (Accelerator == DeviceKind.Cpu ? 1 : 4);

    /// <summary>What the worker advertises to placement; <see cref="WorkerOptionsValidator"/> has checked its parts.</summary>
    public WorkerCapacity Capacity => new(Accelerator, Accelerator == DeviceKind.Cpu ? 1 : Devices, Slots);
}
