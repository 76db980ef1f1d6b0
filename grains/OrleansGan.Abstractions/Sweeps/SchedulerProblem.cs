namespace OrleansGan.Sweeps;

/// <summary>Why a sweep's scheduler cannot be used: the key path from the sweep's root, and for a list, which item.</summary>
public sealed record SchedulerProblem(string Key, string Reason, int? Item = null)
{
    public override string ToString() => $"{Key}: {Reason}";
}
