using OrleansGan.Testing;

namespace OrleansGan.Observability.Tests;

/// <summary>
/// A short sweep on a real silo, scraped by a real Prometheus with the repository's scrape job, submitted and followed
/// through the real CLI. Keeps what the silo exported while the runs trained and after they finished.
/// </summary>
public sealed class ObservedSweep : IAsyncLifetime
{
    /// <summary>
    /// Two runs at once, with a summary (D accuracy, the trainer's own swd score, a checkpoint) after each epoch; the
    /// fewest samples a score takes keeps scoring light beside these short epochs. ASHA decides for each run, whatever the
    /// scores: both arrive at the rung at epoch 1 with fewer than eta = 3 scores there, so both stop and wait for a
    /// promotion that two runs never give.
    /// </summary>
    static readonly string Sweep = SmallSweepFile.Yaml("observed", epochs: 3, stepsPerEpoch: 20, lrG: [0.0002, 0.0004], maxConcurrent: 2, more: """
        objective: { metric: swd, samples: 64 }
        scheduler:
          asha: { grace_epochs: 1, reduction_factor: 3, max_epochs: 2 }
        """);

    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan SweepLimit = TimeSpan.FromMinutes(8);
    static readonly TimeSpan CliLimit = TimeSpan.FromMinutes(1);

    readonly TempDirectory _temp = new();

    public SiloProcess Silo { get; private set; } = null!;
    public PrometheusServer Prometheus { get; private set; } = null!;
    public string ExperimentId { get; private set; } = "";
    public IReadOnlyList<string> RunIds => [$"{ExperimentId}-r000", $"{ExperimentId}-r001"];
    public DateTimeOffset SubmittedAt { get; private set; }
    public DateTimeOffset FinishedAt { get; private set; }

    /// <summary>`orleansgan watch` until the experiment finished.</summary>
    public ChildProcess Watch { get; private set; } = null!;

    /// <summary>Every sample the silo exported while the sweep ran (scraped every second) and once it had finished.</summary>
    public IReadOnlyList<ScrapedSample> WhileTraining { get; private set; } = [];
    public IReadOnlyList<ScrapedSample> AfterFinish { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Silo = await EmbeddedSilo.StartAsync(Path.Combine(_temp.Path, "silo"), isolatedTrials: true);
        var config = ScrapeJob.FromRepository().ToPrometheusConfig(Silo.Url.Authority, $"{ScrapeInterval.TotalSeconds}s");
        Prometheus = await PrometheusServer.StartAsync(Path.Combine(_temp.Path, "prometheus"), config);

        var sweepFile = Path.Combine(_temp.Path, "sweep.yaml");
        await File.WriteAllTextAsync(sweepFile, Sweep);
        SubmittedAt = DateTimeOffset.UtcNow;
        var submit = await ChildProcess.RunAsync(CliPath, _temp.Path, ["sweep", "submit", sweepFile, "--gateway", Silo.Gateway, "--connect-timeout", "120"], CliLimit);
        Assert.True(submit.ExitCode == 0, $"sweep submit failed:\n{submit.Out}\n{submit.Error}");
        ExperimentId = submit.Out.Trim();

        Watch = ChildProcess.Start(CliPath, _temp.Path, ["watch", ExperimentId, "--gateway", Silo.Gateway, "--connect-timeout", "120"]);
        WhileTraining = await ScrapeUntilWatchEnds();
        FinishedAt = DateTimeOffset.UtcNow;
        Assert.True(Watch.ExitCode == 0, $"watch {ExperimentId} ended with {Watch.ExitCode}:\n{Watch.Out}\n{Watch.Error}");

        // A run ASHA stops has ended before its worker's attempt does (it writes and scores a stop checkpoint): wait for
        // the slots to be free. Two scrapes later Prometheus has seen the silo as it is now, with the finished runs gone.
        await ScrapeUntilSlotsFree();
        await Task.Delay(2 * ScrapeInterval);
        AfterFinish = ScrapedSample.Parse(await Silo.ScrapeAsync());
    }

    async Task<IReadOnlyList<ScrapedSample>> ScrapeUntilWatchEnds()
    {
        var samples = new List<ScrapedSample>();
        var deadline = DateTime.UtcNow + SweepLimit;
        while (!Watch.HasExited)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{ExperimentId} not finished after {SweepLimit}:\n{Watch.Error}");
            samples.AddRange(ScrapedSample.Parse(await Silo.ScrapeAsync()));
            await Task.Delay(ScrapeInterval);
        }
        await Watch.WaitForExitAsync(CliLimit);
        return samples;
    }

    async Task ScrapeUntilSlotsFree()
    {
        var deadline = DateTime.UtcNow + CliLimit;
        while (!ScrapedSample.Parse(await Silo.ScrapeAsync()).Any(s => s.Name == "orleansgan_worker_slots_free" && s.Value == 2))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the worker's slots not free {CliLimit} after {ExperimentId} finished");
            await Task.Delay(ScrapeInterval);
        }
    }

    static string CliPath => Path.Combine(AppContext.BaseDirectory, "orleansgan");

    public Task DisposeAsync()
    {
        Watch?.Dispose();
        Prometheus?.Dispose();
        Silo?.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
