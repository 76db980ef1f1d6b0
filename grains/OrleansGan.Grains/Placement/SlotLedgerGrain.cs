using OrleansGan.Workers;

namespace OrleansGan.Grains.Placement;

public sealed class SlotLedgerGrain(ISiloDirectory directory, TimeProvider clock) : Grain, ISlotLedgerGrain
{
    /// <summary>A reservation its worker does not report as running is dropped after this long (the start never came).</summary>
    static readonly TimeSpan UnstartedGrace = TimeSpan.FromSeconds(30);
    /// <summary>A run that stopped asking for a slot (placed elsewhere, cancelled) leaves the unplaced list after this long.</summary>
    static readonly TimeSpan UnplacedMemory = TimeSpan.FromSeconds(30);
    /// <summary>Longer than a sync takes: a sync sent before a release and arriving after it must not bring the grant back.</summary>
    static readonly TimeSpan ReleasedMemory = TimeSpan.FromMinutes(1);

    readonly Dictionary<string, SlotGrant> _grants = [];
    readonly Dictionary<string, DateTimeOffset> _released = [];
    readonly Dictionary<string, (UnplacedRun Run, DateTimeOffset LastAsked)> _unplaced = [];

    DateTimeOffset Now => clock.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        DelayDeactivation(TimeSpan.FromDays(365));
        return Task.CompletedTask;
    }

    public Task<SlotGrant> Reserve(string trialKey, double gpus)
    {
        if (_grants.TryGetValue(trialKey, out var held)) return Task.FromResult(held);
        var silos = directory.Silos();
        ForgetGrantsOfGoneSilos(silos);
        var runId = TrialKey.RunIdOf(trialKey);
        var grant = SlotAllocator.Allocate(trialKey, gpus, silos, _grants.Values, Now);
        if (grant is null)
        {
            var reason = SlotAllocator.WhyNoSlot(gpus, silos, _grants.Values);
            var since = _unplaced.TryGetValue(runId, out var earlier) ? earlier.Run.Since : Now;
            _unplaced[runId] = (new UnplacedRun(runId, gpus, reason, since), Now);
            throw new NoFreeSlotException(reason);
        }
        _unplaced.Remove(runId);
        _grants[trialKey] = grant;
        return Task.FromResult(grant);
    }

    public Task Release(string trialKey)
    {
        _grants.Remove(trialKey);
        _released[trialKey] = Now;
        return Task.CompletedTask;
    }

    public Task SyncWorker(SiloAddress silo, IReadOnlyList<SlotGrant> running)
    {
        foreach (var key in _released.Where(r => Now - r.Value > ReleasedMemory).Select(r => r.Key).ToList()) _released.Remove(key);
        foreach (var grant in running.Where(g => !_released.ContainsKey(g.TrialKey))) _grants[grant.TrialKey] = grant;
        var runningKeys = running.Select(g => g.TrialKey).ToHashSet();
        var stale = _grants.Values
            .Where(g => g.Silo.Equals(silo) && !runningKeys.Contains(g.TrialKey) && Now - g.GrantedAt > UnstartedGrace)
            .Select(g => g.TrialKey)
            .ToList();
        foreach (var key in stale) _grants.Remove(key);
        return Task.CompletedTask;
    }

    public Task<ClusterStatus> GetClusterStatus()
    {
        var silos = directory.Silos();
        ForgetGrantsOfGoneSilos(silos);
        foreach (var runId in _unplaced.Where(u => Now - u.Value.LastAsked > UnplacedMemory).Select(u => u.Key).ToList())
            _unplaced.Remove(runId);
        var views = silos.OrderBy(s => s.Name, StringComparer.Ordinal).Select(ViewOf).ToList();
        return Task.FromResult(new ClusterStatus(views, _unplaced.Values.Select(u => u.Run).OrderBy(u => u.RunId).ToList()));
    }

    SiloView ViewOf(SiloDescription silo)
    {
        var trials = _grants.Values.Where(g => g.Silo.Equals(silo.Address)).OrderBy(g => g.TrialKey, StringComparer.Ordinal).ToList();
        var free = silo is { IsLiveWorker: true, Capacity: { } capacity } ? DeviceSlots.Free(capacity, trials) : 0;
        return new SiloView(silo.Name, silo.Address.ToParsableString(), silo.Role, silo.Status.ToString(), silo.Capacity, free, trials);
    }

    void ForgetGrantsOfGoneSilos(IReadOnlyList<SiloDescription> silos)
    {
        var live = silos.Where(s => s.IsLiveWorker).Select(s => s.Address).ToHashSet();
        foreach (var key in _grants.Values.Where(g => !live.Contains(g.Silo)).Select(g => g.TrialKey).ToList())
            _grants.Remove(key);
    }
}
