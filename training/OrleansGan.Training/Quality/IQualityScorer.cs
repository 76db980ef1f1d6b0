using static TorchSharp.torch;

namespace OrleansGan.Training.Quality;

/// <summary>
/// One sample-quality metric, holding its data set's real statistics on the run's device. <see cref="QualityScorers"/>
/// makes them; SWD is built in, FID and KID plug in there.
/// </summary>
public interface IQualityScorer : IDisposable
{
    /// <summary>The metric's name (<see cref="Configuration.QualityMetrics"/>).</summary>
    string Metric { get; }

    /// <summary>
    /// Scores generated images, uint8 (N, 3, 32, 32) on the device with N the context's sample count, against the real
    /// statistics; the same images and the same state of <paramref name="random"/> (a CPU generator, so that a seed
    /// means the same draws on every device) give the same score.
    /// </summary>
    QualityScore Score(Tensor images, Generator random);
}
