using System.Collections.Immutable;
using OrleansGan.Runs;

namespace OrleansGan.Orleans.Tests;

/// <summary>A checkpoint record read back from storage equals the one written, scores included.</summary>
public class CheckpointRecordTests
{
    static readonly CheckpointRecord Scored = new(50, 1, "runs/r000/checkpoints/step-50/checkpoint.bin", "ab12", 0.5, 0.75,
        "runs/r000/samples/e001.png", DateTimeOffset.UnixEpoch)
    {
        Scores = ImmutableDictionary<string, double>.Empty.Add("swd", 140.7).Add("swd_16", 120.0),
        AtSummaryEpoch = true,
    };

    [Fact]
    public void Records_with_equal_scores_in_other_dictionaries_are_equal()
    {
        var copy = Scored with { Scores = ImmutableDictionary.CreateRange(Scored.Scores.Reverse()) };

        Assert.NotSame(Scored.Scores, copy.Scores);
        Assert.Equal(Scored, copy);
        Assert.Equal(Scored.GetHashCode(), copy.GetHashCode());
    }

    [Theory]
    [InlineData("swd", 140.8)]
    [InlineData("fid", 140.7)]
    public void A_different_or_missing_score_makes_records_differ(string metric, double value)
    {
        var changed = Scored with { Scores = Scored.Scores.Remove("swd").Add(metric, value) };

        Assert.NotEqual(Scored, changed);
    }

    [Fact]
    public void A_different_field_makes_records_differ() =>
        Assert.NotEqual(Scored, Scored with { AtSummaryEpoch = false });
}
