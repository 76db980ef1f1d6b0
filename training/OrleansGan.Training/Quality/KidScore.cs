namespace OrleansGan.Training.Quality;

/// <summary>KID: the mean of the subsets' unbiased MMD^2 estimates and their standard deviation (population, ddof 0).</summary>
public readonly record struct KidScore(double Mean, double StandardDeviation, int Subsets, int SubsetSize);
