using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Quality;

/// <summary>Reproducible feature sets for the reference checks, drawn with System.Random (not libtorch) so they never change.</summary>
static class FixedFeatures
{
    /// <summary>rows x width Gaussian vectors with correlated coordinates: z A / sqrt(width) + shift, z standard normal.</summary>
    public static double[,] Correlated(int rows, int width, int seed, double shift)
    {
        var random = new Random(seed);
        var mixing = Matrix(width, width, random);
        var z = Matrix(rows, width, random);
        var result = new double[rows, width];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < width; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < width; k++) sum += z[i, k] * mixing[k, j];
                result[i, j] = sum / Math.Sqrt(width) + shift;
            }
        return result;
    }

    /// <summary>Non-negative vectors like pool3 features (averages of ReLUs): |z| * scale + shift.</summary>
    public static double[,] NonNegative(int rows, int width, int seed, double scale, double shift)
    {
        var z = Matrix(rows, width, new Random(seed));
        var result = new double[rows, width];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < width; j++)
                result[i, j] = Math.Abs(z[i, j]) * scale + shift;
        return result;
    }

    public static Tensor ToTensor(double[,] matrix) => tensor(matrix);

    static double[,] Matrix(int rows, int columns, Random random)
    {
        var result = new double[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                result[i, j] = Normal(random);
        return result;
    }

    static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
