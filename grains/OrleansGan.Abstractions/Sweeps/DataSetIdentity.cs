using System.Text.RegularExpressions;

namespace OrleansGan.Sweeps;

/// <summary>
/// The one name of the images runs train on, the same in every experiment that uses them: what runs are ranked across
/// (the leaderboards) and what per-data-set caches are keyed by. "synthetic-IMAGES-SEED", or "cifar10:DIRECTORY".
/// </summary>
public static partial class DataSetIdentity
{
    const string Cifar10Prefix = "cifar10:";

    public static string Of(DataSource data) => data.Kind switch
    {
        DataSourceKind.Synthetic => $"synthetic-{data.SyntheticImages}-{data.SyntheticSeed}",
        DataSourceKind.Cifar10 => Cifar10Prefix + Path.TrimEndingDirectorySeparator(Path.GetFullPath(data.Cifar10Directory!)),
        _ => throw new ArgumentOutOfRangeException(nameof(data), data.Kind, "unknown data source kind"),
    };

    /// <summary>What a user names a data set by: an identity as printed, or a CIFAR-10 directory (relative to the current one).</summary>
    public static string Parse(string text) =>
        text.StartsWith(Cifar10Prefix, StringComparison.Ordinal) || Synthetic().IsMatch(text)
            ? text
            : Of(DataSource.Cifar10(Path.GetFullPath(text)));

    [GeneratedRegex(@"^synthetic-\d+-\d+$")]
    private static partial Regex Synthetic();
}
