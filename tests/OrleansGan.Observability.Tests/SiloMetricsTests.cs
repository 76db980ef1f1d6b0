namespace OrleansGan.Observability.Tests;

/// <summary>What the silo's /metrics endpoint served during and after the sweep of <see cref="ObservedSweep"/>.</summary>
[Collection(ObservedSweepCollection.Name)]
public sealed class SiloMetricsTests(ObservedSweep sweep)
{
    static readonly string[] PerRun =
    [
        "orleansgan_run_loss_d1", "orleansgan_run_loss_d2", "orleansgan_run_loss_g",
        "orleansgan_run_accuracy_real_ratio", "orleansgan_run_accuracy_fake_ratio",
        "orleansgan_run_steps_total", "orleansgan_run_images_total",
        "orleansgan_run_step_duration_seconds_bucket", "orleansgan_run_step_duration_seconds_sum", "orleansgan_run_step_duration_seconds_count",
        "orleansgan_run_checkpoints_total", "orleansgan_run_checkpoint_age_seconds", "orleansgan_run_quality",
    ];

    [Fact]
    public void Every_run_number_was_exported_for_each_run_labelled_experiment_and_run_only()
    {
        foreach (var run in sweep.RunIds)
        {
            var samples = sweep.WhileTraining.Where(s => s.Label("run") == run).ToList();
            Assert.Superset(PerRun.ToHashSet(), samples.Select(s => s.Name).ToHashSet());
            Assert.All(samples, s => Assert.Equal(sweep.ExperimentId, s.Label("experiment")));
            Assert.All(samples, s => Assert.Empty(s.Labels.Keys.Except(["experiment", "run", "le", "metric"])));
            Assert.All(samples, s => Assert.Equal(s.Name == "orleansgan_run_quality", s.Label("metric") is not null));
        }
    }

    [Fact]
    public void The_quality_score_of_each_summary_was_exported_per_metric()
    {
        foreach (var run in sweep.RunIds)
        {
            var scores = sweep.WhileTraining.Where(s => s.Name == "orleansgan_run_quality" && s.Label("run") == run).ToList();
            Assert.Contains(scores, s => s.Label("metric") == "swd" && double.IsFinite(s.Value) && s.Value > 0);
        }
    }

    [Fact]
    public void Worker_cluster_and_runtime_metrics_were_exported()
    {
        var names = sweep.WhileTraining.Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "orleansgan_worker_slots_busy", "orleansgan_worker_slots_free", "orleansgan_runs",
            "orleans_app_requests_latency_milliseconds_bucket", "orleans_catalog_activations",
            "dotnet_process_cpu_time_seconds_total", "dotnet_gc_collections_total",
        }, names);
        Assert.Contains(sweep.WhileTraining, s => s.Name == "orleansgan_worker_slots_busy" && s.Label("device_kind") == "cpu" && s.Value == 2);
        Assert.Contains(sweep.WhileTraining, s => s.Name == "orleansgan_runs" && s.Label("experiment") == sweep.ExperimentId && s.Label("status") == "running" && s.Value == 2);
    }

    [Fact]
    public void A_finished_runs_series_are_no_longer_exported()
    {
        Assert.DoesNotContain(sweep.AfterFinish, s => s.Label("experiment") == sweep.ExperimentId && s.Name.StartsWith("orleansgan_run_"));
        Assert.Contains(sweep.AfterFinish, s => s.Name == "orleansgan_runs" && s.Label("experiment") == sweep.ExperimentId && s.Label("status") == "stopped" && s.Value == 2);
        Assert.Contains(sweep.AfterFinish, s => s.Name == "orleansgan_worker_slots_free" && s.Value == 2);
    }

    [Fact]
    public void Watch_shows_the_training_numbers_from_the_grains()
    {
        foreach (var run in sweep.RunIds)
        {
            var lines = sweep.Watch.Error.Split('\n').Where(l => l.StartsWith(run + " ")).ToList();
            Assert.Contains(lines, l => l.Contains(" d1=") && l.Contains(" d2=") && l.Contains(" g="));
            Assert.Contains(lines, l => l.Contains(" D accuracy real="));
            Assert.Contains(lines, l => l.Contains(" swd=") && l.Contains("(best "));
        }
    }
}
