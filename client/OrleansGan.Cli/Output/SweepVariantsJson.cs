namespace OrleansGan.Cli.Output;

/// <summary>`sweep validate --json`: the sweep's variants, each with its search parameters and whole run configuration.</summary>
internal sealed record SweepVariantsJson(string Name, IReadOnlyList<SweepVariantsJson.Variant> Variants)
{
    internal sealed record Variant(int Index, IReadOnlyDictionary<string, double> Parameters, IReadOnlyDictionary<string, double> Config);
}
