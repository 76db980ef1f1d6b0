using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using OrleansGan.Cli.Report;
using OrleansGan.Runs;
using static OrleansGan.Orleans.Tests.Report.ReportFixtures;

namespace OrleansGan.Orleans.Tests.Report;

/// <summary>
/// Reports of runs that carry quality scores (as workers will report them), long runs whose series are down-sampled,
/// a page size limit, and a report made without the artifact root.
/// </summary>
public class ScoredReportTests
{
    static readonly RunPlan[] Plans =
    [
        new(1000, [40, 30, 35, 33]),
        new(400, [50, 45, 20, 25]),
        new(12, [null, null, null], RunStatus.Failed, "attempt 3 failed: boom", Failures: 3),
        new(1000, [60, 10, 70], NonFiniteSteps: Enumerable.Range(100, 10).Select(s => (long)s).ToHashSet()),
    ];

    [Fact]
    public void Runs_are_ranked_by_their_best_score_and_unscored_runs_follow()
    {
        using var root = new TempDirectory();
        var page = Render(Write(root.Path, Plans), root.Path);

        var rows = page.QuerySelectorAll("table.ranking tbody tr");
        Assert.Equal(["r003", "r001", "r000", "r002"], rows.Select(r => r.GetAttribute("data-run")));
        Assert.Equal(["10", "20", "30", "–"], rows.Select(r => r.QuerySelector("td.best-score")!.TextContent));
        var failed = rows[3];
        Assert.Equal("attempt 3 failed: boom", failed.QuerySelector("td.notes")!.TextContent);
        Assert.Contains("3 (3 failed)", failed.TextContent);
        Assert.Contains("Runs without a score follow in submission order", page.QuerySelector("#ranking .note")!.TextContent);
    }

    [Fact]
    public void A_pbt_members_notes_give_each_exploit_it_went_through()
    {
        using var root = new TempDirectory();
        LineageEntry Exploit(int atEpoch, long donorStep, double before, double after) => new(atEpoch, RunIds.For(ExperimentId, 0), donorStep, atEpoch + 1, "00",
            [KeyValuePair.Create("lr_g", before), KeyValuePair.Create("lr_d", 0.0002)], [KeyValuePair.Create("lr_g", after), KeyValuePair.Create("lr_d", 0.00024)], DateTimeOffset.UnixEpoch);
        var page = Render(Write(root.Path, new RunPlan(1000, [40, 30]), new RunPlan(1000, [50, 35], Lineage: [Exploit(2, 500, 0.0004, 0.00012), Exploit(4, 750, 0.00012, 0.0001)])), root.Path);

        var notes = page.QuerySelector("table.ranking tbody tr[data-run=r001] td.notes")!;
        Assert.Equal(
        [
            "PBT at epoch 2: copied r000 step 500; lr_g 0.0004 -> 0.00012, lr_d 0.0002 -> 0.00024",
            "PBT at epoch 4: copied r000 step 750; lr_g 0.00012 -> 0.0001, lr_d 0.0002 -> 0.00024",
        ], notes.QuerySelectorAll("div.lineage").Select(d => d.TextContent));
        Assert.Empty(page.QuerySelectorAll("table.ranking tbody tr[data-run=r000] td.notes div"));
    }

    [Fact]
    public void The_score_chart_has_a_dot_per_scored_summary_and_rings_each_run_best()
    {
        using var root = new TempDirectory();
        var page = Render(Write(root.Path, Plans), root.Path);

        var lines = page.QuerySelectorAll("#chart-score g.run").ToDictionary(g => g.GetAttribute("data-run")!);
        Assert.Equal((3, 4, 4, 0), (Dots(lines["r003"]), Dots(lines["r001"]), Dots(lines["r000"]), Dots(lines["r002"])));
        Assert.Equal(3, page.QuerySelectorAll("#chart-score circle.best").Length);
        foreach (var (run, step) in new[] { ("r003", "step 666"), ("r001", "step 300"), ("r000", "step 500") })
            Assert.Equal(step, page.QuerySelector($"#run-{run} figure.best figcaption b")!.TextContent);
        Assert.Contains("swd 10", page.QuerySelector("#run-r003 figure.best figcaption")!.TextContent);
    }

    [Fact]
    public void Long_series_are_reduced_to_bucket_means_and_non_finite_values_are_left_out()
    {
        using var root = new TempDirectory();
        var page = Render(Write(root.Path, Plans), root.Path);

        int Count(string run, string kind) =>
            page.QuerySelector($"#chart-d1 g.run[data-run={run}] polyline.{kind}")!.GetAttribute("points")!.Split(' ').Length;
        // 1,000 steps: buckets of 3, 334 points; 400: every step; 990 finite steps (10 NaN): 330 points.
        Assert.Equal((334, 334, 400, 12, 330), (Count("r000", "raw"), Count("r000", "smooth"), Count("r001", "raw"), Count("r002", "raw"), Count("r003", "raw")));
    }

