using YamlDotNet.RepresentationModel;

namespace OrleansGan.Observability.Tests;

/// <summary>The silo job of the repository's Prometheus scrape configuration (k8s/base/prometheus/scrape-config.yml).</summary>
sealed record ScrapeJob(string JobName, string MetricsPath, string AddressReplacement)
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "k8s", "scrape-config.yml");

    public static ScrapeJob FromRepository()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(FilePath)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var job = (YamlMappingNode)((YamlSequenceNode)root["scrape_configs"]).Single();
        var address = ((YamlSequenceNode)job["relabel_configs"]).Cast<YamlMappingNode>()
            .Single(r => r.Children.TryGetValue(new YamlScalarNode("target_label"), out var label) && label.ToString() == "__address__");
        return new ScrapeJob(Scalar(job, "job_name"), Scalar(job, "metrics_path"), Scalar(address, "replacement"));
    }

    /// <summary>The same job and path with a static target, the silo under test, scraped every scrapeInterval.</summary>
    public string ToPrometheusConfig(string target, string scrapeInterval) => $"""
        global:
          scrape_interval: {scrapeInterval}
          evaluation_interval: {scrapeInterval}
        scrape_configs:
          - job_name: {JobName}
            metrics_path: {MetricsPath}
            scrape_interval: {scrapeInterval}
            static_configs:
              - targets: ["{target}"]
        """;

    static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value!
            : throw new InvalidDataException($"{FilePath}: {key}: missing");
}
