namespace OrleansGan.Sweeps;

/// <summary>Which run-configuration keys a PBT exploit may change mid-run, and why the others may not.</summary>
public static class PbtMutableKeys
{
    /// <summary>Read afresh when a run resumes, and meaningful for weights trained under another value.</summary>
    public static IReadOnlyList<string> Allowed { get; } = ["lr_g", "lr_d", "beta1", "beta2", "dropout"];

    /// <summary>Why <paramref name="key"/> cannot change mid-run, or null when it can.</summary>
    public static string? Reason(string key) => Allowed.Contains(key) ? null : Refusal(key) + $" (mutable keys: {string.Join(", ", Allowed)})";

    static string Refusal(string key) => key switch
    {
        "epochs" or "steps_per_epoch" or "max_steps" => "sets how long a run trains, which every PBT member shares; it cannot change mid-run",
        "batch_size" => "sets the steps per epoch and the order the data is drawn in; a copied checkpoint's position would not carry over, so it cannot change mid-run",
        "latent_dim" => "sets the generator's input layer; a checkpoint of one size does not load into another, so it cannot change mid-run",
        "leaky_slope" => "is part of what the networks compute; copied weights were trained for the donor's slope, so it cannot change mid-run",
        "seed" => "seeds a run's random streams once, at its start; it cannot change mid-run",
        "summary_every_epochs" => "sets when scores come, which PBT's intervals rely on; it cannot change mid-run",
        "eval_samples" or "grid" => "changes only what a summary shows, not training; there is nothing to explore",
        _ => "cannot change mid-run",
    };
}
