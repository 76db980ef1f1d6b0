namespace OrleansGan.Training.Imaging;
public sealed record RgbImage(int Width, int Height, byte[] Rgb);
