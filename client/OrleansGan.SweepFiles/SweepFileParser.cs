using System.Collections.Immutable;
using OrleansGan.Training.Configuration;

using OrleansGan.Sweeps;

namespace OrleansGan.SweepFiles;

/// <summary>
/// Reads a sweep file (YAML) into a <see cref="SweepDefinition"/>, checking every value against the
/// trainer's rules. Any problem throws <see cref="SweepFileException"/> naming the line and key.
/// A key set both in train and in search.parameters is allowed: the parameter wins. A grid ignores
/// search.trials and search.seed. The CIFAR-10 directory is not looked for here: the silos that
/// train may see a different file system from the machine that reads the sweep.
/// </summary>
public static class SweepFileParser
{
    static readonly string[] SweepKeys = ["name", "description", "data", "train", "search", "resources", "objective"];
    static readonly string[] DataKeys = ["cifar10", "synthetic"];
    static readonly string[] SyntheticKeys = ["images", "seed"];
    static readonly string[] SearchKeys = ["strategy", "trials", "seed", "parameters"];
    static readonly string[] RangeKeys = ["uniform", "log_uniform"];
    static readonly string[] ResourceKeys = ["max_concurrent", "gpus_per_trial", "max_failures"];
    static readonly string[] ObjectiveKeys = ["metric", "samples", "inception_weights"];

    public static SweepDefinition Parse(string path) => ParseText(File.ReadAllText(path), path);

    /// <param name="displayPath">Names the file in errors; a relative data.cifar10 or objective.inception_weights resolves against its directory.</param>
    /// <param name="environment">Reads environment variables (ORLEANSGAN_INCEPTION_WEIGHTS); the process's own when null.</param>
    public static SweepDefinition ParseText(string yaml, string displayPath, Func<string, string?>? environment = null)
    {
        var root = SweepYamlNode.LoadDocument(yaml, displayPath).Mapping(SweepKeys);
        var sweepDirectory = Path.GetDirectoryName(Path.GetFullPath(displayPath))!;
        var sweep = new SweepDefinition
        {
            Name = ParseName(root.Required("name")),
            Description = root.Optional("description") is { IsNull: false } description ? description.Text() : null,
            Data = ParseData(root.Required("data"), sweepDirectory),
            Train = root.Optional("train") is { } train ? RunConfigPairs(train) : [],
            Search = ParseSearch(root.Optional("search")),
            Resources = ParseResources(root.Optional("resources")),
            Objective = ParseObjective(root, sweepDirectory, environment ?? Environment.GetEnvironmentVariable),
            SourceText = yaml,
        };
        EnsureExpandable(sweep, root);
        return sweep;
    }

    /// <summary>A file holding only a mapping of run-configuration keys, as under a sweep's train: (orleansgan train --config).</summary>
    public static ImmutableArray<KeyValuePair<string, double>> ParseRunConfig(string path) =>
        RunConfigPairs(SweepYamlNode.LoadDocument(File.ReadAllText(path), path));

    static ImmutableArray<KeyValuePair<string, double>> RunConfigPairs(SweepYamlNode node) =>
        [.. node.Mapping(RunConfigKeys.Names).Entries.Select(e => KeyValuePair.Create(e.Key, RunConfigValue(e, RunConfigKeys.Find(e.Key)!)))];

    static string ParseName(SweepYamlNode node)
    {
        var name = node.Text();
        return SweepDefinition.IsValidName(name)
            ? name
            : throw node.Error($"must be 1 to 63 lowercase letters, digits or '-', starting with a letter or digit, got '{name}'");
    }

    static DataSource ParseData(SweepYamlNode node, string sweepDirectory)
    {
        var data = node.Mapping(DataKeys);
        if (data.Entries.Count > 1) throw node.Error("set one of 'cifar10' or 'synthetic', not both");
        if (data.Optional("cifar10") is { } cifar10)
            return DataSource.Cifar10(Path.GetFullPath(cifar10.Text(), sweepDirectory));
        if (data.Optional("synthetic") is { } synthetic)
        {
            var images = synthetic.Mapping(SyntheticKeys);
            return DataSource.Synthetic(images.Required("images").WholeNumber(DataSource.MinSyntheticImages),
                                        images.Optional("seed")?.WholeNumber(0) ?? 0);
        }
        throw node.Error("needs 'cifar10' (a directory of CIFAR-10's binary version) or 'synthetic' (generated images)");
    }

    static SearchSpace ParseSearch(SweepYamlNode? node)
    {
        var search = node?.Mapping(SearchKeys);
        if (search is null) return new SearchSpace();
        var strategy = search.Optional("strategy") is { } strategyNode ? ParseStrategy(strategyNode) : SearchStrategy.Grid;
        var trials = search.Optional("trials")?.WholeNumber(1, SweepDefinition.MaxVariants);
        var seed = search.Optional("seed")?.WholeNumber(0) ?? 0;
        var parameters = search.Optional("parameters")?.Mapping(RunConfigKeys.Names).Entries
                             .Select(p => ParseParameter(p, strategy)).ToImmutableArray() ?? [];
        if (strategy == SearchStrategy.Grid)
        {
            var variants = parameters.Aggregate(1L, (product, p) => Math.Min(product * p.Values.Length, SweepDefinition.MaxVariants + 1L));
            if (variants > SweepDefinition.MaxVariants)
                throw search.Error("parameters", $"the grid has more than {SweepDefinition.MaxVariants} variants");
        }
        else
        {
            if (trials is null) throw search.Error("trials", "is required for strategy random");
            if (parameters.IsEmpty) throw search.Error("parameters", "a random search needs at least one parameter");
        }
        return new SearchSpace { Strategy = strategy, Trials = trials, Seed = seed, Parameters = parameters };
    }

