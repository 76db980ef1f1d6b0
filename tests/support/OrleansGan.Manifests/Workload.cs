namespace OrleansGan.Manifests;

/// <summary>A Deployment or StatefulSet: what its pods look like and how many there are.</summary>
public sealed record Workload(string Kind, string Name, int Replicas, V1PodTemplateSpec Template)
{
    public V1PodSpec Pod => Template.Spec;

    public IDictionary<string, string> Labels => Template.Metadata.Labels;

    public override string ToString() => $"{Kind}/{Name}";
}
