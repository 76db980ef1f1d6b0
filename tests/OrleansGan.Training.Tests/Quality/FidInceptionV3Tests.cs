using OrleansGan.Training.Quality.Inception;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

public class FidInceptionV3Tests
{
    [Fact]
    public void State_dict_names_and_shapes_are_pytorch_fids_up_to_pool3()
    {
        using var network = new FidInceptionV3();
        var ours = network.state_dict().Select(e => $"{e.Key} [{string.Join(", ", e.Value.shape)}]").Order().ToList();
        var theirs = PytorchFidStateDict.Entries
            .Where(e => !PytorchFidStateDict.IsClassifier(e.Name))
            .Select(e => $"{e.Name} [{string.Join(", ", e.Shape)}]").Order().ToList();
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Parameter_count_is_pytorch_fids()
    {
        using var network = new FidInceptionV3();
        var listed = PytorchFidStateDict.Entries
            .Where(e => !PytorchFidStateDict.IsClassifier(e.Name) && !e.Name.Contains("running_") && !e.Name.EndsWith("num_batches_tracked"))
            .Sum(e => e.Shape.Aggregate(1L, (a, b) => a * b));
        Assert.Equal(PytorchFidStateDict.Pool3Parameters, listed);
        Assert.Equal(PytorchFidStateDict.Pool3Parameters, network.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Forward_pass_gives_2048_non_negative_features_per_image()
    {
        using var network = RandomInception.Create(seed: 6);
        using var images = rand(new long[] { 3, 3, 32, 32 }, generator: new Generator(5)) * 2 - 1;
        using var _ = no_grad();
        using var features = network.forward(images);
        Assert.Equal([3L, FidInceptionV3.FeatureWidth], features.shape);
        Assert.True(features.isfinite().all().item<bool>());
        Assert.True(features.ge(0).all().item<bool>(), "pool3 averages ReLU outputs");
        Assert.True(features.std().item<float>() > 0);
    }
}
