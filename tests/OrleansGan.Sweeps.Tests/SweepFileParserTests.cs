using OrleansGan.SweepFiles;
namespace OrleansGan.Sweeps.Tests;

public class SweepFileParserTests
{
    /// <summary>The sweep file format's documented example, as written there.</summary>
    public const string Example = """
        name: lr-beta-sweep          # required; lowercase letters, digits, '-'; 1..63 chars (must start with a letter or digit)
        description: any text        # optional
        data:
          cifar10: ./data/cifar-10-batches-bin    # a directory of the binary version
          # or: synthetic: { images: 5000, seed: 7 }
        train:                       # any run-configuration key; unset keys take the seed's defaults
          epochs: 20
          batch_size: 128
        search:
          strategy: grid             # grid | random
          trials: 8                  # random only (required there)
          seed: 42                   # random only
          parameters:                # any numeric or choice run-configuration key
            lr_g: [0.0001, 0.0002, 0.0004]          # a list: grid values, or random choice
            beta1: [0.5, 0.9]
            lr_d: { log_uniform: [0.00005, 0.001] } # random only; also uniform: [a, b]
        resources:
          max_concurrent: 4          # runs of this experiment at once
          gpus_per_trial: 1          # 1, a fraction like 0.25 (4 per GPU), or 0 for CPU
          max_failures: 3            # attempts per run before it is failed
        """;

    public static string ExampleAsGrid => Example.Replace("    lr_d: { log_uniform: [0.00005, 0.001] } # random only; also uniform: [a, b]\n", "");

    public static string ExampleAsRandom => Example.Replace("strategy: grid ", "strategy: random");

    [Fact]
    public void Reads_the_documented_example_as_a_random_search()
    {
        var sweep = SweepFileParser.ParseText(ExampleAsRandom, "/sweeps/lr.yaml");

        Assert.Equal(("lr-beta-sweep", "any text"), (sweep.Name, sweep.Description));
        Assert.Equal(DataSourceKind.Cifar10, sweep.Data.Kind);
        Assert.Equal("/sweeps/data/cifar-10-batches-bin", sweep.Data.Cifar10Directory);
        Assert.Equal([KeyValuePair.Create("epochs", 20.0), KeyValuePair.Create("batch_size", 128.0)], sweep.Train.AsEnumerable());
        Assert.Equal((SearchStrategy.Random, 8, 42), (sweep.Search.Strategy, sweep.Search.Trials, sweep.Search.Seed));
        Assert.Equal(["lr_g", "beta1", "lr_d"], sweep.Search.Parameters.Select(p => p.Key));
        Assert.Equal([0.0001, 0.0002, 0.0004], sweep.Search.Parameters[0].Values.AsEnumerable());
        var lrD = sweep.Search.Parameters[2];
        Assert.Equal((ParameterSampling.LogUniform, 0.00005, 0.001), (lrD.Sampling, lrD.Low, lrD.High));
        Assert.Equal(new SweepResources { MaxConcurrent = 4, GpusPerTrial = 1, MaxFailures = 3 }, sweep.Resources);
    }

    [Fact]
    public void Refuses_the_documented_example_as_a_grid_while_it_keeps_a_range()
    {
        var e = Assert.Throws<SweepFileException>(() => SweepFileParser.ParseText(Example, "lr.yaml"));

        Assert.Equal("lr.yaml:16: search.parameters.lr_d: a range needs strategy random; a grid takes a list of values", e.Message);
    }

    [Fact]
    public void Leaves_out_sections_at_their_defaults()
    {
        var sweep = SweepFileParser.ParseText("name: tiny\ndata: { synthetic: { images: 5 } }\nsearch:\n", "tiny.yaml");

        Assert.Equal(DataSource.Synthetic(5, 0), sweep.Data);
        Assert.Null(sweep.Description);
        Assert.Empty(sweep.Train);
        Assert.Equal((SearchStrategy.Grid, null, 0), (sweep.Search.Strategy, sweep.Search.Trials, sweep.Search.Seed));
        Assert.Empty(sweep.Search.Parameters);
        Assert.Equal(new SweepResources { MaxConcurrent = 4, GpusPerTrial = 0, MaxFailures = 3 }, sweep.Resources);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("0.5", 0.5)]
    [InlineData("0.25", 0.25)]
    [InlineData("0.333", 1.0 / 3)]
    [InlineData("0.0625", 1.0 / 16)]
    public void Takes_one_whole_gpu_or_an_even_share_of_one(string written, double share)
    {
        var sweep = SweepFileParser.ParseText($"name: g\ndata: {{ synthetic: {{ images: 5 }} }}\nresources: {{ gpus_per_trial: {written} }}\n", "g.yaml");

        Assert.Equal(share, sweep.Resources.GpusPerTrial);
    }

    [Fact]
    public void Resolves_a_relative_cifar10_directory_against_the_file_and_keeps_an_absolute_one()
    {
        static string? DirectoryOf(string cifar10, string file) =>
            SweepFileParser.ParseText($"name: c\ndata:\n  cifar10: {cifar10}\n", file).Data.Cifar10Directory;

        Assert.Equal("/work/data/cifar", DirectoryOf("../data/cifar", "/work/examples/c.yaml"));
        Assert.Equal("/mnt/cifar", DirectoryOf("/mnt/cifar", "/work/examples/c.yaml"));
        Assert.Equal(Path.GetFullPath("sweeps/cifar"), DirectoryOf("cifar", "sweeps/c.yaml"));
    }

    static string? NoEnvironment(string name) => null;

