using OrleansGan.Training.Quality;
using OrleansGan.Training.Quality.Inception;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>The scorer's plumbing with a random network (the real weights are not on this machine).</summary>
public class InceptionScorerTests
{
    [Fact]
    public void Features_in_batches_equal_one_pass_and_a_set_scores_zero_fid_against_itself()
    {
        using var images = rand(new long[] { 5, 3, 32, 32 }, generator: new Generator(9)) * 2 - 1;
        using var others = rand(new long[] { 5, 3, 32, 32 }, generator: new Generator(10)) * 0.5;
        var network = RandomInception.Create(seed: 4);
        using var scorer = new InceptionScorer(network, CPU, batchSize: 2);

        using var batched = scorer.Features(images);
        using var single = OnePass(network, images);
        Assert.Equal([5L, 2048L], batched.shape);
        Assert.True(batched.allclose(single, rtol: 1e-4, atol: 1e-6), "batches of 2, 2 and 1 give the features of one batch of 5");

        using var reference = scorer.Reference(images);
        var itself = scorer.Score(images, reference, seed: 1);
        var other = scorer.Score(others, reference, seed: 1);
        var scale = reference.Statistics.Covariance.trace().item<double>();
        Assert.True(Math.Abs(itself.Fid) < 1e-6 * scale, $"FID of a set against itself: {itself.Fid} (trace {scale})");
        Assert.True(other.Fid > 1e-3 * scale, $"FID of other images: {other.Fid} (trace {scale})");
        Assert.Equal((KernelInceptionDistance.DefaultSubsets, 5), (other.Kid.Subsets, other.Kid.SubsetSize));
        Assert.True(other.Kid.StandardDeviation <= 1e-12 * Math.Abs(other.Kid.Mean), "both sets are taken whole in every subset, so the subsets agree");
    }

    static Tensor OnePass(FidInceptionV3 network, Tensor images)
    {
        using var _ = no_grad();
        return network.forward(images);
    }
}
