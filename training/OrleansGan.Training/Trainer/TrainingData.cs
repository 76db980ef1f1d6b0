using OrleansGan.Training.Data;
using OrleansGan.Training.Model;
using static TorchSharp.torch;

namespace OrleansGan.Training.Trainer;

/// <summary>
/// The train set as one uint8 tensor on the training device; batches are drawn there,
/// so a step copies nothing from the host.
/// </summary>
public sealed class TrainingData : IDisposable
{
    readonly Tensor _images;

    public TrainingData(CifarDataset dataset, Device device)
    {
        Count = dataset.Count;
        using var host = tensor(dataset.Images, [Count, DcganModels.ImageChannels, DcganModels.ImageSize, DcganModels.ImageSize]);
        _images = host.to(device);
    }

    public int Count { get; }

    /// <summary>n images drawn at random with replacement, scaled from [0, 255] to [-1, 1].</summary>
    public Tensor Sample(int n, Generator generator)
    {
        using var index = randint(0, Count, [n], dtype: ScalarType.Int64, device: _images.device, generator: generator);
        using var picked = _images.index_select(0, index);
        return picked.to(ScalarType.Float32).div_(127.5).sub_(1);
    }

    public void Dispose() => _images.Dispose();
}