    [Fact]
    public void Scores_by_swd_at_the_devices_sample_count_when_the_file_sets_no_objective()
    {
        var sweep = SweepFileParser.ParseText("name: o\ndata: { synthetic: { images: 5 } }\n", "o.yaml", NoEnvironment);

        Assert.Equal(new SweepObjective { Metric = "swd", Samples = null, InceptionWeights = null }, sweep.Objective);
        Assert.Equal(new SweepObjective(), SweepFileParser.ParseText("name: o\ndata: { synthetic: { images: 5 } }\nobjective:\n", "o.yaml", NoEnvironment).Objective);
    }

    [Theory]
    [InlineData("swd", 64)]
    [InlineData("swd", 8192)]
    public void Reads_an_swd_objective_with_its_sample_count(string metric, int samples)
    {
        var sweep = SweepFileParser.ParseText($"name: o\ndata: {{ synthetic: {{ images: 5 }} }}\nobjective: {{ metric: {metric}, samples: {samples} }}\n", "o.yaml", NoEnvironment);

        Assert.Equal(new SweepObjective { Metric = metric, Samples = samples }, sweep.Objective);
        Assert.Equal(new Training.Configuration.QualityObjective { Metric = metric, Samples = samples }, sweep.Objective.ForTrainer());
    }

    [Fact]
    public void Takes_the_inception_weights_from_the_file_relative_to_it_or_else_from_the_environment()
    {
        var folder = Directory.CreateTempSubdirectory("sweep-objective-").FullName;
        try
        {
            var weights = Path.Combine(folder, "weights", "pt_inception.pth");
            Directory.CreateDirectory(Path.GetDirectoryName(weights)!);
            File.WriteAllText(weights, "stand-in");
            var file = Path.Combine(folder, "s.yaml");
            const string Head = "name: o\ndata: { synthetic: { images: 5 } }\n";

            var named = SweepFileParser.ParseText(Head + "objective: { metric: fid, samples: 50000, inception_weights: weights/pt_inception.pth }\n", file, NoEnvironment);
            Assert.Equal(new SweepObjective { Metric = "fid", Samples = 50000, InceptionWeights = weights }, named.Objective);

            var fromEnvironment = SweepFileParser.ParseText(Head + "objective: { metric: kid }\n", file,
                name => name == "ORLEANSGAN_INCEPTION_WEIGHTS" ? weights : null);
            Assert.Equal(new SweepObjective { Metric = "kid", InceptionWeights = weights }, fromEnvironment.Objective);

            var e = Assert.Throws<SweepFileException>(() => SweepFileParser.ParseText(Head + "objective:\n  metric: fid\n", file,
                name => name == "ORLEANSGAN_INCEPTION_WEIGHTS" ? weights + ".missing" : null));
            Assert.Equal($"{file}:3: objective.inception_weights: fid needs pytorch-fid's Inception-v3 weights; " +
                         $"ORLEANSGAN_INCEPTION_WEIGHTS names {weights}.missing, which is not a file", e.Message);

            e = Assert.Throws<SweepFileException>(() => SweepFileParser.ParseText(Head + "objective:\n  metric: fid\n  samples: 50001\n", file,
                name => weights));
            Assert.Equal($"{file}:5: objective.samples: must be <= 50000 for fid, got 50001", e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Reads_the_quickstart_example()
    {
        var path = Repository.PathOf("examples/quickstart.yaml");
        var sweep = SweepFileParser.Parse(path);

        Assert.Equal(DataSource.Synthetic(500, 7), sweep.Data);
        Assert.Equal(new SweepResources { MaxConcurrent = 2, GpusPerTrial = 0 }, sweep.Resources);
        Assert.Equal(new SweepObjective { Metric = "swd", Samples = 64 }, sweep.Objective);
        var variants = SweepExpander.Expand(sweep);
        Assert.Equal(2, variants.Count);
        var first = variants[0].Config.ToDictionary();
        Assert.Equal((4.0, 50.0, 32.0, 1.0, 32.0, 0.0001), (first["epochs"], first["steps_per_epoch"], first["batch_size"],
                                                           first["summary_every_epochs"], first["eval_samples"], first["lr_d"]));
        Assert.Equal([0.0001, 0.0002], variants.Select(v => v.Config.ToDictionary()["lr_g"]));
    }

    [Fact]
    public void Reads_the_seed_cifar10_example_with_its_data_in_the_default_data_folder()
    {
        var sweep = SweepFileParser.Parse(Repository.PathOf("examples/seed-cifar10.yaml"));

        Assert.Equal(Repository.PathOf("data/cifar-10-batches-bin"), sweep.Data.Cifar10Directory);
        Assert.Equal(new SweepResources { MaxConcurrent = 4, GpusPerTrial = 1 }, sweep.Resources);
        var variants = SweepExpander.Expand(sweep);
        Assert.Equal(6, variants.Count);
        var seedDefaults = Training.Configuration.RunConfigKeys.ToPairs(new Training.Configuration.RunConfig());
        Assert.Equal(seedDefaults, variants.Single(v => v.Parameters is [(_, 0.0002), (_, 0.5)]).Config);
    }

    [Fact]
    public void Names_the_file_it_reads_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: x\ndata: { cifar10: d }\nsearch: { strategy: bayes }\n");
        try
        {
            var e = Assert.Throws<SweepFileException>(() => SweepFileParser.Parse(path));
            Assert.Equal($"{path}:3: search.strategy: must be 'grid' or 'random', got 'bayes'", e.Message);
            Assert.Equal((path, 3, "search.strategy"), (e.File, e.Line, e.KeyPath));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(BadSweepFiles.All), MemberType = typeof(BadSweepFiles), DisableDiscoveryEnumeration = true)]
    public void Rejects_a_bad_file_naming_line_key_and_reason(string yaml, string message)
    {
        var e = Assert.Throws<SweepFileException>(() => SweepFileParser.ParseText(yaml, "bad.yaml", NoEnvironment));
        Assert.Equal(message, e.Message);
    }
}
