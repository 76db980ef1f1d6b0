using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Dom.Events;
using AngleSharp.Html.Parser;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.SweepFiles;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Orleans.Tests.Report;

/// <summary>
/// A real short sweep (in-process cluster, real trainer, synthetic data), then its report written by the real
/// `orleansgan report` command with --top 3, so that one of the four runs is in the table only.
/// </summary>
public sealed class ReportedSweep : IAsyncLifetime
{
    public const string Yaml = """
        # A short sweep for the report tests.
        name: report-test
        description: Four short runs, three of them shown in full.
        data:
          synthetic: { images: 300, seed: 5 }
        train:
          epochs: 3
          steps_per_epoch: 3
          batch_size: 16
          summary_every_epochs: 1
          eval_samples: 16
          grid: 4
        search:
          strategy: grid
          parameters:
            lr_g: [0.0002, 0.0004]
            beta1: [0.5, 0.9]
        resources:
          max_concurrent: 2
        """;

    public const int Top = 3;

    readonly TempDirectory _data = new();

    public string DataDirectory => _data.Path;
    public string ReportPath => Path.Combine(_data.Path, "report.html");
    public string ExperimentId { get; private set; } = "";
    public IReadOnlyList<RunSnapshot> Runs { get; private set; } = [];
    public JsonElement CommandOutput { get; private set; }
    public string Html { get; private set; } = "";
    public IHtmlDocument Page { get; private set; } = null!;
    public IReadOnlyList<string> ParseErrors { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await using (var cluster = await TestCluster.StartAsync(_data.Path, slots: 2))
        {
            ExperimentId = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(SweepFileParser.ParseText(Yaml, "report-test.yaml"));
            var experiment = await cluster.Client.WaitUntilFinishedAsync(ExperimentId, TimeSpan.FromMinutes(15));
            Runs = await Task.WhenAll(experiment.Runs.Select(r => cluster.Client.GetGrain<IRunGrain>(r.RunId).GetSnapshot()));
        }

        var result = await Cli.RunAsync(_data.Path, "report", ExperimentId, "--local", "--data-dir", _data.Path,
            "--out", ReportPath, "--top", Top.ToString(), "--json");
        if (result.ExitCode != 0) throw new InvalidOperationException($"orleansgan report exited {result.ExitCode}:\n{result.Out}\n{result.Error}");
        CommandOutput = JsonDocument.Parse(result.Out).RootElement.Clone();
        Html = await File.ReadAllTextAsync(ReportPath);
        (Page, ParseErrors) = Parse(Html);
        KeepForLooking(ReportPath);
    }

    /// <summary>Parses with AngleSharp, collecting every HTML5 parse error it reports.</summary>
    public static (IHtmlDocument Page, IReadOnlyList<string> Errors) Parse(string html)
    {
        var parser = new HtmlParser();
        var errors = new List<string>();
        parser.Error += (_, e) => errors.Add(e is HtmlErrorEvent error ? $"{error.Position}: {error.Message}" : e.ToString()!);
        return (parser.ParseDocument(html), errors);
    }

    /// <summary>The step lines a run's metrics.jsonl holds: what its per-step chart lines are drawn from.</summary>
    public int JournalSteps(RunSnapshot run) =>
        new MetricsJournal(new RunDirectory(ArtifactPaths.Resolve(_data.Path, run.Spec.ArtifactDirectory)).MetricsPath).Read().Count(l => l.Step is not null);

    /// <summary>With ORLEANSGAN_KEEP_REPORT set to a directory, the report and its screenshot are copied there to look at.</summary>
    public static void KeepForLooking(string file)
    {
        if (Environment.GetEnvironmentVariable("ORLEANSGAN_KEEP_REPORT") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
        }
    }

    public Task DisposeAsync()
    {
        _data.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ReportedSweepCollection : ICollectionFixture<ReportedSweep>
{
    public const string Name = "reported sweep";
}
