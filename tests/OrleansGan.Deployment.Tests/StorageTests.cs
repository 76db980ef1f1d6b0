namespace OrleansGan.Deployment.Tests;

/// <summary>Artifacts land on one volume every silo shares; Redis keeps its append-only file on its own volume.</summary>
public sealed class StorageTests
{
    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Every_silo_mounts_the_shared_data_volume_at_its_data_directory(string overlay)
    {
        var rendered = RenderedOverlay.Load(overlay);
        foreach (var silo in SiloContainer.In(rendered))
        {
            var directory = silo.Settings.Required(SiloSettings.DataDirectory);
            var mount = silo.Container.VolumeMounts?.SingleOrDefault(m => m.MountPath == directory);
            Assert.True(mount is not null && mount.ReadOnlyProperty != true, $"{overlay}: {silo} does not mount a writable volume at {directory}");
            var volume = silo.Workload.Pod.Volumes.Single(v => v.Name == mount.Name);
            Assert.True(volume.PersistentVolumeClaim is not null, $"{overlay}: {silo} keeps {directory} on a {volume.Name} that is not a PersistentVolumeClaim");
            rendered.Single<V1PersistentVolumeClaim>(volume.PersistentVolumeClaim.ClaimName);
        }
    }

    [Fact]
    public void On_the_gpu_pool_the_data_volume_is_read_write_many()
    {
        var rendered = RenderedOverlay.Load(RenderedOverlay.Gpu);
        var claims = SiloContainer.In(rendered)
            .SelectMany(s => s.Workload.Pod.Volumes.Where(v => v.PersistentVolumeClaim is not null).Select(v => v.PersistentVolumeClaim.ClaimName))
            .Distinct();
        foreach (var claim in claims)
            Assert.Contains("ReadWriteMany", rendered.Single<V1PersistentVolumeClaim>(claim).Spec.AccessModes);
    }

    [Theory, MemberData(nameof(Overlays.Both), MemberType = typeof(Overlays))]
    public void Redis_appends_to_a_file_on_its_persistent_volume(string overlay)
    {
        var redis = Assert.Single(RenderedOverlay.Load(overlay).All<V1StatefulSet>(), s => s.Spec.Template.Metadata.Labels[Labels.Name] == Labels.Redis);
        var container = Assert.Single(redis.Spec.Template.Spec.Containers);
        var args = container.Args ?? [];
        Assert.Equal("yes", ValueAfter(args, "--appendonly"));
        var directory = ValueAfter(args, "--dir");
        var mount = Assert.Single(container.VolumeMounts, m => m.MountPath == directory);
        Assert.Contains(redis.Spec.VolumeClaimTemplates, t => t.Metadata.Name == mount.Name);
    }

    static string? ValueAfter(IList<string> args, string flag)
    {
        var index = args.IndexOf(flag);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }
}
