using OrleansGan.Sweeps;

namespace OrleansGan.Bench.ControlPlane;

static class Sweeps
{
    /// <summary>A random search of 2-step runs on synthetic images (which the synthetic trainer never reads).</summary>
    public static SweepDefinition Random(string name, int trials, int maxConcurrent) => new()
    {
        Name = name,
        Data = DataSource.Synthetic(200, 7),
        Train = [Pair("epochs", 1), Pair("steps_per_epoch", 2), Pair("batch_size", 16), Pair("summary_every_epochs", 1), Pair("eval_samples", 16)],
        Search = new SearchSpace
        {
            Strategy = SearchStrategy.Random,
            Trials = trials,
            Seed = 1,
            Parameters = [ParameterSpace.LogUniform("lr_g", 0.0001, 0.001), ParameterSpace.FromValues("beta1", [0.5, 0.9])],
        },
        Resources = new SweepResources { MaxConcurrent = maxConcurrent, MaxFailures = 1 },
    };

    static KeyValuePair<string, double> Pair(string key, double value) => KeyValuePair.Create(key, value);
}
