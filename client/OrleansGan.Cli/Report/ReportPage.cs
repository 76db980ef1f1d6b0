using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using OrleansGan.Cli.Output;
using OrleansGan.Runs;

namespace OrleansGan.Cli.Report;

/// <summary>
/// The report as one self-contained HTML page: the ranking table, a chart per metric with a line per run, each run's
/// sample grids over time, the data set and the sweep file. The top runs get charts and samples; the rest are in the
/// table only. Charts are inline SVG (<see cref="SvgLineChart"/>); images are the workers' PNGs as data URIs.
/// </summary>
internal sealed class ReportPage
{
    /// <summary>Run colours, in rank order (Tableau 10, then two more); they repeat past twelve runs.</summary>
    static readonly string[] Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#6b6ecf", "#17becf", "#8c6d31"];

    /// <summary>How a run's best checkpoint is chosen while it has no score: <see cref="RunSnapshot.BestCheckpoint"/>'s rule.</summary>
    const string UnscoredBest = "its latest checkpoint";

    /// <summary>Grids smaller than this (in CSS pixels) are shown enlarged by a whole factor, pixel for pixel.</summary>
    const int MinGridDisplay = 200;

    StringBuilder _html = new();
    readonly ReportSubject _subject;
    readonly string? _artifactRoot;
    readonly string _metric;
    readonly IReadOnlyList<RankedRun> _ranked;
    readonly IReadOnlyList<RankedRun> _inFull;
    readonly IReadOnlyList<string> _differing;
    readonly bool _scored;
    readonly Dictionary<RankedRun, RunSteps> _steps = [];
    IReadOnlySet<CheckpointRecord> _embedded = new HashSet<CheckpointRecord>();
    long _maxBytes;
    long _bytesWithEveryGrid;

    ReportPage(ReportSubject subject, string? artifactRoot, int top)
    {
        _subject = subject;
        _artifactRoot = artifactRoot;
        _metric = RunRanking.ObjectiveMetric(subject.Runs);
        _ranked = RunRanking.Rank(subject.Runs, _metric);
        _inFull = _ranked.Take(top).ToList();
        _differing = RunComparison.Of(subject.Runs, artifactRoot).DifferingKeys;
        _scored = _ranked.Any(r => r.BestScore is not null);
    }

    /// <param name="maxBytes">The page's size limit: past it, fewer sample grids are embedded (<see cref="SampleSelection"/>).</param>
    public static string Render(ReportSubject subject, string? artifactRoot, int top, long maxBytes, DateTimeOffset writtenAt)
    {
        var page = new ReportPage(subject, artifactRoot, top) { _maxBytes = maxBytes };
        var withoutGrids = Encoding.UTF8.GetByteCount(page.Build(writtenAt));
        var grids = page._inFull.SelectMany(r => r.Run.Checkpoints).ToList();
        page._bytesWithEveryGrid = withoutGrids + grids.Sum(page.EmbeddedBytes);
        page._embedded = SampleSelection.Pick(page._inFull, page.EmbeddedBytes, maxBytes - withoutGrids);
        return page.Build(writtenAt);
    }

