using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Xunit.Abstractions;

namespace OrleansGan.Container.Tests;

/// <summary>
/// The images as a Kubernetes user deploys them: docker/build-local.sh builds them, and a control silo and a CPU worker
/// start from the silo image with the dev overlay's environment, volumes and user, over a redis-server on loopback;
/// the cli image's orleansgan submits a small quickstart sweep, which trains to the end; SIGTERM stops both silos.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ContainerSmokeTests(ITestOutputHelper output) : IDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);
    static readonly TimeSpan SweepLimit = TimeSpan.FromMinutes(10);
    static readonly (string Deployment, string Pod)[] Silos =
        [("orleansgan-control", "orleansgan-control-0"), ("orleansgan-worker", "orleansgan-worker-0")];

    const string Redis = "OrleansGan__Redis";
    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    readonly string _scratch = Directory.CreateTempSubdirectory("orleansgan-container-").FullName;

    [ImagesFact]
    public async Task Silos_from_the_silo_image_train_a_sweep_submitted_from_the_cli_image_and_stop_on_SIGTERM()
    {
        var overlay = RenderedOverlay.Load(RenderedOverlay.Dev);
        var clock = Stopwatch.StartNew();
        await using var images = await LocalImages.BuildAsync();
        foreach (var line in images.Log.Split('\n').Where(l => l.StartsWith("build-local.sh:") || l.StartsWith("local-base.sh:")))
            output.WriteLine(line);

        using var redis = new RedisServer();
        await using var silo = await MountedImage.MountAsync(images.Silo);
        await using var cli = await MountedImage.MountAsync(images.Cli);
        var data = Volume("data");
        var started = new List<(SiloPod Pod, ChildProcess Process)>();
        try
        {
            string? gateway = null;
            foreach (var (deployment, podName) in Silos)
            {
                var pod = SiloPod.Of(overlay, deployment);
                Assert.Equal((pod.RunAsUser, pod.RunAsGroup), (silo.User.Uid, silo.User.Gid));
                var (process, podGateway) = await StartSiloAsync(silo, pod, podName, redis, data, started);
                Assert.Equal(silo.User.Uid, UidOf(process.Id));
                output.WriteLine($"{podName} ready at {clock.Elapsed:mm\\:ss}");
                gateway ??= podGateway;
            }

            var work = Volume("work");
            SmokeSweep.WriteTo(Path.Combine(work, "sweep.yaml"));
            var experimentId = (await RunCliAsync(cli, work, "sweep", "submit", "sweep.yaml", "--gateway", gateway!)).Trim();
            output.WriteLine($"submitted {experimentId}; watching");
            output.WriteLine(await RunCliAsync(cli, work, "watch", experimentId, "--gateway", gateway!));
            var trained = clock.Elapsed;

            var run = Assert.Single(Directory.GetDirectories(Path.Combine(data, "experiments", experimentId)));
            var grids = Directory.GetFiles(Path.Combine(run, "samples"), "*.png");
            Assert.Equal(SmokeSweep.Epochs, grids.Length);
            Assert.All(grids, grid => Assert.Equal(PngSignature, File.ReadAllBytes(grid)[..8]));
            var checkpoints = Directory.GetDirectories(Path.Combine(run, "checkpoints")).Order().ToList();
            Assert.Equal(Enumerable.Range(1, SmokeSweep.Epochs).Select(e => $"step-{e * SmokeSweep.StepsPerEpoch}"), checkpoints.Select(Path.GetFileName));
            Assert.All(checkpoints, CheckpointMatchesItsHash);

            foreach (var (pod, process) in Enumerable.Reverse(started))
                Assert.Equal(0, await process.TerminateAsync(pod.TerminationGracePeriod));
            output.WriteLine($"build-local.sh took {images.Took:mm\\:ss}, the sweep completed at {trained:mm\\:ss}, both silos stopped (exit 0) at {clock.Elapsed:mm\\:ss}");
        }
        catch
        {
            foreach (var (_, process) in started) output.WriteLine($"--- silo {process.Id}\n{process.Out}\n{process.Error}");
            throw;
        }
        finally
        {
            foreach (var (_, process) in started) process.Dispose();
        }
    }

    /// <summary>
    /// A silo from the silo image, as the pod would run it, on free loopback ports and over the test's Redis; returns once
    /// the pod's readiness probe answers, with its gateway.
    /// </summary>
    async Task<(ChildProcess Process, string Gateway)> StartSiloAsync(MountedImage silo, SiloPod pod, string podName, RedisServer redis,
        string data, List<(SiloPod, ChildProcess)> started)
    {
        Assert.True(pod.ManifestSets(Redis), $"{podName}: the manifest sets no {Redis}");
        var (siloPort, gatewayPort, httpPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var environment = pod.Environment(podName, new Dictionary<string, string>
        {
            [Redis] = redis.ConnectionString,
            ["OrleansGan__SiloPort"] = siloPort.ToString(),
            ["OrleansGan__GatewayPort"] = gatewayPort.ToString(),
            ["Urls"] = $"http://{SiloPod.Localhost}:{httpPort}",
        });
        var process = ContainerProcess.Start(silo, pod.Volumes(data, () => Volume("tmp")), environment);
        started.Add((pod, process));
        using var http = new HttpClient();
        await process.WaitUntilServingAsync(http, new Uri($"http://{SiloPod.Localhost}:{httpPort}{pod.ReadinessPath}"), StartLimit);
        return (process, $"{SiloPod.Localhost}:{gatewayPort}");
    }

    /// <summary>The CLI from its image, in a working directory of its own (/work); returns its output and fails on a non-zero exit.</summary>
    async Task<string> RunCliAsync(MountedImage cli, string work, params string[] arguments)
    {
        using var process = ContainerProcess.Start(cli, new Dictionary<string, string> { ["/work"] = work, ["/tmp"] = Volume("tmp") },
            new Dictionary<string, string>(), arguments);
        await process.WaitForExitAsync(SweepLimit);
        Assert.True(process.ExitCode == 0, $"orleansgan {string.Join(' ', arguments)} exited {process.ExitCode}:\n{process.Out}\n{process.Error}");
        return process.Out;
    }

    static void CheckpointMatchesItsHash(string directory)
    {
        var checkpoint = Path.Combine(directory, "checkpoint.bin");
        var expected = File.ReadAllText(checkpoint + ".sha256").Split(' ')[0];
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(checkpoint))));
    }

    /// <summary>The real user id of a running process (/proc/PID/status).</summary>
    static long UidOf(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);

    /// <summary>A directory to mount into a container, writable by any user as an emptyDir is (mode 1777).</summary>
    string Volume(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_scratch, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)])).FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0x3FF);
        return directory;
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
