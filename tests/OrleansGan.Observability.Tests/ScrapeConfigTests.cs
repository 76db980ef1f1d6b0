using System.Text.Json;

namespace OrleansGan.Observability.Tests;

/// <summary>The Kubernetes scrape job points where the silo serves: its metrics path and its default HTTP port.</summary>
public sealed class ScrapeConfigTests
{
    [Fact]
    public void The_scrape_job_targets_the_silos_http_port_and_metrics_path()
    {
        var job = ScrapeJob.FromRepository();
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        var siloPort = new Uri(settings.RootElement.GetProperty("Urls").GetString()!.Replace("0.0.0.0", "localhost")).Port;

        Assert.Equal("/metrics", job.MetricsPath);
        Assert.EndsWith($":{siloPort}", job.AddressReplacement);
    }
}
