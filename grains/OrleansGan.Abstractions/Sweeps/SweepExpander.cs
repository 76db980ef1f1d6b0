using System.Collections.Immutable;
using System.Globalization;
using OrleansGan.Training.Configuration;

namespace OrleansGan.Sweeps;

/// <summary>Turns a sweep into its runs; pure, so the same sweep always gives the same variants.</summary>
public static class SweepExpander
{
    /// <summary>
    /// A grid gives every combination in the file's parameter order, the last parameter varying
    /// fastest; a random search gives <see cref="SearchSpace.Trials"/> draws seeded by
    /// <see cref="SearchSpace.Seed"/>. Each variant's config is the seed's defaults, then
    /// <see cref="SweepDefinition.Train"/>, then the variant's parameters (so a parameter wins over
    /// train); a value that breaks the trainer's rules throws <see cref="RunConfigException"/>.
    /// </summary>
    public static IReadOnlyList<SweepVariant> Expand(SweepDefinition sweep) => Expand(sweep, 0, Count(sweep));

    /// <summary>
    /// The variants <paramref name="first"/> .. first + count - 1 of <see cref="Expand(SweepDefinition)"/>, without
    /// building the ones before them (an experiment makes its runs' configs as it starts them).
    /// </summary>
    public static IReadOnlyList<SweepVariant> Expand(SweepDefinition sweep, int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        count = Math.Clamp(Count(sweep) - first, 0, count);
        var parameters = sweep.Search.Parameters;
        var points = sweep.Search.Strategy == SearchStrategy.Grid ? GridPoints(parameters, first) : RandomPoints(sweep.Search, first);
        return points.Take(count).Select((values, offset) =>
        {
            ImmutableArray<KeyValuePair<string, double>> drawn = [.. parameters.Select((p, i) => KeyValuePair.Create(p.Key, values[i]))];
            var config = RunConfigKeys.FromPairs([.. sweep.Train, .. drawn]);
            return new SweepVariant { Index = first + offset, Parameters = drawn, Config = [.. RunConfigKeys.ToPairs(config)] };
        }).ToList();
    }

    /// <summary>How many variants the sweep expands to: the grid's size, or the random search's trials.</summary>
    public static int Count(SweepDefinition sweep)
    {
        if (sweep.Search.Strategy == SearchStrategy.Random)
            return sweep.Search.Trials ?? throw new ArgumentException("a random search needs Trials", nameof(sweep));
        var parameters = sweep.Search.Parameters;
        if (parameters.Any(p => p.Sampling != ParameterSampling.Values || p.Values.IsEmpty))
            throw new ArgumentException("a grid takes a list of values for each parameter, not a range", nameof(sweep));
        return (int)parameters.Aggregate(1L, (product, p) => Math.Min(product * p.Values.Length, int.MaxValue));
    }

    /// <summary>Combination n is n written in the mixed radix of the parameters' value counts.</summary>
    static IEnumerable<double[]> GridPoints(ImmutableArray<ParameterSpace> parameters, int first)
    {
        var positions = new int[parameters.Length];
        for (int i = parameters.Length - 1, rest = first; i >= 0; i--)
        {
            positions[i] = rest % parameters[i].Values.Length;
            rest /= parameters[i].Values.Length;
        }
        while (true)
        {
            yield return [.. parameters.Select((p, i) => p.Values[positions[i]])];
            var next = parameters.Length - 1;
            while (next >= 0 && ++positions[next] == parameters[next].Values.Length) positions[next--] = 0;
            if (next < 0) yield break;
        }
    }

    /// <summary>Each trial takes one draw per parameter, so trial n starts after n x parameters draws.</summary>
    static IEnumerable<double[]> RandomPoints(SearchSpace search, int first)
    {
        var trials = search.Trials!.Value;
        var random = new SplitMix64(unchecked((ulong)search.Seed));
        for (long skipped = 0; skipped < (long)first * search.Parameters.Length; skipped++) random.Next();
        for (var trial = first; trial < trials; trial++)
            yield return [.. search.Parameters.Select(p => Draw(p, random))];
    }

    /// <summary>One value of the parameter's space; PBT resamples with it too.</summary>
    internal static double Draw(ParameterSpace parameter, SplitMix64 random)
    {
        var u = random.NextDouble();
        if (parameter.Sampling == ParameterSampling.Values)
            return parameter.Values[(int)(u * parameter.Values.Length)];
        var drawn = parameter.Sampling == ParameterSampling.Uniform
            ? parameter.Low + (parameter.High - parameter.Low) * u
            : Math.Exp(Math.Log(parameter.Low) + (Math.Log(parameter.High) - Math.Log(parameter.Low)) * u);
        var isInteger = RunConfigKeys.Find(parameter.Key)?.Kind == RunConfigValueKind.Integer;
        return Math.Clamp(isInteger ? Math.Round(drawn) : SixSignificantDigits(drawn),
                          parameter.Low, parameter.High);
    }

    // Short values read better in run lists, and hide the last-bit differences that Math.Exp
    // and Math.Log may show between platforms, so a seed draws the same values everywhere.
    internal static double SixSignificantDigits(double value) =>
        double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
