using System.Collections.Immutable;
using OrleansGan.Sweeps;

namespace OrleansGan.Orleans.Tests;

static class Sweeps
{
    /// <summary>A 2x2 grid over lr_g and beta1 on a small synthetic set, a few steps per run.</summary>
    public static SweepDefinition SmallGrid(string name, int steps, int maxConcurrent) => new()
    {
        Name = name,
        Data = DataSource.Synthetic(200, 7),
        Train = [Pair("epochs", 1), Pair("steps_per_epoch", steps), Pair("batch_size", 16), Pair("summary_every_epochs", 1),
                 Pair("eval_samples", 16), Pair("grid", 2)],
        Search = new SearchSpace
        {
            Strategy = SearchStrategy.Grid,
            Parameters = [ParameterSpace.FromValues("lr_g", [0.0002, 0.0004]), ParameterSpace.FromValues("beta1", [0.5, 0.9])],
        },
        Resources = new SweepResources { MaxConcurrent = maxConcurrent, GpusPerTrial = 0, MaxFailures = 1 },
        Objective = new SweepObjective { Metric = "swd", Samples = 64 },
    };

    static KeyValuePair<string, double> Pair(string key, double value) => KeyValuePair.Create(key, value);
}
