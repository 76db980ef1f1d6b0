namespace OrleansGan.Manifests;

public static class Labels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Component = "app.kubernetes.io/component";
    public const string Silo = "orleansgan-silo";
    public const string Redis = "orleansgan-redis";

    /// <summary>Whether a label selector's matchLabels pick pods with these labels (matchExpressions are not used here).</summary>
    public static bool Selects(IDictionary<string, string>? matchLabels, IDictionary<string, string> labels) =>
        matchLabels is { Count: > 0 } && matchLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
}
