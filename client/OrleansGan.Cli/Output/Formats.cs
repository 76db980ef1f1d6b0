using System.CommandLine;
using System.Globalization;

namespace OrleansGan.Cli.Output;

internal static class Formats
{
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    public static string Loss(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
    public static string Score(double? value) => value is { } v ? Number(v) : "-";
    public static string Percent(double value) => value.ToString("P0", CultureInfo.InvariantCulture);
    public static string Time(DateTimeOffset? value) => value?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>
    /// "90/200", or "0" for a run whose total is not known yet: its trainer reports it on starting (it can depend on the
    /// data set's size), so a run that never started has none.
    /// </summary>
    public static string Steps(long step, long totalSteps) => totalSteps > 0 ? $"{step}/{totalSteps}" : $"{step}";

    /// <summary>The command as the user typed it, quoted for a POSIX shell where needed: for "run this again" hints.</summary>
    public static string CommandLine(ParseResult parse) =>
        string.Join(" ", new[] { "orleansgan" }.Concat(parse.Tokens.Select(t => ShellWord(t.Value))));

    public static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,".Contains(c)) ? word : $"'{word.Replace("'", "'\\''")}'";

    /// <summary>A run's id without its experiment's ("r001"), where the experiment is already named.</summary>
    public static string ShortRunId(string runId, string experimentId) =>
        runId.StartsWith(experimentId + "-", StringComparison.Ordinal) ? runId[(experimentId.Length + 1)..] : runId;

    /// <summary>What a PBT exploit changed: "lr_g 0.0004 -> 0.0001, lr_d 0.0002 -> 0.00024".</summary>
    public static string Changes(IEnumerable<KeyValuePair<string, double>> before, IEnumerable<KeyValuePair<string, double>> after) =>
        string.Join(", ", before.Zip(after, (old, now) => $"{old.Key} {Number(old.Value)} -> {Number(now.Value)}"));

    public static string Parameters(IEnumerable<KeyValuePair<string, double>> pairs) =>
        string.Join(" ", pairs.Select(p => $"{p.Key}={Number(p.Value)}"));
}