    static SearchStrategy ParseStrategy(SweepYamlNode node) => node.Text() switch
    {
        "grid" => SearchStrategy.Grid,
        "random" => SearchStrategy.Random,
        var other => throw node.Error($"must be 'grid' or 'random', got '{other}'"),
    };

    static ParameterSpace ParseParameter(SweepYamlNode node, SearchStrategy strategy)
    {
        var key = RunConfigKeys.Find(node.Key)!;
        if (node.IsList || node.IsNull)
        {
            var items = node.Items();
            if (items.Count == 0) throw node.Error("needs at least one value");
            var values = new List<double>();
            foreach (var item in items)
            {
                var value = RunConfigValue(item, key);
                if (values.Contains(value)) throw item.Error($"lists {value} twice");
                values.Add(value);
            }
            return ParameterSpace.FromValues(node.Key, values);
        }
        if (!node.IsMapping)
            throw node.Error($"must be a list of values, or uniform: [a, b] or log_uniform: [a, b], got {node.Described()}");
        if (strategy == SearchStrategy.Grid)
            throw node.Error("a range needs strategy random; a grid takes a list of values");
        var range = node.Mapping(RangeKeys);
        if (range.Entries.Count != 1) throw node.Error("needs exactly one of uniform: [a, b] or log_uniform: [a, b]");
        var bounds = range.Entries[0];
        var ends = bounds.Items();
        if (ends.Count != 2) throw bounds.Error($"must be [low, high], got {ends.Count} values");
        var (low, high) = (RunConfigValue(ends[0], key), RunConfigValue(ends[1], key));
        if (low > high) throw bounds.Error($"low must not be above high, got [{low}, {high}]");
        if (bounds.Key == "uniform") return ParameterSpace.Uniform(node.Key, low, high);
        if (low <= 0) throw bounds.Error($"bounds must be > 0, got [{low}, {high}]");
        return ParameterSpace.LogUniform(node.Key, low, high);
    }

    static SweepResources ParseResources(SweepYamlNode? node)
    {
        var resources = node?.Mapping(ResourceKeys);
        var defaults = new SweepResources();
        if (resources is null) return defaults;
        return new SweepResources
        {
            MaxConcurrent = resources.Optional("max_concurrent")?.WholeNumber(1) ?? defaults.MaxConcurrent,
            GpusPerTrial = resources.Optional("gpus_per_trial") is { } gpus ? ParseGpuShare(gpus) : defaults.GpusPerTrial,
            MaxFailures = resources.Optional("max_failures")?.WholeNumber(1) ?? defaults.MaxFailures,
        };
    }

    static SweepObjective ParseObjective(SweepYamlMapping root, string sweepDirectory, Func<string, string?> environment)
    {
        var objective = root.Optional("objective")?.Mapping(ObjectiveKeys);
        if (objective is null) return new SweepObjective();
        var metricNode = objective.Optional("metric");
        var metric = metricNode?.Text() ?? QualityMetrics.Swd;
        if (QualityObjective.MetricReason(metric) is { } badMetric) throw metricNode!.Error(badMetric);
        int? samples = null;
        if (objective.Optional("samples") is { } samplesNode)
        {
            samples = samplesNode.WholeNumber(int.MinValue);
            if (QualityObjective.SamplesReason(metric, samples.Value) is { } badSamples) throw samplesNode.Error(badSamples);
        }
        var weightsNode = objective.Optional("inception_weights");
        var weights = weightsNode is null ? null : Path.GetFullPath(weightsNode.Text(), sweepDirectory);
        if (weights is not null && !File.Exists(weights)) throw weightsNode!.Error($"no such file {weights}");
        var parsed = new QualityObjective { Metric = metric, Samples = samples, InceptionWeights = weights };
        if (parsed.NeedsInceptionWeights)
        {
            weights = parsed.ResolveInceptionWeights(environment);
            if (weights is null)
                throw objective.Error("inception_weights",
                    $"{metric} needs pytorch-fid's Inception-v3 weights (pt_inception-2015-12-05-6726825d.pth): " +
                    $"set it here or in {QualityObjective.InceptionWeightsVariable}");
            if (!File.Exists(weights))
                throw objective.Error("inception_weights", $"{metric} needs pytorch-fid's Inception-v3 weights; {QualityObjective.InceptionWeightsVariable} names {weights}, which is not a file");
        }
        return new SweepObjective { Metric = metric, Samples = samples, InceptionWeights = weights };
    }

    static double ParseGpuShare(SweepYamlNode node)
    {
        var gpus = node.Number();
        return SweepResources.GpuShare(gpus)
            ?? throw node.Error($"must be 0 (CPU), 1 (a whole GPU) or 1/k for k up to {SweepResources.MaxTrialsPerGpu} (0.5, 0.25, ...): a run trains on one device; got {gpus}");
    }

    static double RunConfigValue(SweepYamlNode node, RunConfigKey key)
    {
        var value = node.Number();
        return key.Reason(value) is { } reason ? throw node.Error(reason) : value;
    }

    // Every listed value and bound is checked already; what is left is a random draw of an
    // integer key that breaks a rule other than a range, like an odd batch_size.
    static void EnsureExpandable(SweepDefinition sweep, SweepYamlMapping root)
    {
        try
        {
            SweepExpander.Expand(sweep);
        }
        catch (RunConfigException e)
        {
            var parameter = root.Required("search").Mapping(SearchKeys).Required("parameters")
                                .Mapping(RunConfigKeys.Names).Required(e.Key);
            throw parameter.Error($"a draw {e.Reason}; list the allowed values instead");
        }
    }
}
