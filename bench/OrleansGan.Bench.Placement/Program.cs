using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansGan.Bench.Placement;
using OrleansGan.Grains.Placement;
using OrleansGan.Hosting;
using OrleansGan.Workers;

// Usage: dotnet run -c Release --project bench/OrleansGan.Bench.Placement [runs] [workers] [slots] [hold-ms-max] [arrival-ms]
// arrival-ms 0 submits every run at once (a burst); N > 0 starts one run every N ms.
var runs = args.Length > 0 ? int.Parse(args[0]) : 1000;
var workerCount = args.Length > 1 ? int.Parse(args[1]) : 100;
var slots = args.Length > 2 ? int.Parse(args[2]) : 4;
var holdMax = args.Length > 3 ? int.Parse(args[3]) : 200;
var arrivalMs = args.Length > 4 ? int.Parse(args[4]) : 0;

var workers = new SimulatedWorkers(workerCount, slots);
var builder = new InProcessTestClusterBuilder(1);
builder.Options.ConfigureFileLogging = false;
builder.ConfigureSilo((_, silo) =>
{
    silo.Services.AddSingleton<ISiloDirectory>(workers);
    silo.AddMemoryGrainStorage("orleansgan").UseInMemoryReminderService().AddOrleansGan(SiloRole.Control, capacity: null);
});
await using var cluster = builder.Build();
await cluster.DeployAsync();
var ledger = cluster.Client.GetGrain<ISlotLedgerGrain>(0);
for (var i = 0; i < 100; i++)
{
    await ledger.Reserve(TrialKey.For("warmup", 1, i), 0);
    await ledger.Release(TrialKey.For("warmup", 1, i));
}

var held = new ConcurrentDictionary<SiloAddress, int>();
var peakPerWorker = new ConcurrentDictionary<SiloAddress, int>();
var decisions = new ConcurrentBag<double>();
var waits = new ConcurrentBag<double>();
var rejections = 0;
var overCommits = 0;
var total = Stopwatch.StartNew();

await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = runs }, async (i, _) =>
{
    await Task.Delay(i * arrivalMs);
    var trialKey = TrialKey.For($"sim-r{i:D4}", 1, 1);
    var waited = Stopwatch.StartNew();
    SlotGrant grant;
    while (true)
    {
        var decision = Stopwatch.StartNew();
        try
        {
            grant = await ledger.Reserve(trialKey, 0);
            decisions.Add(decision.Elapsed.TotalMilliseconds);
            break;
        }
        catch (NoFreeSlotException)
        {
            decisions.Add(decision.Elapsed.TotalMilliseconds);
            Interlocked.Increment(ref rejections);
            await Task.Delay(Random.Shared.Next(5, 25));
        }
    }
    waits.Add(waited.Elapsed.TotalMilliseconds);
    // The fake trainer: hold the slot, counting independently of the ledger what each worker holds at once.
    var now = held.AddOrUpdate(grant.Silo, 1, (_, n) => n + 1);
    peakPerWorker.AddOrUpdate(grant.Silo, now, (_, peak) => Math.Max(peak, now));
    if (now > slots) Interlocked.Increment(ref overCommits);
    await Task.Delay(Random.Shared.Next(holdMax / 10, holdMax + 1));
    held.AddOrUpdate(grant.Silo, 0, (_, n) => n - 1);
    await ledger.Release(trialKey);
});

var left = (await ledger.GetClusterStatus()).Silos.Sum(s => s.Trials.Count);
Console.WriteLine($"runs {runs} ({(arrivalMs == 0 ? "all at once" : $"one every {arrivalMs} ms")}), workers {workerCount} x {slots} slots, hold up to {holdMax} ms, wall {total.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"placement decision (ledger Reserve through the client): p50 {Percentile(decisions, 0.50):F2} ms, p99 {Percentile(decisions, 0.99):F2} ms, max {decisions.Max():F2} ms, {decisions.Count} calls, {rejections} answered 'no free slot'");
Console.WriteLine($"time to a slot (including waits while all were busy): p50 {Percentile(waits, 0.50):F1} ms, p99 {Percentile(waits, 0.99):F1} ms");
Console.WriteLine($"most slots held at once on one worker: {peakPerWorker.Values.Max()} (limit {slots}); workers used {peakPerWorker.Count}/{workerCount}; over-commits {overCommits}; grants left in the ledger {left}");
return overCommits == 0 && left == 0 ? 0 : 1;

static double Percentile(IEnumerable<double> values, double q)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
