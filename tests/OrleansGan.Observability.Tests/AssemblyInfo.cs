// The tests start silos, Prometheus and training runs: one at a time, so they do not starve each other of CPU.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
