using System.Collections.Immutable;
using OrleansGan.Scheduling;

namespace OrleansGan.Sweeps.Tests.Scheduling;

public class PbtPopulationTests
{
    static SweepDefinition Sweep(SearchSpace search) => new()
    {
        Name = "pbt",
        Data = DataSource.Synthetic(100, 0),
        Train = [KeyValuePair.Create("epochs", 20.0), KeyValuePair.Create("summary_every_epochs", 1.0)],
        Search = search,
    };

    static readonly SearchSpace Grid = new()
    {
        Parameters = [ParameterSpace.FromValues("lr_g", [0.0001, 0.0002, 0.0004]), ParameterSpace.FromValues("beta1", [0.5, 0.9])],
    };

    static readonly SearchSpace Ranges = new()
    {
        Strategy = SearchStrategy.Random, Trials = 8, Seed = 11,
        Parameters = [ParameterSpace.LogUniform("lr_g", 0.00005, 0.001), ParameterSpace.Uniform("beta1", 0.3, 0.95)],
    };

    static PbtPopulation Populate(SearchSpace search, PbtSpec spec)
    {
        var sweep = Sweep(search);
        var population = PbtPopulation.Start(spec, sweep);
        foreach (var variant in SweepExpander.Expand(sweep)) population.Join($"r{variant.Index}", variant.Config);
        return population;
    }

    static readonly PbtSpec Spec = new() { IntervalEpochs = 2, Quantile = 0.25, ResampleProbability = 0.25, Mutable = ["lr_g", "beta1"] };

    /// <summary>Every run reports a score at every epoch, in a fixed order with scores that shuffle the ranking each epoch.</summary>
    static List<PbtDecision> Script(PbtPopulation population, int epochs)
    {
        var runs = population.Members.Select(m => m.Run).ToList();
        var decisions = new List<PbtDecision>();
        for (var epoch = 1; epoch <= epochs; epoch++)
            for (var i = 0; i < runs.Count; i++)
                decisions.Add(population.Report(runs[i], epoch, (i * 7 + epoch * 3) % runs.Count + 0.5 * epoch));
        return decisions;
    }

    [Fact]
    public void The_same_seed_and_report_order_give_the_same_decisions()
    {
        var first = Script(Populate(Ranges, Spec), 12);
        var again = Script(Populate(Ranges, Spec), 12);
        var otherSeed = Script(Populate(Ranges with { Seed = 12 }, Spec), 12);

        Assert.Contains(first, d => d.Exploit is not null);
        Assert.Equal(first.Select(d => d.Reason), again.Select(d => d.Reason));
        Assert.NotEqual(first.Select(d => d.Reason), otherSeed.Select(d => d.Reason));
    }

    [Fact]
    public void A_population_restored_from_its_serialized_state_decides_as_the_original_would()
    {
        var original = Populate(Ranges, Spec);
        Script(original, 5);

        var restored = SchedulerState.RoundTrip(original);

        Assert.NotSame(original.Members[0], restored.Members[0]);
        Assert.Equal(original.RandomState, restored.RandomState);
        Assert.Equal(Script(original, 4).Select(d => d.Reason), Script(restored, 4).Select(d => d.Reason));
    }

    [Theory]
    [InlineData(0.0), InlineData(0.5), InlineData(1.0)]
    public void Explores_only_within_the_search_space(double resampleProbability)
    {
        var spec = Spec with { ResampleProbability = resampleProbability, PerturbLow = 0.5, PerturbHigh = 3 };
        var onGrid = Script(Populate(Grid, spec), 40).Select(d => d.Exploit).OfType<PbtExploit>().ToList();
        var inRanges = Script(Populate(Ranges, spec), 40).Select(d => d.Exploit).OfType<PbtExploit>().ToList();

        Assert.True(onGrid.Count > 20 && inRanges.Count > 20, $"{onGrid.Count} and {inRanges.Count} exploits");
        foreach (var exploit in onGrid)
        {
            Assert.Contains(Value(exploit.NewValues, "lr_g"), new[] { 0.0001, 0.0002, 0.0004 });
            Assert.Contains(Value(exploit.NewValues, "beta1"), new[] { 0.5, 0.9 });
        }
        foreach (var exploit in inRanges)
        {
            Assert.InRange(Value(exploit.NewValues, "lr_g"), 0.00005, 0.001);
            Assert.InRange(Value(exploit.NewValues, "beta1"), 0.3, 0.95);
        }
        // Some values move, and with perturbing, some stop at a bound of the space.
        Assert.Contains(inRanges, e => Value(e.NewValues, "beta1") != Value(e.OldValues, "beta1"));
    }