    [Fact]
    public void Step_series_points_are_bucket_means_at_the_bucket_last_step_and_the_smoothing_starts_at_the_first_value()
    {
        var (raw, smoothed) = StepSeries.Draw(Enumerable.Range(1, 1000).Select(i => new ChartPoint(i, i)));

        Assert.Equal(334, raw.Count);
        Assert.Equal(new ChartPoint(3, 2), raw[0]);
        Assert.Equal(new ChartPoint(999, 998), raw[332]);
        Assert.Equal(new ChartPoint(1000, 1000), raw[^1]);
        Assert.Equal(raw.Select(p => p.X), smoothed.Select(p => p.X));
        Assert.Equal(1, StepSeries.Draw([new ChartPoint(1, 1), new ChartPoint(2, 3)]).Smoothed[0].Y);
        Assert.All(smoothed, p => Assert.True(p.Y <= p.X, "the average of a rising series (y = step) trails it"));
    }

    [Fact]
    public void Past_the_size_limit_timelines_thin_out_but_keep_every_run_best()
    {
        using var root = new TempDirectory();
        var subject = Write(root.Path, Plans);
        var full = ReportPage.Render(subject, root.Path, top: 12, maxBytes: 10_000_000, DateTimeOffset.UnixEpoch);
        const int limit = 300_000;

        var html = ReportPage.Render(subject, root.Path, top: 12, maxBytes: limit, DateTimeOffset.UnixEpoch);
        var page = ReportedSweep.Parse(html).Page;

        Assert.True(Encoding.UTF8.GetByteCount(full) > 600_000);
        Assert.True(Encoding.UTF8.GetByteCount(html) <= limit, $"{Encoding.UTF8.GetByteCount(html)} bytes");
        Assert.All(page.QuerySelectorAll("article.run-samples[data-run]"), a => Assert.NotNull(a.QuerySelector("figure.best img[src]")));
        var leftOut = page.QuerySelectorAll(".timeline .missing").Length;
        Assert.InRange(leftOut, 1, 10);
        Assert.Contains($"{leftOut} grid(s) left out to keep this page within 0.3 MB; --max-mb 1 shows every one.", page.QuerySelector("#samples .note")!.TextContent);
        Assert.Equal(14, ReportedSweep.Parse(full).Page.QuerySelectorAll(".timeline img[src]").Length);
    }

    [Fact]
    public void Without_the_artifact_root_the_charts_use_the_grain_history_and_the_grids_say_why_they_are_missing()
    {
        using var root = new TempDirectory();
        var page = Render(Write(root.Path, Plans), artifactRoot: null);

        Assert.Empty(page.QuerySelectorAll(".timeline img"));
        Assert.All(page.QuerySelectorAll(".timeline .missing"), m => Assert.Equal("no artifact root", m.TextContent));
        Assert.Contains("the run grain's history", page.QuerySelector("#curves .note")!.TextContent);
        Assert.Equal(12, page.QuerySelector("#chart-d1 g.run[data-run=r002] polyline.raw")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Contains("Its files are not reachable", page.QuerySelector("#data")!.TextContent);
    }

    [Fact]
    public void Runs_beyond_top_are_in_the_table_only()
    {
        using var root = new TempDirectory();
        var page = Render(Write(root.Path, Plans), root.Path, top: 2);

        Assert.Equal(4, page.QuerySelectorAll("table.ranking tbody tr").Length);
        Assert.Equal(["run-r003", "run-r001"], page.QuerySelectorAll("article.run-samples[data-run]").Select(a => a.Id));
        Assert.Equal(["r003", "r001"], page.QuerySelectorAll("#chart-g g.run").Select(g => g.GetAttribute("data-run")));
        Assert.Contains("the other 2 are in this table only", page.QuerySelector("#ranking .note")!.TextContent);
    }

    [Fact]
    public void Runs_of_several_experiments_are_named_in_full_with_their_experiment()
    {
        using var root = new TempDirectory();
        var first = Write(root.Path, "first-20260101-000000", Plans[0], Plans[1]);
        var second = Write(root.Path, "second-20260101-000000", Plans[3]);
        var subject = new ReportSubject("3 runs from 2 experiments", [.. first.Experiments, .. second.Experiments], [.. first.Runs, .. second.Runs]);

        var page = Render(subject, root.Path);

        var rows = page.QuerySelectorAll("table.ranking tbody tr");
        Assert.Equal(["second-20260101-000000-r000", "first-20260101-000000-r001", "first-20260101-000000-r000"], rows.Select(r => r.GetAttribute("data-run")));
        Assert.Equal(["second-20260101-000000", "first-20260101-000000", "first-20260101-000000"], rows.Select(r => r.Children[2].TextContent));
        Assert.Equal("3 runs from 2 experiments", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("#sweep pre").Length);
    }

    static IHtmlDocument Render(ReportSubject subject, string? artifactRoot, int top = 12)
    {
        var html = ReportPage.Render(subject, artifactRoot, top, maxBytes: 10_000_000, DateTimeOffset.UnixEpoch);
        var (page, errors) = ReportedSweep.Parse(html);
        Assert.Empty(errors);
        return page;
    }

    static int Dots(IElement line) => line.QuerySelectorAll("circle:not(.best)").Length;
}
