namespace OrleansGan.Observability.Tests;

/// <summary>
/// The Grafana dashboard against a real Prometheus that scraped a real silo through a sweep: every panel query, with
/// the dashboard's variables filled in as Grafana would, must return series of that sweep.
/// </summary>
[Collection(ObservedSweepCollection.Name)]
public sealed class DashboardQueryTests(ObservedSweep sweep)
{
    static readonly GrafanaDashboard Dashboard = GrafanaDashboard.FromRepository();

    /// <summary>Grafana's $__rate_interval: four scrape intervals at the least.</summary>
    static readonly string RateInterval = $"{4 * ObservedSweep.ScrapeInterval.TotalSeconds}s";

    [Fact]
    public async Task The_variables_list_the_experiment_and_its_runs()
    {
        Assert.Contains(sweep.ExperimentId, await VariableValues("experiment", new Dictionary<string, string>()));
        Assert.Equal(sweep.RunIds, (await VariableValues("run", new Dictionary<string, string> { ["experiment"] = sweep.ExperimentId })).Order());
    }

    [Fact]
    public async Task Every_panel_query_returns_series_of_the_experiment()
    {
        var runs = await VariableValues("run", new Dictionary<string, string> { ["experiment"] = sweep.ExperimentId });
        var values = new Dictionary<string, string>
        {
            ["experiment"] = sweep.ExperimentId,
            ["run"] = string.Join("|", runs),
            ["__rate_interval"] = RateInterval,
            ["__range"] = $"{Math.Ceiling((sweep.FinishedAt - sweep.SubmittedAt).TotalSeconds)}s",
        };
        var failures = new List<string>();
        foreach (var target in Dashboard.Targets)
        {
            var expr = GrafanaDashboard.Expand(target.Expr, values);
            try
            {
                var series = await sweep.Prometheus.QueryRangeAsync(expr, sweep.SubmittedAt, sweep.FinishedAt, ObservedSweep.ScrapeInterval);
                if (series.Count == 0) failures.Add($"{target}: no series for {expr}");
                else if (!series.SelectMany(s => s.Values).Any(double.IsFinite)) failures.Add($"{target}: only NaN or infinite values for {expr}");
                else failures.AddRange(series.Where(s => !OfTheSweep(s)).Select(s => $"{target}: a series of another experiment or run: {string.Join(",", s.Labels)}"));
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{target}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(Dashboard.Targets.Count >= 15, $"only {Dashboard.Targets.Count} panel targets read from {GrafanaDashboard.FilePath}");
    }

    [Fact]
    public async Task The_scheduler_decisions_panel_counts_the_decisions_of_the_experiment()
    {
        var target = Assert.Single(Dashboard.Targets, t => t.Panel == "Scheduler decisions");
        // One interval over the whole sweep: its bar holds every decision of the sweep.
        var whole = TimeSpan.FromSeconds(Math.Ceiling((sweep.FinishedAt - sweep.SubmittedAt).TotalSeconds) + 10);
        var expr = GrafanaDashboard.Expand(target.Expr, new Dictionary<string, string>
        {
            ["experiment"] = sweep.ExperimentId,
            ["__rate_interval"] = $"{whole.TotalSeconds}s",
        });
        var series = await sweep.Prometheus.QueryRangeAsync(expr, sweep.FinishedAt, sweep.FinishedAt, ObservedSweep.ScrapeInterval);
        var byKind = series.ToDictionary(s => s.Labels["kind"], s => Math.Round(s.Values.Single()));
        // ASHA stops both runs at their rung; increase() extrapolates a little past the samples, hence the rounding.
        Assert.Equal(new Dictionary<string, double> { ["stop"] = 2, ["complete"] = 0, ["exploit"] = 0, ["promote"] = 0 }, byKind);
    }

    bool OfTheSweep(PrometheusServer.Series series) =>
        series.Labels.GetValueOrDefault("experiment", sweep.ExperimentId) == sweep.ExperimentId &&
        (!series.Labels.TryGetValue("run", out var run) || sweep.RunIds.Contains(run));

    async Task<IReadOnlyList<string>> VariableValues(string name, IReadOnlyDictionary<string, string> values)
    {
        var variable = Dashboard.Variables[name];
        return await sweep.Prometheus.LabelValuesAsync(variable.Label, GrafanaDashboard.Expand(variable.Selector, values), sweep.SubmittedAt, sweep.FinishedAt);
    }
}
