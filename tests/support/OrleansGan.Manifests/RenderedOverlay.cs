using System.Collections.Concurrent;
using k8s;

namespace OrleansGan.Manifests;

/// <summary>Every object `kubectl kustomize k8s/overlays/NAME` renders, loaded into the client library's typed models.</summary>
public sealed class RenderedOverlay
{
    public const string Dev = "dev";
    public const string Gpu = "gpu";

    static readonly ConcurrentDictionary<string, Lazy<RenderedOverlay>> Cache = new();
    static readonly Dictionary<string, Type> CustomTypes = new() { [ServiceMonitor.TypeKey] = typeof(ServiceMonitor) };

    RenderedOverlay(string name, IReadOnlyList<object> objects)
    {
        Name = name;
        Objects = objects;
    }

    public string Name { get; }
    public IReadOnlyList<object> Objects { get; }

    public static RenderedOverlay Load(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<RenderedOverlay>(() => Render(n))).Value;

    static RenderedOverlay Render(string name)
    {
        var yaml = Kustomize.Render(Repository.PathOf(Path.Combine("k8s", "overlays", name)));
        // strict: a misspelt field (readinesProbe, limit) fails here instead of being dropped.
        return new RenderedOverlay(name, KubernetesYaml.LoadAllFromString(yaml, CustomTypes, strict: true));
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        All<T>().SingleOrDefault(o => o.Metadata.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"overlay {Name} renders no {typeof(T).Name} named {name}");

    public IEnumerable<Workload> Workloads =>
        All<V1Deployment>().Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Replicas ?? 1, d.Spec.Template))
            .Concat(All<V1StatefulSet>().Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Replicas ?? 1, s.Spec.Template)));

    public IEnumerable<Workload> Silos => Workloads.Where(w => w.Labels.TryGetValue(Labels.Name, out var n) && n == Labels.Silo);

    /// <summary>A container's environment as the pod sees it: envFrom ConfigMaps first, then env (which wins). Values from valueFrom are null.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentOf(V1Container container)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            Assert.NotNull(source.ConfigMapRef);
            foreach (var (key, value) in Single<V1ConfigMap>(source.ConfigMapRef.Name).Data ?? new Dictionary<string, string>())
                environment[(source.Prefix ?? "") + key] = value;
        }
        foreach (var variable in container.Env ?? [])
            environment[variable.Name] = variable.ValueFrom is null ? variable.Value : null;
        return environment;
    }
}
