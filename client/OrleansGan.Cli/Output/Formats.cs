using System.Globalization;

namespace OrleansGan.Cli.Output;

internal static class Formats
{
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    public static string Loss(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
    public static string Score(double? value) => value is { } v ? Number(v) : "-";
    public static string Percent(double value) => value.ToString("P0", CultureInfo.InvariantCulture);
    public static string Time(DateTimeOffset? value) => value?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";

    public static string Parameters(IEnumerable<KeyValuePair<string, double>> pairs) =>
        string.Join(" ", pairs.Select(p => $"{p.Key}={Number(p.Value)}"));
}
