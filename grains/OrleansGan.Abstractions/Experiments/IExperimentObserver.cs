namespace OrleansGan.Experiments;

/// <summary>A watcher of one experiment (the CLI's watch): told of every change, a few times a second at most.</summary>
[Alias("IExperimentObserver")]
public interface IExperimentObserver : IGrainObserver
{
    [Alias("Changed")] void Changed(ExperimentSnapshot snapshot);
}
