using OrleansGan.SweepFiles;

namespace OrleansGan.Sweeps.Tests;

/// <summary>Sweep files whose scheduler block must be refused, each with the one-line error it must give.</summary>
public static class BadSchedulerBlocks
{
    /// <summary>Twelve runs of 9 epochs, scored after every epoch; scheduler: is on line 12 and its block starts on line 13.</summary>
    public const string Head = """
        name: bad
        data:
          synthetic: { images: 100 }
        train:
          epochs: 9
          summary_every_epochs: 1
        search:
          parameters:
            lr_g: [0.0001, 0.0002, 0.0004]
            lr_d: [0.0002, 0.0004]
            beta1: [0.5, 0.9]
        scheduler:

        """;

    // The same runs scored every 2 epochs: summaries at epochs 2, 4, 6, 8 and 9.
    static readonly string EveryTwo = Head.Replace("summary_every_epochs: 1", "summary_every_epochs: 2");

    const string Summaries = "is not a summary epoch of a run with summary_every_epochs 2 and epochs 9: scores come only at summaries";
    const string MutableKeys = "(mutable keys: lr_g, lr_d, beta1, beta2, dropout)";

    public static TheoryData<string, string> All => new()
    {
        { Head, "bad.yaml:12: scheduler: set one of 'asha', 'median' or 'pbt'" },
        { Head.Replace("scheduler:\n", "scheduler: asha\n"), "bad.yaml:12: scheduler: must be a mapping, got 'asha'" },
        { Head + "  hyperband: { grace_epochs: 1 }\n", "bad.yaml:13: scheduler.hyperband: unknown key; expected one of asha, median, pbt" },
        { Head + "  medain: {}\n", "bad.yaml:13: scheduler.medain: unknown key (did you mean 'median'?)" },
        { Head + "  asha: {}\n  median: {}\n", "bad.yaml:12: scheduler: set one of 'asha', 'median' or 'pbt'" },

        { Head + "  asha:\n    grace_epochs: 0\n", "bad.yaml:14: scheduler.asha.grace_epochs: must be >= 1, got 0" },
        { Head + "  asha:\n    grace_epochs: many\n", "bad.yaml:14: scheduler.asha.grace_epochs: must be a number, got 'many'" },
        { Head + "  asha:\n    reduction_factor: 1\n", "bad.yaml:14: scheduler.asha.reduction_factor: must be >= 2, got 1" },
        { Head + "  asha:\n    reduction_factor: 2.5\n", "bad.yaml:14: scheduler.asha.reduction_factor: must be a whole number, got 2.5" },
        { Head + "  asha:\n    brackets: 2\n",
          "bad.yaml:14: scheduler.asha.brackets: unknown key; expected one of grace_epochs, reduction_factor, max_epochs" },
        { Head + "  asha:\n    max_epochs: 10\n", "bad.yaml:14: scheduler.asha.max_epochs: must not exceed the epochs every run trains (9), got 10" },
        { Head + "  asha:\n    grace_epochs: 9\n",
          "bad.yaml:14: scheduler.asha.grace_epochs: must be below max_epochs (9), or ASHA never compares runs; got 9" },
        { EveryTwo + "  asha: { grace_epochs: 1, reduction_factor: 3 }\n",
          $"bad.yaml:13: scheduler.asha.grace_epochs: the first rung, epoch 1, {Summaries}" },
        { EveryTwo + "  asha:\n    grace_epochs: 2\n    reduction_factor: 2\n    max_epochs: 7\n",
          $"bad.yaml:16: scheduler.asha.max_epochs: epoch 7, where ASHA completes a run, {Summaries}" },
        { Head.Replace("    beta1: [0.5, 0.9]", "    epochs: [4, 8]") + "  asha:\n    grace_epochs: 1\n",
          "bad.yaml:13: scheduler.asha.max_epochs: is required when runs train different numbers of epochs; it defaults to the epochs every run trains" },

        { Head + "  median:\n    min_runs: 0\n", "bad.yaml:14: scheduler.median.min_runs: must be >= 1, got 0" },
        { Head + "  median:\n    min_runs: 12\n",
          "bad.yaml:14: scheduler.median.min_runs: must be below the sweep's 12 runs, or no run is ever compared with 12 others; got 12" },
        { Head + "  median:\n    grace_epochs: -1\n", "bad.yaml:14: scheduler.median.grace_epochs: must be >= 1, got -1" },
        { Head + "  median:\n    grace: 2\n", "bad.yaml:14: scheduler.median.grace: unknown key; expected one of grace_epochs, min_runs" },

        { Head + "  pbt:\n    interval_epochs: 2\n", "bad.yaml:13: scheduler.pbt.mutable: is required" },
        { Head + "  pbt:\n    mutable: []\n", "bad.yaml:14: scheduler.pbt.mutable: needs at least one key to explore" },
        { Head + "  pbt:\n    quantile: 0.6\n    mutable: [lr_g]\n",
          "bad.yaml:14: scheduler.pbt.quantile: must be in (0, 0.5], so the bottom and top groups do not overlap; got 0.6" },
        { Head + "  pbt:\n    quantile: 0\n    mutable: [lr_g]\n",
          "bad.yaml:14: scheduler.pbt.quantile: must be in (0, 0.5], so the bottom and top groups do not overlap; got 0" },
        { Head + "  pbt:\n    resample_probability: 1.5\n    mutable: [lr_g]\n", "bad.yaml:14: scheduler.pbt.resample_probability: must be in [0, 1], got 1.5" },
        { Head + "  pbt:\n    perturb: [1.2, 0.8]\n    mutable: [lr_g]\n",
          "bad.yaml:14: scheduler.pbt.perturb: must be [low, high] with 0 < low < high, got [1.2, 0.8]" },
        { Head + "  pbt:\n    perturb: [0, 1.2]\n    mutable: [lr_g]\n",
          "bad.yaml:14: scheduler.pbt.perturb: must be [low, high] with 0 < low < high, got [0, 1.2]" },
        { Head + "  pbt:\n    perturb: [0.8]\n    mutable: [lr_g]\n", "bad.yaml:14: scheduler.pbt.perturb: must be [low, high], got 1 values" },
        { Head + "  pbt:\n    perturb: 1.2\n    mutable: [lr_g]\n", "bad.yaml:14: scheduler.pbt.perturb: must be a list, got '1.2'" },
        { Head + "  pbt:\n    mutable:\n      - lr_g\n      - batch_size\n",
          "bad.yaml:16: scheduler.pbt.mutable: batch_size sets the steps per epoch and the order the data is drawn in; a copied checkpoint's " +
          $"position would not carry over, so it cannot change mid-run {MutableKeys}" },
        { Head + "  pbt:\n    mutable: [latent_dim]\n",
          "bad.yaml:14: scheduler.pbt.mutable: latent_dim sets the generator's input layer; a checkpoint of one size does not load into another, " +
          $"so it cannot change mid-run {MutableKeys}" },
        { Head + "  pbt:\n    mutable:\n      - ngf\n", "bad.yaml:15: scheduler.pbt.mutable: ngf is not a run-configuration key" },
        { Head + "  pbt:\n    mutable:\n      - lr_gg\n", "bad.yaml:15: scheduler.pbt.mutable: lr_gg is not a run-configuration key (did you mean 'lr_g'?)" },
        { Head + "  pbt:\n    mutable:\n      - lr_g\n      - lr_g\n", "bad.yaml:16: scheduler.pbt.mutable: lists lr_g twice" },
        { Head + "  pbt:\n    mutable: [lr_g, beta2]\n",
          "bad.yaml:14: scheduler.pbt.mutable: beta2 is not in search.parameters; PBT explores a key within its search space" },
        { Head + "  pbt:\n    interval_epochs: 9\n    mutable: [lr_g]\n",
          "bad.yaml:14: scheduler.pbt.interval_epochs: must be below the epochs every run trains (9), or PBT never acts; got 9" },
        { EveryTwo + "  pbt:\n    interval_epochs: 3\n    mutable: [lr_g]\n", $"bad.yaml:14: scheduler.pbt.interval_epochs: epoch 3 {Summaries}" },
        { Head.Replace("[0.0001, 0.0002, 0.0004]", "[0.0002]").Replace("[0.0002, 0.0004]", "[0.0002]").Replace("[0.5, 0.9]", "[0.5]") + "  pbt:\n    mutable: [lr_g]\n",
          "bad.yaml:13: scheduler.pbt: needs a population of at least 2 runs; the sweep has 1" },
    };
}
