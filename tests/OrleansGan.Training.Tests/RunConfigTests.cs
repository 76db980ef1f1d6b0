using OrleansGan.Training.Configuration;

namespace OrleansGan.Training.Tests;

public class RunConfigTests
{
    [Fact]
    public void Defaults_are_the_seeds()
    {
        var c = new RunConfig();
        Assert.Equal((20, 128, 100, 0.0002, 0.0002, 0.5, 0.999, 0.2, 0.4, 5, 150, 7, 1L),
            (c.Epochs, c.BatchSize, c.LatentDim, c.LrD, c.LrG, c.Beta1, c.Beta2, c.LeakySlope, c.Dropout,
             c.SummaryEveryEpochs, c.EvalSamples, c.Grid, c.Seed));
        Assert.Equal(390, c.ResolveStepsPerEpoch(50_000));
        Assert.Equal(7800, c.TotalSteps(50_000));
    }

    [Theory]
    [InlineData("batch_size", "3", "must be even and >= 2")]
    [InlineData("batch_size", "0", "must be even and >= 2")]
    [InlineData("lr_g", "0", "must be > 0")]
    [InlineData("lr_d", "-1", "must be > 0")]
    [InlineData("beta1", "1", "must be in [0, 1)")]
    [InlineData("dropout", "1.5", "must be in [0, 1)")]
    [InlineData("latent_dim", "0", "must be >= 1")]
    [InlineData("epochs", "2.5", "must be a whole number")]
    [InlineData("lr_g", "fast", "must be a number")]
    [InlineData("lr_gg", "1", "unknown key (did you mean 'lr_g'?)")]
    public void Bad_values_name_the_key_and_reason(string key, string value, string reason)
    {
        var e = Assert.Throws<RunConfigException>(() => RunConfigKeys.Apply(new RunConfig(), key, value));
        Assert.Equal(key, e.Key);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void Pairs_round_trip()
    {
        var c = RunConfigKeys.Apply(RunConfigKeys.Apply(new RunConfig(), "lr_g", "0.0004"), "max_steps", "12");
        Assert.Equal(c, RunConfigKeys.FromPairs(RunConfigKeys.ToPairs(c)));
        Assert.Null(RunConfigKeys.Apply(c, "max_steps", "null").MaxSteps);
    }
}
