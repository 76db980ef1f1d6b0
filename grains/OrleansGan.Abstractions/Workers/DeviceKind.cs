namespace OrleansGan.Workers;

/// <summary>What a worker trains on. A run with gpus_per_trial 0 needs a CPU slot; any other share a CUDA slot.</summary>
public enum DeviceKind
{
    Cpu,
    Cuda,
}