    string Build(DateTimeOffset writtenAt)
    {
        _html = new StringBuilder();
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<link rel=\"icon\" href=\"data:,\">")
            .Append($"<title>{E(_subject.Title)} · OrleansGan report</title><style>{Asset("report.css")}</style></head>\n<body>");
        Header();
        _html.Append("<nav><a href=\"#ranking\">Ranking</a><a href=\"#curves\">Curves</a><a href=\"#samples\">Samples</a>")
            .Append("<a href=\"#data\">Data set</a><a href=\"#sweep\">Sweep file</a></nav>\n<main>");
        Ranking();
        Curves();
        Samples();
        _html.Append("<div class=\"two\">");
        DataSets();
        SweepFiles();
        _html.Append("</div></main>\n");
        _html.Append($"<footer>Written by <code>orleansgan report</code> on {E(Formats.Time(writtenAt))}. One file: the charts are SVG drawn by ")
            .Append("OrleansGan, the sample grids are the PNG files the workers wrote, embedded; it needs no network and no server.</footer>")
            .Append("<div id=\"zoom\" hidden><img alt=\"\"></div>")
            .Append($"<script>{Asset("report.js")}</script></body></html>\n");
        return _html.ToString();
    }

    void Header()
    {
        _html.Append("<header>");
        var runs = _subject.Runs;
        var counts = string.Join(", ", runs.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Lower(g.Key)}"));
        if (_subject.SingleExperiment)
        {
            var e = _subject.Experiments[0].Entry;
            _html.Append($"<h1>{E(e.Name)}</h1><span class=\"status s-{Lower(e.Status)}\">{Lower(e.Status)}</span>")
                .Append($"<p class=\"meta\">experiment <code>{E(e.ExperimentId)}</code> · submitted {E(Formats.Time(e.SubmittedAt))}")
                .Append($" · finished {E(Formats.Time(e.FinishedAt))} · {runs.Count} run(s): {E(counts)} · objective <b>{E(_metric)}</b>, lower is better</p>");
            if (e.Description is { } description) _html.Append($"<p class=\"desc\">{E(description)}</p>");
        }
        else
        {
            _html.Append($"<h1>{E(_subject.Title)}</h1>")
                .Append($"<p class=\"meta\">{runs.Count} run(s): {E(counts)} · objective <b>{E(_metric)}</b>, lower is better</p>")
                .Append("<p class=\"desc\">from ")
                .Append(string.Join(", ", _subject.Experiments.Select(x => $"<code>{E(x.Entry.ExperimentId)}</code> ({Lower(x.Entry.Status)})")))
                .Append("</p>");
        }
        _html.Append("</header>\n");
    }

    void Ranking()
    {
        _html.Append("<section id=\"ranking\"><h2>Ranking</h2><p class=\"note\">");
        if (!_scored)
            _html.Append($"No <b>{E(_metric)}</b> scores recorded for these runs: they are in submission order, and a run's best checkpoint ")
                .Append($"is {UnscoredBest}.");
        else
            _html.Append($"Ordered by each run's best <b>{E(_metric)}</b> over its summaries (lower is better); its best checkpoint is the ")
                .Append(_ranked.All(r => r.BestScore is not null) ? "best-scored one." : "best-scored one. Runs without a score follow in submission order.");
        if (_inFull.Count < _ranked.Count)
            _html.Append($" The top {_inFull.Count} runs have charts and samples below; the other {_ranked.Count - _inFull.Count} are in this table only (<code>--top</code>).");
        _html.Append("</p><div class=\"table-wrap\"><table class=\"ranking\"><thead><tr><th class=\"num\">#</th><th>run</th>");
        if (!_subject.SingleExperiment) _html.Append("<th>experiment</th>");
        _html.Append("<th>status</th>");
        foreach (var key in _differing) _html.Append($"<th class=\"num\">{E(key)}</th>");
        _html.Append("<th class=\"num\">steps</th>");
        if (_scored) _html.Append($"<th class=\"num\">best {E(_metric)}</th>");
        _html.Append("<th class=\"num\">best checkpoint</th><th class=\"num\">D acc real / fake</th>");
        if (_scored) _html.Append($"<th class=\"num\">last {E(_metric)}</th>");
        _html.Append("<th class=\"num\">d1</th><th class=\"num\">d2</th><th class=\"num\">g</th><th class=\"num\">images/s</th>")
            .Append("<th class=\"num\">attempts</th><th>notes</th></tr></thead><tbody>");
        foreach (var ranked in _ranked) RankingRow(ranked);
        _html.Append("</tbody></table></div></section>\n");
    }

    void RankingRow(RankedRun ranked)
    {
        var run = ranked.Run;
        var inFull = ranked.Rank <= _inFull.Count;
        _html.Append($"<tr class=\"{(inFull ? "in-full" : "table-only")}\" data-run=\"{E(ranked.Label)}\"><td class=\"num\">{ranked.Rank}</td><td class=\"run\">");
        _html.Append(inFull ? $"<i class=\"swatch\" style=\"background:{Colour(ranked)}\"></i><a href=\"#{E(ranked.Anchor)}\">{E(ranked.Label)}</a>" : E(ranked.Label));
        _html.Append("</td>");
        if (!_subject.SingleExperiment) _html.Append($"<td>{E(run.Spec.ExperimentId)}</td>");
        _html.Append($"<td><span class=\"status s-{Lower(run.Status)}\">{Lower(run.Status)}</span></td>");
        foreach (var key in _differing)
            _html.Append($"<td class=\"num\">{Formats.Number(run.Spec.Config.FirstOrDefault(p => p.Key == key).Value)}</td>");
        _html.Append($"<td class=\"num\">{run.Step:N0}{(run.TotalSteps > 0 ? $" / {run.TotalSteps:N0}" : "")}</td>");
        if (_scored) _html.Append($"<td class=\"num best-score\">{Score(ranked.BestScore)}</td>");
        var best = ranked.Best;
        _html.Append($"<td class=\"num\">{(best is null ? "–" : $"step {best.Step:N0} · epoch {best.Epoch}")}</td>")
            .Append($"<td class=\"num\">{(best is null ? "–" : $"{Formats.Percent(best.AccuracyReal)} / {Formats.Percent(best.AccuracyFake)}")}</td>");
        if (_scored) _html.Append($"<td class=\"num\">{Score(ranked.LastScore)}</td>");
        var latest = run.Latest;
        _html.Append($"<td class=\"num\">{Loss(latest?.D1)}</td><td class=\"num\">{Loss(latest?.D2)}</td><td class=\"num\">{Loss(latest?.G)}</td>")
            .Append($"<td class=\"num\">{MedianImagesPerSecond(run)}</td>")
            .Append($"<td class=\"num\">{run.Attempts}{(run.Failures > 0 ? $" ({run.Failures} failed)" : "")}</td>")
            // The run's status reason: why it waits, retries, failed or was cancelled; or the scheduler's reason for stopping it.
            .Append($"<td class=\"notes\">{E(run.StatusReason ?? "")}");
        foreach (var entry in run.Lineage)
            _html.Append($"<div class=\"lineage\">PBT at epoch {entry.AtEpoch}: copied {E(Formats.ShortRunId(entry.DonorRun, run.Spec.ExperimentId))} " +
                $"step {entry.DonorStep.ToString("N0", CultureInfo.InvariantCulture)}; {E(Formats.Changes(entry.OldValues, entry.NewValues))}</div>");
        _html.Append("</td></tr>");
    }

    void Curves()
    {
        _html.Append("<section id=\"curves\"><h2>Curves</h2>");
        if (_inFull.Count == 0)
        {
            _html.Append("<p class=\"note\">No runs.</p></section>\n");
            return;
        }
        foreach (var ranked in _inFull.Where(r => !_steps.ContainsKey(r))) _steps[ranked] = RunSteps.Load(ranked.Run, _artifactRoot);
        var steps = _steps;
        _html.Append("<p class=\"note\">x: training step. Faint: every step's value (past ")
            .Append(CultureInfo.InvariantCulture, $"{StepSeries.MaxPoints} steps, the mean of each run of consecutive steps, ")
            .Append(CultureInfo.InvariantCulture, $"{StepSeries.MaxPoints} points at most); solid: smoothed (exponential moving average). ")
            .Append("Hover a run to pick it out.");
        var fromHistory = steps.Where(s => s.Value.Source != RunSteps.FromJournal).ToList();
        if (fromHistory.Count > 0)
            _html.Append(" Drawn from ")
                .Append(string.Join("; ", fromHistory.Select(s => $"{E(s.Key.Label)}: {E(s.Value.Source)}")))
                .Append('.');
        _html.Append("</p><div class=\"legend\">");
        foreach (var ranked in _inFull)
            _html.Append($"<span class=\"key\" data-run=\"{E(ranked.Label)}\"><i class=\"swatch\" style=\"background:{Colour(ranked)}\"></i>")
                .Append($"{E(ranked.Label)}<small>{E(Formats.Parameters(ranked.Run.Spec.Hyperparameters))}</small></span>");
        _html.Append("</div><div class=\"charts\">");
        StepChart("d1", "D loss on real images (d1)", steps, p => p.D1);
        StepChart("d2", "D loss on generated images (d2)", steps, p => p.D2);
        StepChart("g", "G loss (g)", steps, p => p.G);
        ScoreChart();
        AccuracyChart();
        StepChart("ips", "Images per second", steps, p => p.ImagesPerSecond, fromZero: true);
        _html.Append("</div></section>\n");
    }

    void StepChart(string id, string title, IReadOnlyDictionary<RankedRun, RunSteps> steps, Func<MetricPoint, double> value, bool fromZero = false)
    {
        var lines = _inFull.Select(ranked =>
        {
            var (raw, smoothed) = StepSeries.Draw(steps[ranked].Points.Select(p => new ChartPoint(p.Step, value(p))));
            return new ChartLine(ranked.Label, Colour(ranked), raw) { Smoothed = smoothed };
        }).ToList();
        Chart(id, title, "", SvgLineChart.Render(lines, fraction: false, "no steps recorded yet", fromZero));
    }

    void ScoreChart()
    {
        var lines = _inFull.Select(ranked =>
        {
            var points = ranked.Run.Checkpoints.OrderBy(c => c.Step)
                .Where(c => RunRanking.Score(c, _metric) is not null)
                .Select(c => new ChartPoint(c.Step, RunRanking.Score(c, _metric)!.Value)).ToList();
            var best = ranked.Best is { } b && ranked.BestScore is { } score ? new ChartPoint(b.Step, score) : (ChartPoint?)null;
            return new ChartLine(ranked.Label, Colour(ranked), points) { Dots = true, Marked = best };
        }).ToList();
        Chart("score", $"{_metric} at each summary", "lower is better; ○ best",
            SvgLineChart.Render(lines, fraction: false, $"no {_metric} scores recorded yet"));
    }

    void AccuracyChart()
    {
        var lines = _inFull.SelectMany(ranked =>
        {
            var checkpoints = ranked.Run.Checkpoints.OrderBy(c => c.Step).ToList();
            return new[]
            {
                new ChartLine(ranked.Label, Colour(ranked), checkpoints.Select(c => new ChartPoint(c.Step, c.AccuracyReal)).ToList()) { Dots = true },
                new ChartLine(ranked.Label, Colour(ranked), checkpoints.Select(c => new ChartPoint(c.Step, c.AccuracyFake)).ToList()) { Dots = true, Dashed = true },
            };
        }).ToList();
        Chart("accuracy", "D accuracy at each summary", "real solid, generated dashed; 50% is chance",
            SvgLineChart.Render(lines, fraction: true, "no summaries yet"));
    }

    void Chart(string id, string title, string subtitle, string svg) =>
        _html.Append($"<figure class=\"chart-card\" id=\"chart-{id}\"><figcaption>{E(title)}")
            .Append(subtitle.Length > 0 ? $" <small>{E(subtitle)}</small>" : "")
            .Append($"</figcaption>{svg}</figure>");

    void Samples()
    {
        _html.Append("<section id=\"samples\"><h2>Samples</h2><p class=\"note\">Each run's sample grid at every summary, oldest first: ")
            .Append("the same latent points each time, so a cell shows one sample as training goes on. ★ marks the best ")
            .Append(_scored ? $"(lowest {E(_metric)})" : $"(no scores yet: {UnscoredBest})")
            .Append(". Click a grid to enlarge it.");
        var leftOut = _inFull.Sum(r => r.Run.Checkpoints.Count(c => !_embedded.Contains(c) && EmbeddedBytes(c) > 0));
        if (leftOut > 0)
            _html.Append(CultureInfo.InvariantCulture, $" {leftOut} grid(s) left out to keep this page within {_maxBytes / 1e6:0.#} MB; ")
                .Append(CultureInfo.InvariantCulture, $"<code>--max-mb {Math.Ceiling(_bytesWithEveryGrid / 1e6):0}</code> shows every one.");
        if (_artifactRoot is null)
            _html.Append(" <b>No sample grids: this report was made without the artifact root; give <code>--data-dir</code> the directory the workers write to.</b>");
        _html.Append("</p>");
        RealImages();
        foreach (var ranked in _inFull) RunSamples(ranked);
        _html.Append("</section>\n");
    }

    void RunSamples(RankedRun ranked)
    {
        var run = ranked.Run;
        _html.Append($"<article class=\"run-samples\" id=\"{E(ranked.Anchor)}\" data-run=\"{E(ranked.Label)}\"><h3>")
            .Append($"<span><i class=\"swatch\" style=\"background:{Colour(ranked)}\"></i>#{ranked.Rank} {E(ranked.Label)}</span>")
            .Append($"<span class=\"params\">{E(Formats.Parameters(run.Spec.Hyperparameters))}</span>")
            .Append($"<span class=\"status s-{Lower(run.Status)}\">{Lower(run.Status)}</span>");
        if (ranked.BestScore is { } bestScore)
            _html.Append($"<span class=\"score\">best {E(_metric)} {Score(bestScore)} at step {ranked.Best!.Step:N0}</span>");
        _html.Append("</h3>");
        if (run.Checkpoints.Count == 0)
        {
            _html.Append("<p class=\"note\">No summaries yet.</p></article>");
            return;
        }
        _html.Append("<div class=\"timeline\">");
        foreach (var checkpoint in run.Checkpoints.OrderBy(c => c.Step)) Grid(ranked, checkpoint);
        _html.Append("</div></article>");
    }

    void Grid(RankedRun ranked, CheckpointRecord checkpoint)
    {
        var best = checkpoint == ranked.Best;
        _html.Append($"<figure class=\"{(best ? "grid best" : "grid")}\">");
        var png = _artifactRoot is null || !_embedded.Contains(checkpoint) ? null : EmbeddedPng.Read(GridFile(checkpoint));
        if (png is null)
        {
            var why = _artifactRoot is null ? "no artifact root"
                : EmbeddedBytes(checkpoint) > 0 ? "left out: page size limit"
                : $"grid not found: {E(checkpoint.GridPath)}";
            _html.Append($"<div class=\"missing\">{why}</div>");
        }
        else
        {
            var scale = Math.Max(1, MinGridDisplay / png.Width);
            _html.Append($"<img src=\"{png.DataUri}\" width=\"{png.Width * scale}\" height=\"{png.Height * scale}\" ")
                .Append($"alt=\"{E(ranked.Label)} at step {checkpoint.Step}\">");
        }
        if (best) _html.Append("<span class=\"badge\">★ best</span>");
        _html.Append($"<figcaption><b>step {checkpoint.Step:N0}</b> · epoch {checkpoint.Epoch}<br>");
        if (RunRanking.Score(checkpoint, _metric) is { } score) _html.Append($"{E(_metric)} {Score(score)} · ");
        _html.Append($"D {Formats.Percent(checkpoint.AccuracyReal)} / {Formats.Percent(checkpoint.AccuracyFake)}</figcaption></figure>");
    }

    /// <summary>The first training images of each data set, heading the samples, tiled as the samples are.</summary>
    void RealImages()
    {
        var side = (int)(_subject.Runs.FirstOrDefault()?.Spec.Config.FirstOrDefault(p => p.Key == "grid").Value ?? 0);
        foreach (var data in _subject.Experiments.Select(e => e.Sweep.Data).Distinct())
        {
            if (DataSetPreview.Directory(data, _artifactRoot) is not { } directory || DataSetPreview.Grid(directory, side > 0 ? side : 7) is not { } preview)
                continue;
            var scale = Math.Max(1, MinGridDisplay / preview.Width);
            _html.Append("<article class=\"run-samples real\"><h3><span>Real images</span>")
                .Append($"<span class=\"params\">{E(DataSetPreview.Describe(data))}</span></h3><div class=\"timeline\"><figure class=\"dataset\">")
                .Append($"<img src=\"{preview.DataUri}\" width=\"{preview.Width * scale}\" height=\"{preview.Height * scale}\" alt=\"real training images\">")
                .Append("<figcaption>the first training images</figcaption></figure></div></article>");
        }
    }

    void DataSets()
    {
        _html.Append("<section id=\"data\"><h2>Data set</h2>");
        foreach (var group in _subject.Experiments.GroupBy(e => e.Sweep.Data))
        {
            var data = group.Key;
            _html.Append($"<p class=\"note\">{E(DataSetPreview.Describe(data))}");
            if (!_subject.SingleExperiment) _html.Append($" ({E(string.Join(", ", group.Select(e => e.Entry.ExperimentId)))})");
            _html.Append(DataSetPreview.Directory(data, _artifactRoot) is { } directory
                ? $": in <code>{E(directory)}</code>; its first images head the <a href=\"#samples\">samples</a>.</p>"
                : ". Its files are not reachable from where this report was made.</p>");
        }
        _html.Append("</section>");
    }

    void SweepFiles()
    {
        _html.Append("<section id=\"sweep\"><h2>Sweep file</h2>");
        foreach (var experiment in _subject.Experiments)
        {
            if (!_subject.SingleExperiment) _html.Append($"<p class=\"note\"><code>{E(experiment.Entry.ExperimentId)}</code></p>");
            if (experiment.Sweep.SourceText is { } text)
            {
                _html.Append($"<pre><code>{E(text)}</code></pre>");
            }
            else
            {
                _html.Append("<p class=\"note\">The file's text was not kept with this experiment; the sweep as the cluster holds it:</p>")
                    .Append($"<pre><code>{E(JsonSerializer.Serialize(experiment.Sweep, SweepJson))}</code></pre>");
            }
        }
        _html.Append("</section>");
    }

    string GridFile(CheckpointRecord checkpoint) => ArtifactPaths.Resolve(_artifactRoot!, checkpoint.GridPath);

    /// <summary>What embedding the grid adds to the page: its base64 text and tag; 0 when there is no file to embed.</summary>
    long EmbeddedBytes(CheckpointRecord checkpoint)
    {
        if (_artifactRoot is null) return 0;
        var file = new FileInfo(GridFile(checkpoint));
        return file.Exists ? (file.Length + 2) / 3 * 4 + 200 : 0;
    }

    static readonly JsonSerializerOptions SweepJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    static string Colour(RankedRun ranked) => Palette[(ranked.Rank - 1) % Palette.Length];

    static string MedianImagesPerSecond(RunSnapshot run)
    {
        var values = run.History.Select(p => p.ImagesPerSecond).Where(double.IsFinite).Order().ToList();
        return values.Count == 0 ? "–" : values[values.Count / 2].ToString("N0", CultureInfo.InvariantCulture);
    }

    static string Score(double? value) => value is { } v ? Formats.Number(v) : "–";

    static string Loss(double? value) => value is { } v ? Formats.Loss(v) : "–";

    static string Lower<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();

    static string E(string text) => WebUtility.HtmlEncode(text);

    static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"OrleansGan.Cli.Report.{name}")
            ?? throw new InvalidOperationException($"report asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
