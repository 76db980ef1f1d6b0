using System.Text.Json;

namespace OrleansGan.Orleans.Tests.Report;

/// <summary>The real `orleansgan` executable: `sweep run` writes the report, `report` rewrites it, bad input is refused.</summary>
public class ReportCommandTests
{
    const string Sweep = """
        name: reported
        data:
          synthetic: { images: 200, seed: 3 }
        train:
          epochs: 1
          steps_per_epoch: 2
          batch_size: 16
          summary_every_epochs: 1
          eval_samples: 16
          grid: 2
        search:
          strategy: grid
          parameters:
            lr_g: [0.0002, 0.0004]
        resources:
          max_concurrent: 2
        """;

    [Fact]
    public async Task Sweep_run_writes_the_report_beside_the_runs_and_report_writes_it_again()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "sweep.yaml"), Sweep);

        var run = await Cli.RunAsync(temp.Path, "sweep", "run", "sweep.yaml", "--data-dir", "data", "--slots", "2", "--json");

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var id = json.RootElement.GetProperty("experiment").GetProperty("experiment_id").GetString()!;
        var path = Path.Combine(temp.Path, "data", "experiments", id, "report.html");
        Assert.Equal(path, json.RootElement.GetProperty("report").GetString());
        var (page, errors) = ReportedSweep.Parse(await File.ReadAllTextAsync(path));
        Assert.Empty(errors);
        Assert.Equal(["r000", "r001"], page.QuerySelectorAll("table.ranking tbody tr").Select(r => r.GetAttribute("data-run")));
        Assert.Equal(Sweep, page.QuerySelector("#sweep pre")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll(".timeline figure.grid img[src]").Length);

        File.Delete(path);
        var again = await Cli.RunAsync(temp.Path, "report", id, "--local", "--data-dir", "data");

        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.StartsWith($"report: {path} (", again.Out);
        Assert.Contains("2 of 2 run(s) in full", again.Out);
        Assert.True(File.Exists(path));
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["report"], "error: report: give an experiment id or --runs RUN ..., not both" },
        { ["report", "e1", "--runs", "r1"], "error: report: give an experiment id or --runs RUN ..., not both" },
        { ["report", "e1", "--top", "0"], "error: --top 0: must be at least 1" },
        { ["report", "e1", "--max-mb", "0"], "error: --max-mb 0: must be more than 0" },
        { ["report", "nope", "--local", "--data-dir", "data"], "error: no experiment nope" },
        { ["report", "--runs", "nope-r000", "--local", "--data-dir", "data"], "error: no run nope-r000" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_one_line_with_exit_code_2_and_writes_nothing(string[] args, string expected)
    {
        using var temp = new TempDirectory();

        var result = await Cli.RunAsync(temp.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(File.Exists(Path.Combine(temp.Path, "report.html")));
    }
}
