using OrleansGan.Training.Configuration;
using OrleansGan.Training.Model;

namespace OrleansGan.Training.Tests.Training;

public class ModelParityTests
{
    [Fact]
    public void Parameter_counts_and_shapes_match_the_seed()
    {
        var summary = ModelSummary.Of(new RunConfig());
        Assert.Equal(1_466_115, summary.GeneratorParameters);
        Assert.Equal(522_497, summary.DiscriminatorParameters);
        Assert.Equal(
            ["4096", "4096", "4x4x256", "8x8x128", "8x8x128", "16x16x128", "16x16x128", "32x32x128", "32x32x128", "32x32x3", "32x32x3"],
            summary.Generator.Select(l => l.ShapeText));
        Assert.Equal(
            ["32x32x64", "32x32x64", "16x16x128", "16x16x128", "8x8x128", "8x8x128", "4x4x256", "4x4x256", "4096", "4096", "1"],
            summary.Discriminator.Select(l => l.ShapeText));
        Assert.Equal([413_696, 524_416, 262_272, 262_272, 3_459],
            summary.Generator.Where(l => l.Parameters > 0).Select(l => l.Parameters));
        Assert.Equal([1_792, 73_856, 147_584, 295_168, 4_097],
            summary.Discriminator.Where(l => l.Parameters > 0).Select(l => l.Parameters));
    }
}
