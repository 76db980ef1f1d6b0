using System.Globalization;
using System.Security.Cryptography;
using OrleansGan.Training.IO;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Training.Checkpoints;

/// <summary>
/// Copies another run's checkpoint into a run's own directory (checkpoints/step-N/, replacing the run's own checkpoint of
/// that step), verified by its SHA-256 and put in place whole, with an "adopted" file beside it that names the stream seed
/// the run draws from after it. The donor's file is only read.
/// </summary>
public static class CheckpointAdoption
{
    const string MarkerName = "adopted";

    /// <summary>Copies unless the run's directory already holds this copy (a retried attempt).</summary>
    /// <exception cref="CheckpointCorruptException">the donor's file is missing or does not have the SHA-256 named.</exception>
    public static void Copy(AdoptedCheckpoint adopted, RunDirectory recipient)
    {
        var target = recipient.CheckpointPath(adopted.Step);
        if (StreamSeedOf(target) == adopted.StreamSeed && HashOf(target) == adopted.Sha256) return;
        if (!File.Exists(adopted.SourcePath)) throw new CheckpointCorruptException(adopted.SourcePath, "no such checkpoint to copy");
        var bytes = File.ReadAllBytes(adopted.SourcePath);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha, adopted.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new CheckpointCorruptException(adopted.SourcePath, $"is not the checkpoint to copy (SHA-256 {sha}, recorded {adopted.Sha256})");
        AtomicDirectory.Write(Path.GetDirectoryName(target)!, directory =>
        {
            var file = Path.Combine(directory, Path.GetFileName(target));
            File.WriteAllBytes(file, bytes);
            File.WriteAllText(CheckpointFile.HashPath(file), $"{sha}  {Path.GetFileName(file)}\n");
            File.WriteAllText(Path.Combine(directory, MarkerName),
                $"{adopted.StreamSeed.ToString(CultureInfo.InvariantCulture)} {adopted.DonorRun} {adopted.Step}\n");
        });
    }

    /// <summary>The stream seed of a copied checkpoint; null for one the run wrote itself.</summary>
    public static ulong? StreamSeedOf(string checkpointPath)
    {
        var marker = Path.Combine(Path.GetDirectoryName(checkpointPath)!, MarkerName);
        return File.Exists(marker) && ulong.TryParse(File.ReadAllText(marker).Split(' ', 2)[0], CultureInfo.InvariantCulture, out var seed) ? seed : null;
    }

    static string? HashOf(string checkpointPath)
    {
        var hashPath = CheckpointFile.HashPath(checkpointPath);
        return File.Exists(checkpointPath) && File.Exists(hashPath) ? File.ReadAllText(hashPath).Split(' ', 2)[0].Trim() : null;
    }
}
