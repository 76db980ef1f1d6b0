namespace OrleansGan.Bench.ControlPlane;

/// <summary>"--name value" pairs.</summary>
sealed class Arguments(Dictionary<string, string> values)
{
    public static Arguments Parse(string[] args)
    {
        if (args.Length % 2 != 0 || args.Where((_, i) => i % 2 == 0).Any(a => !a.StartsWith("--", StringComparison.Ordinal)))
            throw new ArgumentException("expected --name value pairs");
        return new Arguments(Enumerable.Range(0, args.Length / 2).ToDictionary(i => args[2 * i], i => args[2 * i + 1]));
    }

    public string? Text(string name) => values.GetValueOrDefault(name);
    public int Int(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value) : fallback;
}
