using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansGan.Testing;

namespace OrleansGan.Observability.Tests;

/// <summary>A real Prometheus (Debian's package; test.sh installs it) on a free loopback port, scraping one silo.</summary>
public sealed class PrometheusServer : IDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(1);

    readonly ChildProcess _process;
    readonly HttpClient _http = new();

    PrometheusServer(ChildProcess process, Uri url) => (_process, Url) = (process, url);

    public Uri Url { get; }

    public static async Task<PrometheusServer> StartAsync(string directory, string config)
    {
        Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config);
        var address = $"127.0.0.1:{FreePort.Next()}";
        var process = ChildProcess.Start("prometheus", directory,
            [$"--config.file={configPath}", $"--storage.tsdb.path={Path.Combine(directory, "tsdb")}", $"--web.listen-address={address}"]);
        var server = new PrometheusServer(process, new Uri($"http://{address}"));
        try
        {
            await process.WaitUntilServingAsync(server._http, new Uri(server.Url, "/-/ready"), StartLimit);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Evaluates expr at every step over [start, end], as a Grafana time series panel does.</summary>
    /// <returns>The series returned; throws when Prometheus rejects the query.</returns>
    public async Task<IReadOnlyList<Series>> QueryRangeAsync(string expr, DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        var data = await GetAsync("/api/v1/query_range", new()
        {
            ["query"] = expr,
            ["start"] = Seconds(start),
            ["end"] = Seconds(end),
            ["step"] = step.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        });
        return data.GetProperty("result").EnumerateArray().Select(Series.From).ToList();
    }

    /// <summary>The values of a label over [start, end] among the series a selector matches (Grafana's label_values).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string selector, DateTimeOffset start, DateTimeOffset end)
    {
        var data = await GetAsync($"/api/v1/label/{label}/values", new()
        {
            ["match[]"] = selector,
            ["start"] = Seconds(start),
            ["end"] = Seconds(end),
        });
        return data.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    async Task<JsonElement> GetAsync(string path, Dictionary<string, string> query)
    {
        var uri = new Uri(Url, path + "?" + string.Join("&", query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}")));
        using var response = await _http.GetAsync(uri);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"Prometheus rejected {path} {string.Join(" ", query.Select(q => $"{q.Key}={q.Value}"))}: {body.GetProperty("error").GetString()}");
        return body.GetProperty("data");
    }

    static string Seconds(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _http.Dispose();
        _process.Dispose();
    }

    /// <summary>One series of a range query: its labels and its values over time.</summary>
    public sealed record Series(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double> Values)
    {
        public static Series From(JsonElement result) => new(
            result.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            result.GetProperty("values").EnumerateArray()
                .Select(v => Sample(v[1].GetString()!)).ToList());

        static double Sample(string value) => value switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(value, CultureInfo.InvariantCulture),
        };
    }
}
