namespace OrleansGan.Container.Tests;

/// <summary>
/// The silo pod of one Deployment of a rendered overlay, as this test runs it on loopback: the container's environment
/// with the downward API filled in, its volumes, its readiness probe, the pod's user and termination grace period.
/// </summary>
sealed class SiloPod(RenderedOverlay overlay, V1Deployment deployment)
{
    public const string Localhost = "127.0.0.1";

    public V1PodSpec Spec => deployment.Spec.Template.Spec;
    public V1Container Container => Assert.Single(Spec.Containers);
    public string ReadinessPath => Container.ReadinessProbe.HttpGet.Path;
    public TimeSpan TerminationGracePeriod => TimeSpan.FromSeconds(Spec.TerminationGracePeriodSeconds ?? 30);
    public long? RunAsUser => Container.SecurityContext?.RunAsUser ?? Spec.SecurityContext?.RunAsUser;
    public long? RunAsGroup => Container.SecurityContext?.RunAsGroup ?? Spec.SecurityContext?.RunAsGroup;

    public bool ManifestSets(string variable) => overlay.EnvironmentOf(Container).ContainsKey(variable);

    public static SiloPod Of(RenderedOverlay overlay, string deployment) => new(overlay, overlay.Single<V1Deployment>(deployment));

    /// <summary>
    /// The container's environment (envFrom, then env) for a pod named <paramref name="podName"/> with the pod IP
    /// 127.0.0.1, then <paramref name="loopback"/>: the values that must differ where every silo shares one network
    /// (ports, the Redis address).
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(string podName, IReadOnlyDictionary<string, string> loopback)
    {
        var manifest = overlay.EnvironmentOf(Container);
        var environment = manifest.ToDictionary(e => e.Key, e => e.Value ?? DownwardApi(Container.Env.Single(v => v.Name == e.Key), podName));
        foreach (var (key, value) in loopback) environment[key] = value;
        return environment;
    }

    /// <summary>Mount path -> directory: the data volume (a PersistentVolumeClaim) is <paramref name="data"/>, shared by every pod; an emptyDir is a new directory.</summary>
    public IReadOnlyDictionary<string, string> Volumes(string data, Func<string> emptyDir) =>
        (Container.VolumeMounts ?? []).ToDictionary(m => m.MountPath, m => Spec.Volumes.Single(v => v.Name == m.Name) switch
        {
            { PersistentVolumeClaim: not null } => data,
            { EmptyDir: not null } => emptyDir(),
            var other => throw new Xunit.Sdk.XunitException($"{deployment.Metadata.Name}: volume {other.Name} is of a kind this test does not stand in for"),
        });

    static string DownwardApi(V1EnvVar variable, string podName) => variable.ValueFrom switch
    {
        { FieldRef.FieldPath: "metadata.name" } => podName,
        { FieldRef.FieldPath: "status.podIP" } => Localhost,
        // A pod sees its CPU limit; on this shared machine each test silo gets one core's share.
        { ResourceFieldRef.Resource: "limits.cpu" } => "1",
        _ => throw new Xunit.Sdk.XunitException($"{variable.Name}: valueFrom that this test does not fill in"),
    };
}
