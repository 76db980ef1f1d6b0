namespace OrleansGan.Deployment.Tests;

/// <summary>The silo pods give the silo what its configuration contract asks for, on the ports it listens on.</summary>
public sealed class SiloConfigurationTests
{
    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Container_ports_are_the_ports_the_silo_listens_on(string overlay)
    {
        foreach (var silo in SiloContainer.In(RenderedOverlay.Load(overlay)))
        {
            AssertPort(silo, "silo", silo.Settings.SiloPort);
            AssertPort(silo, "gateway", silo.Settings.GatewayPort);
            AssertPort(silo, "http", silo.Settings.HttpPort);
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Probes_ask_readyz_and_healthz_on_the_http_port(string overlay)
    {
        foreach (var silo in SiloContainer.In(RenderedOverlay.Load(overlay)))
        {
            AssertHttpProbe(silo, silo.Container.ReadinessProbe, "/readyz");
            AssertHttpProbe(silo, silo.Container.LivenessProbe, "/healthz");
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Every_silo_variable_is_one_of_the_contract(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        foreach (var silo in SiloContainer.In(rendered))
            foreach (var name in rendered.EnvironmentOf(silo.Container).Keys)
                if (SiloSettings.SiloPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                    Assert.True(SiloSettings.ContractKeys.Contains(name), $"{overlay}: {silo} sets {name}, which the silo does not read");
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Pod_name_and_ip_come_from_the_downward_api(string overlay)
    {
        foreach (var silo in SiloContainer.In(RenderedOverlay.Load(overlay)))
        {
            Assert.Equal("metadata.name", FieldOf(silo, "POD_NAME"));
            Assert.Equal("status.podIP", FieldOf(silo, "POD_IP"));
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Silos_share_one_cluster_on_redis(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        var silos = SiloContainer.In(rendered).ToList();
        Assert.Single(silos.Select(s => s.Settings.Required(SiloSettings.ClusterId)).Distinct());
        Assert.Single(silos.Select(s => s.Settings.Required(SiloSettings.ServiceId)).Distinct());

        foreach (var redis in silos.Select(s => s.Settings.Required(SiloSettings.Redis)).Distinct())
        {
            var (host, port) = (redis.Split(',')[0].Split(':')[0], int.Parse(redis.Split(',')[0].Split(':')[1]));
            var service = rendered.Single<V1Service>(host);
            Assert.Contains(service.Spec.Ports, p => p.Port == port);
            var redisPods = rendered.Workloads.Where(w => Labels.Selects(service.Spec.Selector, w.Labels)).ToList();
            Assert.True(redisPods.Count == 1 && redisPods[0].Labels[Labels.Name] == Labels.Redis,
                $"{overlay}: Service {host} of {SiloSettings.Redis} does not select the Redis StatefulSet");
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Roles_are_valid_and_two_control_silos_keep_a_disruption_budget(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        var silos = SiloContainer.In(rendered).ToList();
        foreach (var silo in silos)
            Assert.Contains(silo.Settings.RoleName, SiloSettings.Roles);

        var control = Assert.Single(silos, s => s.Settings.RoleName == "control");
        Assert.Equal(2, control.Workload.Replicas);
        var budget = Assert.Single(rendered.All<V1PodDisruptionBudget>(), b => Labels.Selects(b.Spec.Selector.MatchLabels, control.Workload.Labels));
        Assert.Equal("1", budget.Spec.MinAvailable?.Value);
        Assert.Contains(silos, s => s.Settings.Trains);
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Workers_have_slots_and_a_termination_grace_longer_than_their_stop_grace(string overlay)
    {
        foreach (var worker in SiloContainer.In(RenderedOverlay.Load(overlay)).Where(s => s.Settings.Trains))
        {
            Assert.Contains(worker.Settings.AcceleratorName, SiloSettings.Accelerators);
            Assert.True(worker.Settings.Slots >= 1, $"{overlay}: {worker} has {worker.Settings.Slots} slots per device");
            var grace = TimeSpan.FromSeconds(worker.Workload.Pod.TerminationGracePeriodSeconds ?? 30);
            Assert.True(grace > worker.Settings.StopGrace,
                $"{overlay}: {worker} is killed after {grace} but checkpoints for up to {worker.Settings.StopGrace} on SIGTERM");
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void The_gateway_service_reaches_the_control_silos_gateway(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        var service = rendered.Single<V1Service>("orleansgan-gateway");
        var control = Assert.Single(SiloContainer.In(rendered), s => s.Settings.RoleName == "control");
        Assert.True(Labels.Selects(service.Spec.Selector, control.Workload.Labels), $"{overlay}: the gateway Service does not select {control}");
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(control.Settings.GatewayPort, port.Port);
        Assert.Equal(control.Settings.GatewayPort, control.Resolve(port.TargetPort));
    }

    static void AssertHttpProbe(SiloContainer silo, V1Probe? probe, string path)
    {
        Assert.True(probe?.HttpGet is not null, $"{silo} has no HTTP probe for {path}");
        Assert.Equal(path, probe.HttpGet.Path);
        var port = silo.Resolve(probe.HttpGet.Port);
        Assert.True(port == silo.Settings.HttpPort, $"{silo} probes {path} on port {port}; the silo serves HTTP on {silo.Settings.HttpPort}");
    }

    static void AssertPort(SiloContainer silo, string name, int listensOn) =>
        Assert.True(silo.ContainerPort(name) == listensOn,
            $"{silo} declares port {name} as {silo.ContainerPort(name)}; the silo listens on {listensOn}");

    static string? FieldOf(SiloContainer silo, string variable) =>
        silo.Container.Env?.SingleOrDefault(e => e.Name == variable)?.ValueFrom?.FieldRef?.FieldPath
        ?? throw new Xunit.Sdk.XunitException($"{silo} does not take {variable} from the downward API");
}
