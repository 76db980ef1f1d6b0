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
    public static IReadOnlyList<SweepVariant> Expand(SweepDefinition sweep)
    {
        var parameters = sweep.Search.Parameters;
        var points = sweep.Search.Strategy == SearchStrategy.Grid ? GridPoints(parameters) : RandomPoints(sweep.Search);
        return points.Select((values, index) =>
        {
            ImmutableArray<KeyValuePair<string, double>> drawn = [.. parameters.Select((p, i) => KeyValuePair.Create(p.Key, values[i]))];
            var config = RunConfigKeys.FromPairs([.. sweep.Train, .. drawn]);
            return new SweepVariant { Index = index, Parameters = drawn, Config = [.. RunConfigKeys.ToPairs(config)] };
        }).ToList();
    }

    static IEnumerable<double[]> GridPoints(ImmutableArray<ParameterSpace> parameters)
    {
        if (parameters.Any(p => p.Sampling != ParameterSampling.Values || p.Values.IsEmpty))
            throw new ArgumentException("a grid takes a list of values for each parameter, not a range", nameof(parameters));
        var positions = new int[parameters.Length];
        while (true)
        {
            yield return [.. parameters.Select((p, i) => p.Values[positions[i]])];
            var next = parameters.Length - 1;
            while (next >= 0 && ++positions[next] == parameters[next].Values.Length) positions[next--] = 0;
            if (next < 0) yield break;
        }
    }

    static IEnumerable<double[]> RandomPoints(SearchSpace search)
    {
        var trials = search.Trials ?? throw new ArgumentException("a random search needs Trials", nameof(search));
        var random = new SplitMix64(unchecked((ulong)search.Seed));
        for (var trial = 0; trial < trials; trial++)
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
