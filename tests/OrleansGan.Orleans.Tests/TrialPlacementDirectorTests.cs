using System.Net;
using Orleans.Runtime.Placement;
using OrleansGan.Grains.Placement;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>The director decides from the placement hint and the compatible silos alone, and says plainly when it cannot.</summary>
public class TrialPlacementDirectorTests
{
    static readonly SiloAddress Control = Silo(1), WorkerA = Silo(2), WorkerB = Silo(3);
    static readonly TrialPlacementDirector Director = new();

    [Fact]
    public async Task A_hinted_call_goes_to_the_hinted_worker()
    {
        var placed = await Director.OnAddActivation(TrialPlacementStrategy.Instance, Target(hint: WorkerB), new Context(Control, WorkerA, WorkerB));
        Assert.Equal(WorkerB, placed);
    }

    [Fact]
    public async Task An_unhinted_call_stays_on_a_local_worker_or_goes_to_some_worker()
    {
        Assert.Equal(WorkerA, await Director.OnAddActivation(TrialPlacementStrategy.Instance, Target(hint: null), new Context(WorkerA, WorkerA, WorkerB)));
        Assert.Contains(await Director.OnAddActivation(TrialPlacementStrategy.Instance, Target(hint: null), new Context(Control, WorkerA, WorkerB)),
            new[] { WorkerA, WorkerB });
    }

    [Fact]
    public async Task A_hint_at_a_worker_that_left_or_no_worker_at_all_is_a_clear_placement_error()
    {
        var gone = await Assert.ThrowsAsync<NoFreeSlotException>(() =>
            Director.OnAddActivation(TrialPlacementStrategy.Instance, Target(hint: WorkerB), new Context(Control, WorkerA)));
        Assert.Equal($"trial r000#1.1: the worker of its slot ({WorkerB}) is no longer in the cluster", gone.Message);

        foreach (var hint in new[] { WorkerA, null })
        {
            var none = await Assert.ThrowsAsync<NoFreeSlotException>(() =>
                Director.OnAddActivation(TrialPlacementStrategy.Instance, Target(hint), new Context(Control)));
            Assert.Equal("trial r000#1.1: no live worker silo to place it on", none.Message);
        }
    }

    static PlacementTarget Target(SiloAddress? hint) => new(
        GrainId.Create("trial", TrialKey.For("r000", 1, 1)),
        hint is null ? [] : new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = hint },
        default, 0);

    static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11000 + n), 1);

    /// <summary>What Orleans hands a director: the local silo and the silos that may host the grain.</summary>
    sealed class Context(SiloAddress local, params SiloAddress[] compatible) : IPlacementContext
    {
        public SiloAddress LocalSilo => local;
        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        // Orleans throws rather than answer with no silo at all.
        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) =>
            compatible.Length > 0 ? compatible : throw new OrleansException("No active nodes are compatible with grain trial");

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) =>
            new Dictionary<ushort, SiloAddress[]> { [0] = GetCompatibleSilos(target) };
    }
}
