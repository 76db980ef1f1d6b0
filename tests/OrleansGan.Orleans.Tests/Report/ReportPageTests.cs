using System.Globalization;
using AngleSharp.Dom;
using OrleansGan.Runs;
using OrleansGan.Testing;

namespace OrleansGan.Orleans.Tests.Report;

/// <summary>The page `orleansgan report` wrote for a real short sweep, read back with a real HTML parser.</summary>
[Collection(ReportedSweepCollection.Name)]
public class ReportPageTests(ReportedSweep sweep)
{
    const string DataUri = "data:image/png;base64,";
    static readonly string[] StepCharts = ["d1", "d2", "g", "ips"];

    [Fact]
    public void The_page_parses_without_errors_and_the_command_says_where_it_is()
    {
        Assert.Empty(sweep.ParseErrors);
        Assert.Equal(sweep.ReportPath, sweep.CommandOutput.GetProperty("path").GetString());
        Assert.Equal((4, ReportedSweep.Top), (sweep.CommandOutput.GetProperty("runs").GetInt32(), sweep.CommandOutput.GetProperty("runs_in_full").GetInt32()));
        Assert.Equal(new FileInfo(sweep.ReportPath).Length, sweep.CommandOutput.GetProperty("bytes").GetInt64());
        Assert.Equal("report-test · OrleansGan report", sweep.Page.Title);
        Assert.Empty(Directory.GetFiles(sweep.DataDirectory, "*.tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Every_run_is_in_the_table_ranked_with_status_hyperparameters_and_attempts()
    {
        var rows = sweep.Page.QuerySelectorAll("table.ranking tbody tr");
        Assert.Equal(Expected().Select(r => r.Label), rows.Select(r => r.GetAttribute("data-run")));
        Assert.Equal(["1", "2", "3", "4"], rows.Select(r => r.Children[0].TextContent));
        var headers = sweep.Page.QuerySelectorAll("table.ranking th").Select(h => h.TextContent).ToList();
        Assert.Contains("lr_g", headers);
        Assert.Contains("beta1", headers);
        Assert.Contains("notes", headers);
        Assert.All(rows, row => Assert.Equal("completed", row.QuerySelector(".status")!.TextContent));
        Assert.All(rows, row => Assert.Contains("9 / 9", row.TextContent));
        Assert.Equal(["in-full", "in-full", "in-full", "table-only"], rows.Select(r => r.ClassName));
        Assert.Null(rows[3].QuerySelector("a"));
        Assert.All(rows.Take(3), row => Assert.Equal("#run-" + row.GetAttribute("data-run"), row.QuerySelector("a")!.GetAttribute("href")));
    }

    [Fact]
    public void Every_embedded_image_decodes_at_the_size_the_page_gives_it()
    {
        var images = sweep.Page.QuerySelectorAll("img[src]").ToList();
        Assert.NotEmpty(images);
        foreach (var image in images)
        {
            var src = image.GetAttribute("src")!;
            Assert.StartsWith(DataUri, src);
            var png = Decode(image);
            var (width, height) = (int.Parse(image.GetAttribute("width")!), int.Parse(image.GetAttribute("height")!));
            Assert.Equal(0, width % png.Width);
            Assert.Equal((width / png.Width) * png.Height, height);
        }
        // grid: 4, so 4 x 4 images of 32 pixels with 2 between: 134 pixels, generated and real alike.
        Assert.All(sweep.Page.QuerySelectorAll(".timeline img"), image => Assert.Equal(134, Decode(image).Width));
        var dataset = Assert.Single(sweep.Page.QuerySelectorAll("#samples figure.dataset img[src]"));
        Assert.Equal(134, Decode(dataset).Width);
    }

    [Fact]
    public void Each_run_in_full_has_a_grid_at_every_summary_with_its_best_marked()
    {
        var articles = sweep.Page.QuerySelectorAll("article.run-samples[data-run]");
        var expected = Expected().Take(ReportedSweep.Top).ToList();
        Assert.Equal(expected.Select(r => "run-" + r.Label), articles.Select(a => a.Id));
        foreach (var (article, ranked) in articles.Zip(expected))
        {
            var figures = article.QuerySelectorAll(".timeline figure");
            Assert.Equal(ranked.Run.Checkpoints.OrderBy(c => c.Step).Select(c => $"step {c.Step}"), figures.Select(f => f.QuerySelector("figcaption b")!.TextContent));
            Assert.All(figures, f => Assert.NotNull(f.QuerySelector("img[src]")));
            var best = Assert.Single(article.QuerySelectorAll("figure.best"));
            Assert.Equal($"step {ranked.Best!.Step}", best.QuerySelector("figcaption b")!.TextContent);
            Assert.Equal(File.ReadAllBytes(ArtifactPaths.Resolve(sweep.DataDirectory, ranked.Best.GridPath)),
                Convert.FromBase64String(best.QuerySelector("img")!.GetAttribute("src")![DataUri.Length..]));
        }
    }

    [Fact]
    public void Step_charts_have_a_point_per_step_for_each_run_in_full_and_none_for_the_rest()
    {
        var expected = Expected().Take(ReportedSweep.Top).ToList();
        foreach (var chart in StepCharts)
        {
            var runs = sweep.Page.QuerySelectorAll($"#chart-{chart} g.run");
            Assert.Equal(expected.Select(r => r.Label), runs.Select(g => g.GetAttribute("data-run")));
            foreach (var (group, ranked) in runs.Zip(expected))
            {
                var steps = sweep.JournalSteps(ranked.Run);
                Assert.Equal(9, steps);
                foreach (var kind in new[] { "raw", "smooth" })
                {
                    var xs = Points(group.QuerySelector($"polyline.{kind}")!).Select(p => p.X).ToList();
                    Assert.Equal(steps, xs.Count);
                    Assert.Equal(xs.Order(), xs);
                }
            }
        }
    }

    [Fact]
    public void Summary_charts_have_a_point_per_summary_and_scores_degrade_to_a_message_when_absent()
    {
        var expected = Expected().Take(ReportedSweep.Top).ToList();
        var accuracy = sweep.Page.QuerySelectorAll("#chart-accuracy g.run");
        Assert.Equal(expected.SelectMany(r => new[] { r.Label, r.Label }), accuracy.Select(g => g.GetAttribute("data-run")));
        Assert.All(accuracy.Zip(expected.SelectMany(r => new[] { r, r })),
            pair => Assert.Equal(pair.Second.Run.Checkpoints.Count, Points(pair.First.QuerySelector("polyline")!).Count));

        var score = sweep.Page.QuerySelector("#chart-score")!;
        var scored = expected.Where(r => r.BestScore is not null).ToList();
        if (scored.Count == 0)
        {
            Assert.Contains("no swd scores recorded yet", score.TextContent);
            Assert.Contains("No swd scores recorded for these runs", sweep.Page.QuerySelector("#ranking .note")!.TextContent);
        }
        else
        {
            Assert.Equal(scored.Select(r => r.Run.Checkpoints.Count(c => c.Scores.ContainsKey("swd"))),
                score.QuerySelectorAll("g.run").Where(g => scored.Any(r => r.Label == g.GetAttribute("data-run"))).Select(g => g.QuerySelectorAll("circle:not(.best)").Length));
        }
    }

    [Fact]
    public void The_sweep_file_as_submitted_and_the_data_set_are_shown()
    {
        Assert.Equal(ReportedSweep.Yaml, sweep.Page.QuerySelector("#sweep pre")!.TextContent);
        Assert.Contains("synthetic: 300 generated images (seed 5)", sweep.Page.QuerySelector("#data")!.TextContent);
        Assert.Contains("Four short runs, three of them shown in full.", sweep.Page.QuerySelector("header")!.TextContent);
    }

    [Fact]
    public void The_page_needs_no_network()
    {
        Assert.DoesNotContain("http://", sweep.Html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", sweep.Html);
        Assert.All(sweep.Page.QuerySelectorAll("[src]"), e => Assert.StartsWith("data:", e.GetAttribute("src")));
        Assert.All(sweep.Page.QuerySelectorAll("link[href]"), e => Assert.StartsWith("data:", e.GetAttribute("href")));
    }

    sealed record ExpectedRun(string Label, RunSnapshot Run, CheckpointRecord? Best, double? BestScore);

    /// <summary>
    /// The order the report must rank the runs in: scored runs by their lowest swd, then the rest as submitted. A run's
    /// best checkpoint is its lowest-scored one, else the run grain's pick (D nearest chance).
    /// </summary>
    IReadOnlyList<ExpectedRun> Expected() => sweep.Runs
        .OrderBy(r => r.Spec.Index)
        .Select(run =>
        {
            var scored = run.Checkpoints.Where(c => c.Scores.ContainsKey("swd")).ToList();
            var best = scored.Count > 0 ? scored.MinBy(c => c.Scores["swd"]) : run.BestCheckpoint;
            return new ExpectedRun(run.RunId[^4..], run, best, scored.Count > 0 ? best!.Scores["swd"] : null);
        })
        .OrderBy(r => r.BestScore is null).ThenBy(r => r.BestScore)
        .ToList();

    static PngDecoder.Decoded Decode(IElement image) =>
        PngDecoder.Decode(Convert.FromBase64String(image.GetAttribute("src")![DataUri.Length..]));

    static List<(double X, double Y)> Points(IElement polyline) =>
        polyline.GetAttribute("points")!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
