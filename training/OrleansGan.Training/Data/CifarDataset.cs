namespace OrleansGan.Training.Data;

/// <summary>
/// Images and their labels, in file order. Each image is <see cref="CifarFormat.ImageBytes"/> bytes in CHW
/// order, exactly as stored: 1024 red, 1024 green, then 1024 blue bytes, each plane row-major 32x32.
/// </summary>
public sealed class CifarDataset
{
    public CifarDataset(byte[] images, byte[] labels)
    {
        if (images.Length != (long)labels.Length * CifarFormat.ImageBytes)
            throw new ArgumentException(
                $"{images.Length} image bytes do not match {labels.Length} labels of {CifarFormat.ImageBytes} bytes each",
                nameof(images));
        Images = images;
        Labels = labels;
    }

    public int Count => Labels.Length;
    public byte[] Images { get; }
    public byte[] Labels { get; }

    public ReadOnlySpan<byte> Image(int index) =>
        Images.AsSpan(checked(index * CifarFormat.ImageBytes), CifarFormat.ImageBytes);
}
