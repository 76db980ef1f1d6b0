using OrleansGan.SweepFiles;
using OrleansGan.Sweeps.Tests.Scheduling;
using OrleansGan.Training.Configuration;

namespace OrleansGan.Sweeps.Tests;

public class SchedulerFileTests
{
    const string Head = BadSchedulerBlocks.Head;

    [Fact]
    public void Reads_the_asha_block_as_the_issue_writes_it()
    {
        var sweep = SweepFileParser.ParseText(Head + "  asha: { grace_epochs: 1, reduction_factor: 3, max_epochs: 9 }\n", "s.yaml");

        var asha = Assert.IsType<AshaSpec>(sweep.Scheduler);
        Assert.Equal((1, 3, 9), (asha.GraceEpochs, asha.ReductionFactor, asha.MaxEpochs));
        Assert.Equal([1, 3], asha.Rungs());
    }

    [Fact]
    public void Asha_max_epochs_defaults_to_the_epochs_the_runs_train()
    {
        var sweep = SweepFileParser.ParseText(Head + "  asha:\n", "s.yaml");

        Assert.Equal(new AshaSpec { GraceEpochs = 1, ReductionFactor = 3, MaxEpochs = 9 }, sweep.Scheduler);
    }

    [Fact]
    public void Asha_rungs_may_stop_short_of_the_runs_epochs_on_a_summary()
    {
        var yaml = Head.Replace("summary_every_epochs: 1", "summary_every_epochs: 2")
                   + "  asha: { grace_epochs: 2, reduction_factor: 2, max_epochs: 8 }\n";

        var asha = Assert.IsType<AshaSpec>(SweepFileParser.ParseText(yaml, "s.yaml").Scheduler);

        Assert.Equal([2, 4], asha.Rungs());
    }

    [Fact]
    public void Reads_the_median_block_as_the_issue_writes_it()
    {
        var sweep = SweepFileParser.ParseText(Head + "  median: { grace_epochs: 2, min_runs: 3 }\n", "s.yaml");

        Assert.Equal(new MedianStoppingSpec { GraceEpochs = 2, MinRuns = 3 }, sweep.Scheduler);
    }

    [Fact]
    public void Reads_the_pbt_block_as_the_issue_writes_it()
    {
        var yaml = Head + "  pbt: { interval_epochs: 2, quantile: 0.25, resample_probability: 0.25, perturb: [0.8, 1.2], mutable: [lr_g, lr_d, beta1] }\n";

        var pbt = Assert.IsType<PbtSpec>(SweepFileParser.ParseText(yaml, "s.yaml").Scheduler);

        Assert.Equal((2, 0.25, 0.25, 0.8, 1.2), (pbt.IntervalEpochs, pbt.Quantile, pbt.ResampleProbability, pbt.PerturbLow, pbt.PerturbHigh));
        Assert.Equal(["lr_g", "lr_d", "beta1"], pbt.Mutable.AsEnumerable());
    }

    [Fact]
    public void A_sweep_without_a_scheduler_has_none()
    {
        Assert.Null(SweepFileParser.ParseText(Head.Replace("scheduler:\n", ""), "s.yaml").Scheduler);
    }

    [Theory]
    [MemberData(nameof(BadSchedulerBlocks.All), MemberType = typeof(BadSchedulerBlocks), DisableDiscoveryEnumeration = true)]
    public void Refuses_a_bad_scheduler_block_naming_line_key_and_reason(string yaml, string message)
    {
        var e = Assert.Throws<SweepFileException>(() => SweepFileParser.ParseText(yaml, "bad.yaml"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Refuses_a_scheduler_whose_objective_is_not_a_score_runs_get()
    {
        var sweep = SweepFileParser.ParseText(Head + "  median:\n", "s.yaml") with
        {
            Objective = new SweepObjective { Metric = "d_accuracy" },
        };

        var problem = SchedulerRules.Problem(sweep);

        Assert.Equal(new SchedulerProblem("scheduler",
            $"median decides on objective scores, and objective.metric 'd_accuracy' is not one a run is scored by ({string.Join(", ", QualityMetrics.All)})"),
            problem);
    }

    [Theory]
    [InlineData("lr_g"), InlineData("lr_d"), InlineData("beta1"), InlineData("beta2"), InlineData("dropout")]
    public void Optimizer_hyperparameters_and_dropout_may_change_mid_run(string key) => Assert.Null(PbtMutableKeys.Reason(key));

    [Fact]
    public void Every_other_run_configuration_key_is_refused_with_a_reason()
    {
        foreach (var key in RunConfigKeys.Names.Except(PbtMutableKeys.Allowed))
            Assert.Contains("(mutable keys: ", PbtMutableKeys.Reason(key));
    }

    [Theory]
    [InlineData("  asha: { grace_epochs: 1, reduction_factor: 3, max_epochs: 9 }\n")]
    [InlineData("  median: { grace_epochs: 2, min_runs: 3 }\n")]
    [InlineData("  pbt: { interval_epochs: 2, quantile: 0.25, resample_probability: 0.25, perturb: [0.8, 1.2], mutable: [lr_g, lr_d, beta1] }\n")]
    public void A_sweep_keeps_its_scheduler_through_the_grains_serializer(string block)
    {
        var sweep = SweepFileParser.ParseText(Head + block, "s.yaml");

        var restored = SchedulerState.RoundTrip(sweep).Scheduler;

        Assert.Equal(sweep.Scheduler!.GetType(), restored!.GetType());
        Assert.Equal(sweep.Scheduler is PbtSpec pbt ? pbt with { Mutable = [] } : sweep.Scheduler,
                     restored is PbtSpec copy ? copy with { Mutable = [] } : restored);
        Assert.Equal((sweep.Scheduler as PbtSpec)?.Mutable.ToArray(), (restored as PbtSpec)?.Mutable.ToArray());
    }
}
