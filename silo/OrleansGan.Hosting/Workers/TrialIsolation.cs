namespace OrleansGan.Hosting.Workers;

/// <summary>
/// Where a worker trains each trial: on a thread of the silo (the default), or in a child trainer process of its
/// own, so that a native crash (a CUDA fault, out of memory) takes down that trial and not the silo.
/// </summary>
public enum TrialIsolation
{
    Thread,
    Process,
}
