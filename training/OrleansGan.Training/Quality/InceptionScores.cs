namespace OrleansGan.Training.Quality;

/// <summary>FID and KID of one set of generated images against a reference (lower is better for both).</summary>
public readonly record struct InceptionScores(double Fid, KidScore Kid);
