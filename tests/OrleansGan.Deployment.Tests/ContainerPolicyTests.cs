namespace OrleansGan.Deployment.Tests;

/// <summary>What every container of every workload must have, in both overlays.</summary>
public sealed class ContainerPolicyTests
{
    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Both_overlays_render_the_silos_and_redis(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        Assert.Contains(rendered.Silos, w => w.Name == "orleansgan-control");
        Assert.Contains(rendered.Silos, w => w.Name == "orleansgan-worker");
        Assert.Contains(rendered.Workloads, w => w.Labels[Labels.Name] == Labels.Redis);
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Every_container_has_cpu_and_memory_requests_and_limits(string overlay)
    {
        foreach (var (workload, container) in ContainersOf(overlay))
        {
            var at = $"{overlay}: {workload} container {container.Name}";
            Assert.True(container.Resources?.Requests is not null, $"{at} has no resources.requests");
            Assert.True(container.Resources.Limits is not null, $"{at} has no resources.limits");
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.True(container.Resources.Requests.ContainsKey(resource), $"{at} requests no {resource}");
                Assert.True(container.Resources.Limits.ContainsKey(resource), $"{at} has no {resource} limit");
                Assert.True(container.Resources.Requests[resource].ToDecimal() <= container.Resources.Limits[resource].ToDecimal(),
                    $"{at} requests more {resource} than its limit");
            }
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Every_container_has_readiness_and_liveness_probes(string overlay)
    {
        foreach (var (workload, container) in ContainersOf(overlay))
        {
            Assert.True(container.ReadinessProbe is not null, $"{overlay}: {workload} container {container.Name} has no readinessProbe");
            Assert.True(container.LivenessProbe is not null, $"{overlay}: {workload} container {container.Name} has no livenessProbe");
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Every_image_is_pinned_by_version_tag_or_digest(string overlay)
    {
        foreach (var (workload, container) in ContainersOf(overlay))
            Assert.True(ImageReference.IsPinned(container.Image ?? ""),
                $"{overlay}: {workload} container {container.Name} image '{container.Image}' is not pinned to an exact version or digest");
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Every_pod_runs_as_non_root_without_privileges_on_a_read_only_root(string overlay)
    {
        foreach (var workload in RenderedOverlay.Load(overlay).Workloads)
        {
            var pod = workload.Pod;
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true, $"{overlay}: {workload} does not set runAsNonRoot");
            Assert.True(pod.SecurityContext.RunAsUser > 0, $"{overlay}: {workload} sets no non-zero runAsUser");
            foreach (var container in pod.Containers)
            {
                var at = $"{overlay}: {workload} container {container.Name}";
                var security = container.SecurityContext;
                Assert.True(security is not null, $"{at} has no securityContext");
                Assert.True(security.RunAsUser is null or > 0, $"{at} runs as root");
                Assert.True(security.AllowPrivilegeEscalation == false, $"{at} allows privilege escalation");
                Assert.True(security.Privileged is null or false, $"{at} is privileged");
                Assert.True(security.Capabilities?.Drop?.Contains("ALL") == true, $"{at} keeps its capabilities");
                Assert.True(security.ReadOnlyRootFilesystem == true, $"{at} has a writable root filesystem");
                Assert.True(MountsEmptyDirAt(pod, container, "/tmp"), $"{at} has a read-only root but no emptyDir at /tmp");
            }
        }
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Nothing_calls_the_Kubernetes_API_so_there_is_no_RBAC_and_no_token(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        Assert.Empty(rendered.All<V1Role>());
        Assert.Empty(rendered.All<V1RoleBinding>());
        Assert.Empty(rendered.All<V1ClusterRole>());
        Assert.Empty(rendered.All<V1ClusterRoleBinding>());
        Assert.Empty(rendered.All<V1ServiceAccount>());
        foreach (var workload in rendered.Workloads)
            Assert.True(workload.Pod.AutomountServiceAccountToken == false, $"{overlay}: {workload} mounts a service account token");
    }

    static IEnumerable<(Workload Workload, V1Container Container)> ContainersOf(string overlay) =>
        RenderedOverlay.Load(overlay).Workloads
            .SelectMany(w => w.Pod.Containers.Concat(w.Pod.InitContainers ?? []).Select(c => (w, c)));

    static bool MountsEmptyDirAt(V1PodSpec pod, V1Container container, string path) =>
        container.VolumeMounts?.Any(m => m.MountPath == path && pod.Volumes.Any(v => v.Name == m.Name && v.EmptyDir is not null)) == true;
}
