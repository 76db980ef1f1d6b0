namespace OrleansGan.Deployment.Tests;

/// <summary>Prometheus finds every silo's /metrics, and Grafana's sidecar gets exactly the dashboard file.</summary>
public sealed class MonitoringTests
{
    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void The_dashboard_config_map_holds_the_dashboard_file_byte_for_byte(string overlay)
    {
        var dashboard = RenderedOverlay.Load(overlay).All<V1ConfigMap>()
            .Single(c => c.Metadata.Labels?.TryGetValue("grafana_dashboard", out var v) == true && v == "1");
        var (key, content) = Assert.Single(dashboard.Data);
        Assert.Equal("orleansgan-dashboard.json", key);
        Assert.Equal(File.ReadAllBytes(Repository.PathOf("k8s/base/grafana/orleansgan-dashboard.json")), System.Text.Encoding.UTF8.GetBytes(content));
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void The_scrape_config_map_holds_the_scrape_config_file_byte_for_byte(string overlay)
    {
        var scrape = RenderedOverlay.Load(overlay).Single<V1ConfigMap>("orleansgan-prometheus-scrape-config");
        var (_, content) = Assert.Single(scrape.Data);
        Assert.Equal(File.ReadAllBytes(Repository.PathOf("k8s/base/prometheus/scrape-config.yml")), System.Text.Encoding.UTF8.GetBytes(content));
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void The_service_monitor_scrapes_metrics_on_the_http_port_of_every_silo(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        var monitor = Assert.Single(rendered.All<ServiceMonitor>());
        var endpoint = Assert.Single(monitor.Spec.Endpoints);
        Assert.Equal("/metrics", endpoint.Path);
        var service = Assert.Single(rendered.All<V1Service>(), s => Labels.Selects(monitor.Spec.Selector.MatchLabels, s.Metadata.Labels ?? new Dictionary<string, string>()));
        var port = Assert.Single(service.Spec.Ports, p => p.Name == endpoint.Port);
        foreach (var silo in SiloContainer.In(rendered))
        {
            Assert.True(Labels.Selects(service.Spec.Selector, silo.Workload.Labels), $"{overlay}: Service {service.Metadata.Name} misses {silo}");
            Assert.Equal(silo.Settings.HttpPort, port.Port);
            Assert.Equal(silo.Settings.HttpPort, silo.Resolve(port.TargetPort));
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Silo_pods_carry_prometheus_scrape_annotations_for_metrics_on_the_http_port(string overlay)
    {
        foreach (var silo in SiloContainer.In(RenderedOverlay.Load(overlay)))
        {
            var annotations = silo.Workload.Template.Metadata.Annotations ?? new Dictionary<string, string>();
            Assert.True(annotations.TryGetValue("prometheus.io/scrape", out var scrape) && scrape == "true", $"{silo.Workload} is not marked for scraping");
            Assert.Equal(silo.Settings.HttpPort.ToString(), annotations["prometheus.io/port"]);
            Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        }
    }
}
