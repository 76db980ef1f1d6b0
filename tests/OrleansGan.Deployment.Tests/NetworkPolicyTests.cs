namespace OrleansGan.Deployment.Tests;

/// <summary>Only pods of the namespace reach the gateway, only silos reach Redis and the silo port, Prometheus reaches /metrics.</summary>
public sealed class NetworkPolicyTests
{
    const string PrometheusNamespace = "monitoring";

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void A_policy_selects_every_silo_and_lets_only_this_namespace_reach_the_gateway(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        foreach (var silo in SiloContainer.In(rendered))
        {
            var policy = PolicyOf(rendered, silo.Workload);
            var gatewayRules = RulesCovering(policy, silo, silo.Settings.GatewayPort).ToList();
            Assert.True(gatewayRules.Count > 0, $"{overlay}: NetworkPolicy {policy.Metadata.Name} admits no one to the gateway port of {silo}");
            foreach (var rule in gatewayRules)
                Assert.True(rule.FromProperty is { Count: > 0 } && rule.FromProperty.All(p => p.PodSelector is not null && p.NamespaceSelector is null && p.IpBlock is null),
                    $"{overlay}: NetworkPolicy {policy.Metadata.Name} lets pods outside the namespace reach the gateway of {silo}");
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Only_silos_reach_the_silo_port_and_prometheus_reaches_metrics(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        foreach (var silo in SiloContainer.In(rendered))
        {
            var policy = PolicyOf(rendered, silo.Workload);
            foreach (var rule in RulesCovering(policy, silo, silo.Settings.SiloPort))
                Assert.True(rule.FromProperty?.All(p => p.NamespaceSelector is null && p.IpBlock is null && SelectsSilos(p.PodSelector)) == true,
                    $"{overlay}: NetworkPolicy {policy.Metadata.Name} lets more than silos reach the silo port of {silo}");
            Assert.Contains(RulesCovering(policy, silo, silo.Settings.HttpPort), rule => rule.FromProperty?.Any(p =>
                p.NamespaceSelector?.MatchLabels?.TryGetValue("kubernetes.io/metadata.name", out var ns) == true && ns == PrometheusNamespace) == true);
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Only_silos_reach_redis(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        var redis = Assert.Single(rendered.Workloads, w => w.Labels[Labels.Name] == Labels.Redis);
        var policy = PolicyOf(rendered, redis);
        Assert.All(policy.Spec.Ingress, rule =>
            Assert.True(rule.FromProperty?.All(p => p.NamespaceSelector is null && p.IpBlock is null && SelectsSilos(p.PodSelector)) == true,
                $"{overlay}: NetworkPolicy {policy.Metadata.Name} lets more than silos reach Redis"));
    }

    static V1NetworkPolicy PolicyOf(RenderedOverlay rendered, Workload workload)
    {
        var policy = rendered.All<V1NetworkPolicy>().SingleOrDefault(p => Labels.Selects(p.Spec.PodSelector.MatchLabels, workload.Labels));
        Assert.True(policy is not null, $"{rendered.Name}: no NetworkPolicy selects the pods of {workload}");
        Assert.Contains("Ingress", policy.Spec.PolicyTypes ?? []);
        return policy;
    }

    /// <summary>The ingress rules that admit traffic to this port: those naming it, and those with no ports (all ports).</summary>
    static IEnumerable<V1NetworkPolicyIngressRule> RulesCovering(V1NetworkPolicy policy, SiloContainer silo, int port) =>
        (policy.Spec.Ingress ?? []).Where(r => r.Ports is not { Count: > 0 } || r.Ports.Any(p => p.Port is null || silo.Resolve(p.Port) == port));

    static bool SelectsSilos(V1LabelSelector? selector) =>
        selector?.MatchLabels?.TryGetValue(Labels.Name, out var name) == true && name == Labels.Silo;
}
