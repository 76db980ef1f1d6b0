using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OrleansGan.Hosting.Telemetry;
using OrleansGan.Hosting;
using OrleansGan.Testing;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Observability.Tests;

/// <summary>
/// The per-run instruments through the silo's real OpenTelemetry setup and Prometheus endpoint, served on a loopback
/// port and read over HTTP, with runs fed the way the trainer feeds them.
/// </summary>
public sealed class RunTelemetryTests : IAsyncLifetime
{
    static readonly TimeSpan ExportLimit = TimeSpan.FromSeconds(10);

    WebApplication _app = null!;
    readonly HttpClient _http = new();
    RunTelemetry _telemetry = null!;

    public async Task InitializeAsync()
    {
        var options = new OrleansGanOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.AddOrleansGanTelemetry(options);
        builder.Services.AddSingleton<RunTelemetry>();
        _app = builder.Build();
        _app.MapOrleansGanTelemetry(options);
        await _app.StartAsync();
        _http.BaseAddress = new Uri(_app.Urls.Single());
        _telemetry = _app.Services.GetRequiredService<RunTelemetry>();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_run_in_training_is_exported_under_its_experiment_and_run_only()
    {
        using var run = _telemetry.Track("exp-a", "exp-a-r000");
        var steps = Enumerable.Range(1, 10).Select(i => Step(i, seconds: i <= 4 ? 0.02 : 0.3)).ToList();
        run.OnSteps(steps);
        run.OnSummary(new SummaryReport(10, 1, AccuracyReal: 0.75, AccuracyFake: 0.25, "grid.png", "checkpoint.bin", "sha")
        {
            Scores = new Dictionary<string, double> { ["swd"] = 12.5, ["fid"] = 40.25 },
        });

        var samples = await ScrapeUntil(s => s.Any(x => x.Name == "orleansgan_run_checkpoints_total" && x.Label("run") == "exp-a-r000"));
        double Value(string name, string? le = null) =>
            Assert.Single(samples, s => s.Name == name && s.Label("run") == "exp-a-r000" && s.Label("le") == le).Value;

        Assert.Equal(steps[^1].D1, Value("orleansgan_run_loss_d1"), 6);
        Assert.Equal(steps[^1].D2, Value("orleansgan_run_loss_d2"), 6);
        Assert.Equal(steps[^1].G, Value("orleansgan_run_loss_g"), 6);
        Assert.Equal(0.75, Value("orleansgan_run_accuracy_real_ratio"));
        Assert.Equal(0.25, Value("orleansgan_run_accuracy_fake_ratio"));
        Assert.Equal(10, Value("orleansgan_run_steps_total"));
        Assert.Equal(160, Value("orleansgan_run_images_total"));
        Assert.Equal(1, Value("orleansgan_run_checkpoints_total"));
        Assert.InRange(Value("orleansgan_run_checkpoint_age_seconds"), 0, ExportLimit.TotalSeconds);
        Assert.Equal(0, Value("orleansgan_run_step_duration_seconds_bucket", le: "0.01"));
        Assert.Equal(4, Value("orleansgan_run_step_duration_seconds_bucket", le: "0.025"));
        Assert.Equal(4, Value("orleansgan_run_step_duration_seconds_bucket", le: "0.25"));
        Assert.Equal(10, Value("orleansgan_run_step_duration_seconds_bucket", le: "0.5"));
        Assert.Equal(10, Value("orleansgan_run_step_duration_seconds_bucket", le: "+Inf"));
        Assert.Equal(10, Value("orleansgan_run_step_duration_seconds_count"));
        Assert.Equal(4 * 0.02 + 6 * 0.3, Value("orleansgan_run_step_duration_seconds_sum"), 9);
        Assert.Equal([("fid", 40.25), ("swd", 12.5)], samples.Where(s => s.Name == "orleansgan_run_quality" && s.Label("run") == "exp-a-r000")
            .Select(s => (s.Label("metric"), s.Value)).Order());
        Assert.All(samples.Where(s => s.Label("run") == "exp-a-r000"), s => Assert.Equal(
            s.Name.EndsWith("_bucket") ? ["experiment", "le", "run"] : s.Name == "orleansgan_run_quality" ? ["experiment", "metric", "run"] : new[] { "experiment", "run" },
            s.Labels.Keys.Order()));
        Assert.All(samples.Where(s => s.Label("run") == "exp-a-r000"), s => Assert.Equal("exp-a", s.Label("experiment")));
    }

    [Fact]
    public async Task A_finished_run_stops_being_exported_while_the_others_go_on()
    {
        var finished = _telemetry.Track("exp-b", "exp-b-r000");
        using var running = _telemetry.Track("exp-b", "exp-b-r001");
        foreach (var run in new[] { finished, running })
        {
            run.OnSteps([Step(1, seconds: 0.1)]);
            run.OnSummary(new SummaryReport(1, 1, 0.5, 0.5, "grid.png", "checkpoint.bin", "sha"));
        }
        await ScrapeUntil(s => s.Any(x => x.Name == "orleansgan_run_checkpoints_total" && x.Label("run") == "exp-b-r000"));

        finished.Dispose();

        var after = await ScrapeUntil(s => !s.Any(x => x.Label("run") == "exp-b-r000"));
        var stillExported = after.Where(s => s.Label("run") == "exp-b-r001").Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "orleansgan_run_loss_d1", "orleansgan_run_loss_d2", "orleansgan_run_loss_g",
            "orleansgan_run_accuracy_real_ratio", "orleansgan_run_accuracy_fake_ratio",
            "orleansgan_run_steps_total", "orleansgan_run_images_total", "orleansgan_run_checkpoints_total",
            "orleansgan_run_checkpoint_age_seconds", "orleansgan_run_step_duration_seconds_bucket",
            "orleansgan_run_step_duration_seconds_sum", "orleansgan_run_step_duration_seconds_count",
        }, stillExported);
    }

    static StepMetrics Step(int step, double seconds) =>
        new(step, 1, step, 100, D1: 0.5 + step / 100.0, D2: 0.6 + step / 100.0, G: 1.5 - step / 100.0, seconds, ImagesPerSecond: 16 / seconds);

    /// <summary>Scrapes /metrics until the condition holds (the exporter caches a response for a moment).</summary>
    async Task<IReadOnlyList<ScrapedSample>> ScrapeUntil(Func<IReadOnlyList<ScrapedSample>, bool> condition)
    {
        var deadline = DateTime.UtcNow + ExportLimit;
        while (true)
        {
            var samples = ScrapedSample.Parse(await _http.GetStringAsync("/metrics"));
            if (condition(samples)) return samples;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"/metrics never met the condition in {ExportLimit}:\n{string.Join("\n", samples.Where(s => s.Name.StartsWith("orleansgan_")))}");
            await Task.Delay(100);
        }
    }
}
