using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansGan.Observability.Tests;

/// <summary>The repository's Grafana dashboard (k8s/base/grafana/orleansgan-dashboard.json): its panels' queries and its variables.</summary>
sealed partial class GrafanaDashboard
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "k8s", "orleansgan-dashboard.json");

    public sealed record Target(string Panel, string RefId, string Expr)
    {
        public override string ToString() => $"panel '{Panel}' target {RefId}";
    }

    /// <summary>A query variable: label_values(selector, label).</summary>
    public sealed record Variable(string Name, string Selector, string Label);

    public IReadOnlyList<Target> Targets { get; }
    public IReadOnlyDictionary<string, Variable> Variables { get; }

    GrafanaDashboard(IReadOnlyList<Target> targets, IReadOnlyDictionary<string, Variable> variables) => (Targets, Variables) = (targets, variables);

    public static GrafanaDashboard FromRepository()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(FilePath));
        var root = json.RootElement;
        var targets = Panels(root)
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t =>
                new Target(p.GetProperty("title").GetString()!, t.GetProperty("refId").GetString()!, t.GetProperty("expr").GetString()!)))
            .ToList();
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => ParseVariable(v.GetProperty("name").GetString()!, v.GetProperty("query").GetProperty("query").GetString()!))
            .ToDictionary(v => v.Name);
        return new GrafanaDashboard(targets, variables);
    }

    /// <summary>What Grafana sends Prometheus: the query with the dashboard's variables and interval macros replaced.</summary>
    public static string Expand(string expr, IReadOnlyDictionary<string, string> values) =>
        VariableReference().Replace(expr, m => values.TryGetValue(m.Groups["name"].Value, out var value) ? value
            : throw new InvalidDataException($"{FilePath}: ${m.Groups["name"].Value} in '{expr}' is not a known variable"));

    static IEnumerable<JsonElement> Panels(JsonElement container) =>
        container.TryGetProperty("panels", out var panels)
            ? panels.EnumerateArray().SelectMany(p => Panels(p).Prepend(p))
            : [];

    static Variable ParseVariable(string name, string query)
    {
        var match = LabelValues().Match(query);
        if (!match.Success) throw new InvalidDataException($"{FilePath}: variable {name}: expected label_values(selector, label), got '{query}'");
        return new Variable(name, match.Groups["selector"].Value, match.Groups["label"].Value);
    }

    [GeneratedRegex(@"\$\{?(?<name>\w+)\}?")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>\w+)\)$")]
    private static partial Regex LabelValues();
}
