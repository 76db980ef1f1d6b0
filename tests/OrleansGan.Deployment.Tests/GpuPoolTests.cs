namespace OrleansGan.Deployment.Tests;

/// <summary>GPU workers land on the GPU pool with their GPUs; nothing else does, and the dev overlay asks for no GPU.</summary>
public sealed class GpuPoolTests
{
    static RenderedOverlay Gpu => RenderedOverlay.Load(RenderedOverlay.Gpu);
    static RenderedOverlay Dev => RenderedOverlay.Load(RenderedOverlay.Dev);

    static List<SiloContainer> CudaWorkers(RenderedOverlay overlay) =>
        SiloContainer.In(overlay).Where(s => s.Settings.Trains && s.Settings.AcceleratorName == "cuda").ToList();

    [Fact]
    public void The_gpu_overlay_has_cuda_workers_that_request_the_gpus_they_use()
    {
        var workers = CudaWorkers(Gpu);
        Assert.NotEmpty(workers);
        foreach (var worker in workers)
        {
            var gpus = GpuPool.GpusOf(worker.Container);
            Assert.True(gpus >= 1, $"{worker} has no {GpuPool.Resource} limit");
            if (worker.Container.Resources.Requests.TryGetValue(GpuPool.Resource, out var requested))
                Assert.Equal(gpus, requested.ToInt32());
            Assert.True(worker.Settings.DeviceCount == gpus,
                $"{worker} uses {worker.Settings.DeviceCount} device(s) ({SiloSettings.Devices}) but is given {gpus} GPU(s)");
            Assert.True(worker.Settings.Required(SiloSettings.SlotsPerDevice) is { } slots && int.Parse(slots) >= 1,
                $"{worker} sets no {SiloSettings.SlotsPerDevice}");
        }
    }

    [Fact]
    public void Gpu_workers_select_the_gpu_pool_and_tolerate_its_taint()
    {
        foreach (var worker in CudaWorkers(Gpu))
        {
            var pod = worker.Workload.Pod;
            Assert.True(pod.NodeSelector?.TryGetValue(GpuPool.NodeLabel, out var pool) == true && pool == GpuPool.NodeLabelValue,
                $"{worker} does not select nodes labelled {GpuPool.NodeLabel}={GpuPool.NodeLabelValue}");
            Assert.True(GpuPool.Tolerates(pod), $"{worker} does not tolerate {GpuPool.TaintKey}={GpuPool.TaintValue}:{GpuPool.TaintEffect}");
        }
    }

    [Fact]
    public void Only_gpu_workers_request_gpus_or_go_to_the_gpu_pool()
    {
        var cudaWorkloads = CudaWorkers(Gpu).Select(w => w.Workload.Name).ToHashSet();
        foreach (var workload in Gpu.Workloads.Where(w => !cudaWorkloads.Contains(w.Name)))
        {
            Assert.All(workload.Pod.Containers, c => Assert.Equal(0, GpuPool.GpusOf(c)));
            Assert.False(GpuPool.Tolerates(workload.Pod), $"{workload} tolerates the GPU pool's taint but needs no GPU");
        }
    }

    [Fact]
    public void The_dev_overlay_trains_on_cpu_and_asks_for_no_gpu()
    {
        Assert.Contains(SiloContainer.In(Dev), s => s.Settings.Trains && s.Settings.AcceleratorName == "cpu");
        Assert.Empty(CudaWorkers(Dev));
        foreach (var workload in Dev.Workloads)
        {
            Assert.All(workload.Pod.Containers, c => Assert.Equal(0, GpuPool.GpusOf(c)));
            Assert.False(workload.Pod.NodeSelector?.ContainsKey(GpuPool.NodeLabel) == true, $"{workload} selects a node pool on a one-node cluster");
        }
    }
}
