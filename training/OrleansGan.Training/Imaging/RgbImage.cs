namespace OrleansGan.Training.Imaging;

/// <summary>An 8-bit image, row-major, R G B interleaved: <see cref="Rgb"/> holds Width * Height * 3 bytes.</summary>
public sealed record RgbImage(int Width, int Height, byte[] Rgb);
