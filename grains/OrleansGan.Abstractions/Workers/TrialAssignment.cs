using OrleansGan.Runs;

namespace OrleansGan.Workers;

/// <summary>
/// One attempt at a run, handed to a worker. It resumes from the newest of <see cref="ResumeFrom"/> (the checkpoints the
/// run grain has recorded) whose file verifies, or from the start, and never from a checkpoint the grain does not know.
/// </summary>
[GenerateSerializer, Immutable, Alias("TrialAssignment")]
public sealed record TrialAssignment(
    [property: Id(0)] string RunId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] RunSpec Spec,
    [property: Id(4)] IReadOnlyList<CheckpointRecord> ResumeFrom)
{
    /// <summary>
    /// A PBT exploit to carry out first: copy the donor's checkpoint into the run's directory (verified, replacing the run's
    /// own of that step) and continue from the copy, drawing from <see cref="StreamSeed"/>. <see cref="Spec"/> holds the new values.
    /// </summary>
    [Id(5)] public ExploitOrder? Adopt { get; init; }

    [Id(6)] public ulong StreamSeed { get; init; }
}
