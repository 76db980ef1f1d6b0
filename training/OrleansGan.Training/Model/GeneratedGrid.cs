using OrleansGan.Training.Imaging;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OrleansGan.Training.Model;

/// <summary>The seed's sample plot: the generator's images for given latent points, rescaled from [-1, 1], tiled into a PNG.</summary>
public static class GeneratedGrid
{
    public static void Write(Sequential generator, Tensor latent, int columns, string pngPath)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var wasTraining = generator.training;
        generator.eval();
        var images = generator.call(latent).add(1).mul(127.5).clamp(0, 255).to(ScalarType.Byte).cpu();
        if (wasTraining) generator.train();
        var count = (int)latent.shape[0];
        var grid = ImageGrid.Tile(images.data<byte>().ToArray(), count, DcganModels.ImageSize, DcganModels.ImageSize, columns, padding: 2);
        Png.WriteRgb(pngPath, grid.Width, grid.Height, grid.Rgb);
    }
}