    [Fact]
    public void A_bottom_member_copies_a_top_member_and_perturbs_its_values()
    {
        // No resampling: each value is the donor's times 0.8 or 1.2; on the grid that is the next listed value down or up.
        var population = Populate(Grid, Spec with { ResampleProbability = 0 });
        // r0: lr_g 0.0001, beta1 0.5; r1: 0.0001, 0.9; r2: 0.0002, 0.5; r3: 0.0002, 0.9; ...
        Assert.Equal("PBT epoch 1: swd 30.0; next ranked at epoch 2", population.Report("r0", 1, 30).Reason);

        // r0 alone has a score: a population of 1 has no bottom group.
        Assert.Null(population.Report("r0", 2, 10).Exploit);
        // r0 10, r1 20: groups of min(ceil(2 x 0.25), 2 / 2) = 1; r1 is last and copies r0, the only top member.
        var decision = population.Report("r1", 2, 20);

        var exploit = Assert.IsType<PbtExploit>(decision.Exploit);
        Assert.Equal(("r0", 2, 10.0), (exploit.Donor, exploit.DonorEpoch, exploit.DonorScore));
        Assert.Equal([KeyValuePair.Create("lr_g", 0.0001), KeyValuePair.Create("beta1", 0.9)], exploit.OldValues.AsEnumerable());
        // From r0's lr_g 0.0001 (the lowest listed): down stays, up is 0.0002. From its beta1 0.5: down stays, up is 0.9.
        Assert.Contains(Value(exploit.NewValues, "lr_g"), new[] { 0.0001, 0.0002 });
        Assert.Contains(Value(exploit.NewValues, "beta1"), new[] { 0.5, 0.9 });
        Assert.StartsWith("PBT epoch 2: swd 20.0 ranks 2 of 2, bottom 1: copies r0 at epoch 2 (swd 10.0); lr_g 0.0001 -> ", decision.Reason);

        // r1 now stands at r0's score, and is next ranked an interval after r0's epoch; the same report again gets the same decision.
        var r1 = population.Members.Single(m => m.Run == "r1");
        Assert.Equal((2, 10.0, 2), (r1.Epoch, r1.Score, r1.RankedAtEpoch));
        Assert.Equal(exploit.NewValues, r1.Values);
        Assert.Equal(decision, population.Report("r1", 2, 20));
        Assert.Equal("PBT epoch 3: swd 9.0; next ranked at epoch 4", population.Report("r1", 3, 9).Reason);
    }

    [Fact]
    public void A_member_that_left_is_neither_ranked_nor_copied()
    {
        var population = Populate(Grid, Spec with { ResampleProbability = 0 });
        population.Report("r0", 2, 1);
        population.Report("r1", 2, 20);
        population.Leave("r0");
        population.Leave("r1");

        // Left: r2 30 and r3 40 only; r3 is the bottom one and copies r2.
        population.Report("r2", 2, 30);
        var exploit = Assert.IsType<PbtExploit>(population.Report("r3", 2, 40).Exploit);
        Assert.Equal("r2", exploit.Donor);
    }

    static double Value(ImmutableArray<KeyValuePair<string, double>> values, string key) => values.Single(v => v.Key == key).Value;
}
