using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansGan.Observability.Tests;

/// <summary>One sample line of a /metrics response (Prometheus text format), as the exporter wrote it.</summary>
public sealed partial record ScrapedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public static IReadOnlyList<ScrapedSample> Parse(string exposition) =>
        exposition.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => SampleLine().Match(line))
            .Select(m => new ScrapedSample(
                m.Groups["name"].Value,
                LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value),
                double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
            .ToList();

    public string? Label(string key) => Labels.GetValueOrDefault(key);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][\w:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>\w+)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
