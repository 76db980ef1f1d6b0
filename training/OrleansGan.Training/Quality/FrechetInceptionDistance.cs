using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// FID (Heusel et al. 2017): |mu1 - mu2|^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)), in float64.
/// </summary>
/// <remarks>
/// pytorch-fid takes scipy's sqrtm of the non-symmetric product S1 S2 (Schur method), adds 1e-6 to both
/// diagonals when the result is not finite, and drops a small imaginary part. Only the trace of that root is
/// needed, and it is the sum of the square roots of the eigenvalues of S1 S2, which are those of the symmetric
/// positive semi-definite A = S1^(1/2) S2 S1^(1/2) (XY and YX share eigenvalues, with X = S1^(1/2) and
/// Y = S1^(1/2) S2). So here two symmetric eigendecompositions do it: S1^(1/2) from the eigenvalues of S1, then
/// the eigenvalues of A. Symmetric solvers are backward stable and give real eigenvalues, so there is no
/// complex part to drop, and the rank-deficient covariances of fewer samples than dimensions (2048 here) need
/// no offset. There, eigenvalues that are zero in exact arithmetic come out as round-off of either sign, and a
/// square root would magnify them (sqrt(1e-16) = 1e-8, over two thousand of them): eigenvalues below the
/// numerical-rank threshold (largest x dimension x machine epsilon, as numpy's matrix_rank) count as zero.
/// </remarks>
public static class FrechetInceptionDistance
{
    static readonly double MachineEpsilon = Math.BitIncrement(1.0) - 1.0;

    public static double Compute(FeatureStatistics first, FeatureStatistics second)
    {
        if (!first.Mean.shape.SequenceEqual(second.Mean.shape))
            throw new ArgumentException($"feature widths differ: {first.Mean.shape[0]} and {second.Mean.shape[0]}");
        using var scope = NewDisposeScope();
        var difference = first.Mean - second.Mean;
        var squaredDistance = difference.dot(difference).item<double>();
        var traces = first.Covariance.trace().item<double>() + second.Covariance.trace().item<double>();
        return squaredDistance + traces - 2 * TraceOfRootOfProduct(first.Covariance, second.Covariance);
    }

    /// <summary>tr((S1 S2)^(1/2)) for symmetric positive semi-definite S1 and S2.</summary>
    internal static double TraceOfRootOfProduct(Tensor first, Tensor second)
    {
        using var scope = NewDisposeScope();
        var rootOfFirst = SymmetricRoot(first);
        var product = rootOfFirst.matmul(second).matmul(rootOfFirst);
        var symmetric = (product + product.t()) / 2;
        return RootsAboveNoise(linalg.eigvalsh(symmetric)).sum().item<double>();
    }

    static Tensor SymmetricRoot(Tensor matrix)
    {
        var (eigenvalues, eigenvectors) = linalg.eigh((matrix + matrix.t()) / 2);
        return (eigenvectors * RootsAboveNoise(eigenvalues)).matmul(eigenvectors.t());
    }

    /// <summary>Square roots of the eigenvalues of a symmetric positive semi-definite matrix, zero below the rank threshold.</summary>
    static Tensor RootsAboveNoise(Tensor eigenvalues)
    {
        var threshold = eigenvalues.abs().max().item<double>() * eigenvalues.shape[0] * MachineEpsilon;
        return where(eigenvalues > threshold, eigenvalues, zeros_like(eigenvalues)).sqrt();
    }
}
