using OrleansGan.SweepFiles;

namespace OrleansGan.Sweeps.Tests;

/// <summary>The grains' check of a sweep that comes as an object: the same rules as the sweep file's.</summary>
public class SweepValidatorTests
{
    static SweepDefinition Valid => SweepFileParser.ParseText(SweepFileParserTests.ExampleAsRandom, "/sweeps/lr.yaml");

    public static TheoryData<string> AcceptedFiles => new()
    {
        SweepFileParserTests.ExampleAsGrid,
        SweepFileParserTests.ExampleAsRandom,
        File.ReadAllText(Repository.PathOf("examples/quickstart.yaml")),
        File.ReadAllText(Repository.PathOf("examples/seed-cifar10.yaml")),
    };

    [Theory, MemberData(nameof(AcceptedFiles))]
    public void Every_sweep_the_file_parser_accepts_passes(string yaml) =>
        SweepValidator.Validate(SweepFileParser.ParseText(yaml, "/sweeps/any.yaml"));

    public static TheoryData<string, SweepDefinition> Broken => new()
    {
        { "name: must be 1 to 63 lowercase letters", Valid with { Name = "Lr_Sweep" } },
        { "data.synthetic.images: must be >= 5, got 2", Valid with { Data = DataSource.Synthetic(2, 0) } },
        { "train.batch_size: must be even and >= 2, got 3", Valid with { Train = [KeyValuePair.Create("batch_size", 3.0)] } },
        { "train.warmup: unknown key", Valid with { Train = [KeyValuePair.Create("warmup", 3.0)] } },
        { "search.trials: must be 1 to 10000, got 10001", Valid with { Search = Valid.Search with { Trials = 10_001 } } },
        { "search.trials: is required for strategy random", Valid with { Search = Valid.Search with { Trials = null } } },
        { "search.parameters: the grid has more than 10000 variants", Valid with { Search = new SearchSpace { Parameters =
            [ParameterSpace.FromValues("lr_g", Enumerable.Range(1, 101).Select(i => i * 1e-5)), ParameterSpace.FromValues("seed", Enumerable.Range(0, 100).Select(i => (double)i))] } } },
        { "search.parameters: a range needs strategy random", Valid with { Search = Valid.Search with { Strategy = SearchStrategy.Grid } } },
        { "search.parameters.beta1: low must not be above high", Valid with { Search = Valid.Search with { Parameters = [ParameterSpace.Uniform("beta1", 0.9, 0.5)] } } },
        { "search.parameters.lr_d: must be > 0, got 0", Valid with { Search = Valid.Search with { Parameters = [ParameterSpace.LogUniform("lr_d", 0, 0.1)] } } },
        { "search.parameters.dropout: bounds must be > 0", Valid with { Search = Valid.Search with { Parameters = [ParameterSpace.LogUniform("dropout", 0, 0.5)] } } },
        { "search.parameters.batch_size: a draw must be even", Valid with { Search = Valid.Search with { Parameters = [ParameterSpace.Uniform("batch_size", 2, 64)] } } },
        { "resources.max_concurrent: must be >= 1, got 0", Valid with { Resources = new SweepResources { MaxConcurrent = 0 } } },
        { "resources.max_failures: must be >= 1, got -2", Valid with { Resources = new SweepResources { MaxFailures = -2 } } },
        { "resources.gpus_per_trial: must be 0 (CPU), 1 (a whole GPU) or 1/k", Valid with { Resources = new SweepResources { GpusPerTrial = 2 } } },
        { "resources.gpus_per_trial: must be 0 (CPU), 1 (a whole GPU) or 1/k", Valid with { Resources = new SweepResources { GpusPerTrial = 0.333 } } },
        { "objective.metric: must be one of swd, fid, kid, got 'is'", Valid with { Objective = new SweepObjective { Metric = "is" } } },
    };

    [Theory, MemberData(nameof(Broken))]
    public void A_broken_sweep_is_refused_in_one_line_naming_its_key(string reason, SweepDefinition sweep)
    {
        var refused = Assert.Throws<InvalidSweepException>(() => SweepValidator.Validate(sweep));

        Assert.StartsWith($"sweep '{sweep.Name}': {reason}", refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void A_share_the_file_parser_would_round_is_refused_as_given()
    {
        // The parser turns 0.333 into exactly 1/3; an object must carry the share it means.
        SweepValidator.Validate(Valid with { Resources = new SweepResources { GpusPerTrial = SweepResources.GpuShare(0.333)!.Value } });
    }
}
