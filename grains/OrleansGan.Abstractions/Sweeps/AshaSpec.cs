namespace OrleansGan.Sweeps;

/// <summary>
/// Asynchronous successive halving (Li et al., MLSys 2020): rungs at <see cref="GraceEpochs"/> x
/// <see cref="ReductionFactor"/>^k epochs below <see cref="MaxEpochs"/>; a run continues past a rung only if its score is in
/// the top 1/<see cref="ReductionFactor"/> of the scores recorded there so far.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AshaSpec : SchedulerSpec
{
    public override string Name => "asha";

    [Id(0)] public int GraceEpochs { get; init; } = 1;

    /// <summary>eta: each rung keeps 1/eta of its runs, and is eta times as far as the one below.</summary>
    [Id(1)] public int ReductionFactor { get; init; } = 3;

    /// <summary>The most epochs ASHA trains a run; a run that reaches it is complete.</summary>
    [Id(2)] public required int MaxEpochs { get; init; }

    /// <summary>The epochs at which runs are compared, lowest first.</summary>
    public IReadOnlyList<int> Rungs()
    {
        var rungs = new List<int>();
        for (long rung = GraceEpochs; rung < MaxEpochs; rung *= ReductionFactor) rungs.Add((int)rung);
        return rungs;
    }
}
