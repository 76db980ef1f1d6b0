namespace OrleansGan.Training.Trainer;

/// <summary>
/// A PBT exploit seen from the trainer: another run's checkpoint (<see cref="SourcePath"/>, which must have
/// <see cref="Sha256"/>) that this run copies into its own directory and continues from, under its own configuration's
/// values of the keys that can change mid-run (<see cref="NewValues"/>; <see cref="OldValues"/> are the ones it leaves).
/// </summary>
/// <param name="StreamSeed">
/// Seeds the run's step generator (batches, latents, dropout) once the copy is restored: the donor's generator state in the
/// checkpoint is not used, so the recipient draws its own stream rather than a replay of the donor's.
/// </param>
public sealed record AdoptedCheckpoint(
    string DonorRun,
    string SourcePath,
    long Step,
    string Sha256,
    ulong StreamSeed,
    IReadOnlyList<KeyValuePair<string, double>> OldValues,
    IReadOnlyList<KeyValuePair<string, double>> NewValues);
