using System.Globalization;

namespace OrleansGan.Testing;

/// <summary>
/// The sweep file the CLI tests train for real: a grid over lr_g on 200 synthetic images, a summary (grid of 3, 16
/// evaluation samples) after every epoch. What a test adds (objective, scheduler) follows as YAML of its own.
/// </summary>
public static class SmallSweepFile
{
    public static string Yaml(string name, int epochs, int stepsPerEpoch, double[] lrG, int maxConcurrent, int batchSize = 16,
        string more = "")
    {
        var values = string.Join(", ", lrG.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        var yaml = $$"""
            name: {{name}}
            data:
              synthetic: { images: 200, seed: 3 }
            train:
              epochs: {{epochs}}
              steps_per_epoch: {{stepsPerEpoch}}
              batch_size: {{batchSize}}
              summary_every_epochs: 1
              eval_samples: 16
              grid: 3
            search:
              strategy: grid
              parameters:
                lr_g: [{{values}}]
            resources:
              max_concurrent: {{maxConcurrent}}
            """;
        return more.Length == 0 ? yaml : yaml + "\n" + more;
    }

    /// <summary>
    /// Two runs (lr_g 0.0002 and 0.0004) of one epoch, both allowed at once: an embedded worker's one slot trains them in turn.
    /// </summary>
    public static string TwoRuns(string name, int steps) => Yaml(name, epochs: 1, steps, [0.0002, 0.0004], maxConcurrent: 2);
}
