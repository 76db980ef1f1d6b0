using System.Text.Json;
using OrleansGan.Bench.ControlPlane;

// Usage: dotnet run -c Release --project bench/OrleansGan.Bench.ControlPlane -- [--storage sqlite|redis|both] [--runs 10000]
//        [--max-concurrent 4] [--slots 4] [--train-seconds 15] [--cli PATH[,PATH...]] [--cli-rounds 5] [--out FILE]
//        --cli: builds of the CLI (e.g. client/OrleansGan.Cli/bin/Release/net10.0/orleansgan), timed in turn against the silo
var options = Arguments.Parse(args);
var settings = new BenchSettings(options.Int("--runs", 10_000), options.Int("--max-concurrent", 4), options.Int("--slots", 4),
    TimeSpan.FromSeconds(options.Int("--train-seconds", 15)),
    (options.Text("--cli") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath).ToList(), options.Int("--cli-rounds", 5));
var storages = options.Text("--storage") ?? "both";

var machine = new List<MachineLoad> { MachineLoad.Now("start") };
var reports = new List<StorageReport>();
foreach (var storage in storages == "both" ? ["sqlite", "redis"] : new[] { storages })
{
    var data = Directory.CreateTempSubdirectory("orleansgan-bench-control-");
    try
    {
        using var redis = storage == "redis" ? await RedisServer.StartAsync() : null;
        await using var silo = await BenchSilo.StartAsync(data.FullName, redis?.ConnectionString, settings.Slots);
        reports.Add(await ControlPlaneScenario.RunAsync(storage, silo, settings, line => Console.Error.WriteLine($"[{storage}] {line}")));
    }
    finally
    {
        data.Delete(recursive: true);
    }
    machine.Add(MachineLoad.Now($"after {storage}"));
}

var json = JsonSerializer.Serialize(new { settings, machine, reports }, new JsonSerializerOptions { WriteIndented = true });
Console.WriteLine(json);
if (options.Text("--out") is { } output)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.WriteAllTextAsync(output, json);
}
foreach (var r in reports)
    Console.Error.WriteLine(
        $"{r.Storage}: submit {r.SubmitMs} ms, first step {r.FirstStepMs} ms, show {r.ShowMs} ms, cancel returned {r.CancelReturnMs} ms / done {r.CancelDoneMs} ms, " +
        $"next start p50 {r.NextStartMs.P50} p99 {r.NextStartMs.P99} max {r.NextStartMs.Max} ms ({r.NextStartMs.Count}), " +
        $"longest call {r.LongestCalls.FirstOrDefault()?.MaxMs} ms ({r.LongestCalls.FirstOrDefault()?.Method}), calls over 100 ms {r.CallsOverLimit}, " +
        $"Orleans turns over 100 ms {r.OrleansLongTurns} (longest {r.OrleansLongestTurnMs} ms), GC pauses {r.GcPauseMs} ms");
foreach (var r in reports)
    foreach (var cli in r.Cli ?? [])
        Console.Error.WriteLine($"{r.Storage}: {cli.Cli}: experiments list median {cli.ListMedianMs} ms, experiments show --json median {cli.ShowMedianMs} ms ({cli.ShowMs.Count} each)");
