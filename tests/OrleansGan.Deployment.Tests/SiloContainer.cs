namespace OrleansGan.Deployment.Tests;

/// <summary>The silo container of a silo workload, with the settings the silo will resolve from its environment.</summary>
public sealed record SiloContainer(Workload Workload, V1Container Container, SiloSettings Settings)
{
    public static IEnumerable<SiloContainer> In(RenderedOverlay overlay) =>
        overlay.Silos.Select(w =>
        {
            var container = Assert.Single(w.Pod.Containers);
            return new SiloContainer(w, container, new SiloSettings(overlay.EnvironmentOf(container)));
        });

    /// <summary>A port given by number or by the name of one of the container's ports.</summary>
    public int Resolve(IntOrString port) =>
        int.TryParse(port.Value, out var number) ? number
        : Container.Ports?.SingleOrDefault(p => p.Name == port.Value)?.ContainerPort
          ?? throw new Xunit.Sdk.XunitException($"{this} has no port named {port.Value}");

    public int ContainerPort(string name) =>
        Container.Ports?.SingleOrDefault(p => p.Name == name)?.ContainerPort
        ?? throw new Xunit.Sdk.XunitException($"{this} has no port named {name}");

    public override string ToString() => $"{Workload} container {Container.Name}";
}
