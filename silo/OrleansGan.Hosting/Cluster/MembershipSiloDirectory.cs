using Orleans.Runtime.MembershipService.SiloMetadata;
using OrleansGan.Grains.Placement;
using OrleansGan.Workers;

namespace OrleansGan.Hosting.Cluster;

/// <summary>Silos from Orleans membership, each with the role and worker capacity it advertises as silo metadata.</summary>
internal sealed class MembershipSiloDirectory(IClusterMembershipService membership, ISiloMetadataCache metadata) : ISiloDirectory
{
    public IReadOnlyList<SiloDescription> Silos() =>
        membership.CurrentSnapshot.Members.Values
            .Select(member =>
            {
                var advertised = metadata.GetSiloMetadata(member.SiloAddress).Metadata;
                var role = advertised.TryGetValue(WorkerCapacity.RoleKey, out var value) && Enum.TryParse<SiloRole>(value, true, out var parsed)
                    ? parsed
                    : SiloRole.Both;
                return new SiloDescription(member.SiloAddress, member.Name, role, member.Status, WorkerCapacity.FromMetadata(advertised));
            })
            .ToList();

    public SiloStatus StatusOf(SiloAddress silo) => membership.CurrentSnapshot.GetSiloStatus(silo);
}
