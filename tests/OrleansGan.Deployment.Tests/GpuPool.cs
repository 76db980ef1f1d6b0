namespace OrleansGan.Deployment.Tests;

/// <summary>The GPU node pool k8s/README.md asks for: its label, its taint, the device plugin's resource.</summary>
static class GpuPool
{
    public const string NodeLabel = "orleansgan.io/pool";
    public const string NodeLabelValue = "gpu";
    public const string TaintKey = "nvidia.com/gpu";
    public const string TaintValue = "present";
    public const string TaintEffect = "NoSchedule";
    public const string Resource = "nvidia.com/gpu";

    public static bool Tolerates(V1PodSpec pod) =>
        pod.Tolerations?.Any(t => t.Key == TaintKey && t.Effect is TaintEffect or null
            && (t.OperatorProperty == "Exists" || t.Value == TaintValue)) == true;

    public static int GpusOf(V1Container container) =>
        container.Resources?.Limits?.TryGetValue(Resource, out var gpus) == true ? gpus.ToInt32() : 0;
}
