using OrleansGan.Training.Configuration;

namespace OrleansGan.Sweeps;

/// <summary>
/// Checks a sweep that arrives as an object (a grain call, not a file) by the rules the sweep file parser applies:
/// the name, every run-configuration value by its key's rule, the search, the limits and the GPU share.
/// </summary>
public static class SweepValidator
{
    /// <exception cref="InvalidSweepException">the first rule the sweep breaks, as "key: reason".</exception>
    public static void Validate(SweepDefinition sweep)
    {
        if (Problem(sweep) is { } problem) throw new InvalidSweepException($"sweep '{sweep.Name}': {problem}");
    }

    static string? Problem(SweepDefinition sweep) =>
        NameProblem(sweep.Name)
        ?? DataProblem(sweep.Data)
        ?? sweep.Train.Select(p => ValueProblem("train", p.Key, p.Value)).FirstOrDefault(p => p is not null)
        ?? SearchProblem(sweep.Search)
        ?? ResourcesProblem(sweep.Resources)
        ?? ObjectiveProblem(sweep.Objective)
        ?? SchedulerProblem(sweep)
        ?? ExpansionProblem(sweep);

    static string? NameProblem(string? name) =>
        name is not null && SweepDefinition.IsValidName(name) ? null
            : $"name: must be 1 to 63 lowercase letters, digits or '-', starting with a letter or digit, got '{name}'";

    static string? DataProblem(DataSource? data) => data switch
    {
        null => "data: is required",
        { Kind: DataSourceKind.Cifar10, Cifar10Directory: null or "" } => "data.cifar10: needs a directory",
        { Kind: DataSourceKind.Synthetic, SyntheticImages: < DataSource.MinSyntheticImages } =>
            $"data.synthetic.images: must be >= {DataSource.MinSyntheticImages}, got {data.SyntheticImages}",
        { Kind: DataSourceKind.Synthetic, SyntheticSeed: < 0 } => $"data.synthetic.seed: must be >= 0, got {data.SyntheticSeed}",
        { Kind: DataSourceKind.Cifar10 or DataSourceKind.Synthetic } => null,
        _ => $"data: unknown kind {data.Kind}",
    };

    static string? SearchProblem(SearchSpace search)
    {
        if (search.Parameters.Select(p => p.Key).Distinct().Count() != search.Parameters.Length)
            return "search.parameters: a key is listed twice";
        if (search.Parameters.Select(ParameterProblem).FirstOrDefault(p => p is not null) is { } parameter) return parameter;
        switch (search.Strategy)
        {
            case SearchStrategy.Grid:
                if (search.Parameters.Any(p => p.Sampling != ParameterSampling.Values))
                    return "search.parameters: a range needs strategy random; a grid takes a list of values";
                var variants = search.Parameters.Aggregate(1L, (product, p) => Math.Min(product * p.Values.Length, SweepDefinition.MaxVariants + 1L));
                return variants > SweepDefinition.MaxVariants ? $"search.parameters: the grid has more than {SweepDefinition.MaxVariants} variants" : null;
            case SearchStrategy.Random:
                if (search.Trials is not { } trials) return "search.trials: is required for strategy random";
                if (trials is < 1 or > SweepDefinition.MaxVariants) return $"search.trials: must be 1 to {SweepDefinition.MaxVariants}, got {trials}";
                if (search.Seed < 0) return $"search.seed: must be >= 0, got {search.Seed}";
                return search.Parameters.IsEmpty ? "search.parameters: a random search needs at least one parameter" : null;
            default:
                return $"search.strategy: must be grid or random, got {search.Strategy}";
        }
    }

    static string? ParameterProblem(ParameterSpace parameter)
    {
        var key = $"search.parameters.{parameter.Key}";
        if (parameter.Sampling == ParameterSampling.Values)
            return parameter.Values.IsEmpty ? $"{key}: needs at least one value"
                : parameter.Values.Select(v => ValueProblem("search.parameters", parameter.Key, v)).FirstOrDefault(p => p is not null);
        if ((ValueProblem("search.parameters", parameter.Key, parameter.Low) ?? ValueProblem("search.parameters", parameter.Key, parameter.High)) is { } bound)
            return bound;
        if (parameter.Low > parameter.High) return $"{key}: low must not be above high, got [{parameter.Low}, {parameter.High}]";
        return parameter.Sampling == ParameterSampling.LogUniform && parameter.Low <= 0
            ? $"{key}: bounds must be > 0, got [{parameter.Low}, {parameter.High}]"
            : null;
    }

    static string? ValueProblem(string section, string name, double value) =>
        RunConfigKeys.Find(name) is not { } key ? $"{section}.{name}: unknown key"
            : key.Reason(value) is { } reason ? $"{section}.{name}: {reason}"
            : null;

    static string? ResourcesProblem(SweepResources resources)
    {
        if (resources.MaxConcurrent < SweepResources.MinLimit)
            return $"resources.max_concurrent: must be >= {SweepResources.MinLimit}, got {resources.MaxConcurrent}";
        if (resources.MaxFailures < SweepResources.MinLimit)
            return $"resources.max_failures: must be >= {SweepResources.MinLimit}, got {resources.MaxFailures}";
        return SweepResources.GpuShare(resources.GpusPerTrial) == resources.GpusPerTrial ? null
            : $"resources.gpus_per_trial: must be 0 (CPU), 1 (a whole GPU) or 1/k for k up to {SweepResources.MaxTrialsPerGpu}, got {resources.GpusPerTrial}";
    }

    static string? ObjectiveProblem(SweepObjective objective)
    {
        if (!QualityMetrics.All.Contains(objective.Metric))
            return $"objective.metric: must be one of {string.Join(", ", QualityMetrics.All)}, got '{objective.Metric}'";
        return objective.Samples is < 1 ? $"objective.samples: must be >= 1, got {objective.Samples}" : null;
    }

    /// <summary>A scheduler is checked by its rules; PBT is then refused: the experiment grain does not exploit runs yet.</summary>
    static string? SchedulerProblem(SweepDefinition sweep) => sweep.Scheduler is null ? null
        : SchedulerRules.Problem(sweep) is { } problem ? $"{problem.Key}: {problem.Reason}"
        : SchedulerRules.NotRunYet(sweep.Scheduler);

    /// <summary>What is left once every value is in range: a drawn integer that breaks another rule, like an odd batch_size.</summary>
    static string? ExpansionProblem(SweepDefinition sweep)
    {
        if (sweep.Search.Strategy != SearchStrategy.Random || !sweep.Search.Parameters.Any(DrawsIntegers)) return null;
        try
        {
            SweepExpander.Expand(sweep);
            return null;
        }
        catch (RunConfigException e)
        {
            return $"search.parameters.{e.Key}: a draw {e.Reason}; list the allowed values instead";
        }
    }

    static bool DrawsIntegers(ParameterSpace parameter) =>
        parameter.Sampling != ParameterSampling.Values && RunConfigKeys.Find(parameter.Key)?.Kind == RunConfigValueKind.Integer;
}
