using OrleansGan.Training.Configuration;

namespace OrleansGan.Training.Quality;

/// <summary>Makes the scorer of a metric: where each metric's implementation is plugged in.</summary>
public static class QualityScorers
{
    /// <exception cref="QualityObjectiveException">fid or kid without usable weights, or an unknown metric.</exception>
    public static IQualityScorer Create(ScorerContext context)
    {
        if (new QualityObjective { Metric = context.Metric }.MissingWeightsReason(context.InceptionWeights) is { } missing)
            throw new QualityObjectiveException(missing);
        return context.Metric switch
        {
            QualityMetrics.Swd => SlicedWassersteinScorer.Create(context),
            QualityMetrics.Fid or QualityMetrics.Kid => InceptionQualityScorer.Create(context),
            var other => throw new QualityObjectiveException($"objective.metric {QualityObjective.MetricReason(other)}"),
        };
    }
}
