using System.Collections.Immutable;
using System.Globalization;
using OrleansGan.Sweeps;

namespace OrleansGan.Scheduling;

/// <summary>
/// Population-based training (Jaderberg et al. 2017), in the asynchronous form Ray Tune's PBT uses, as durable state.
/// When a run reports a score an interval after it was last ranked, the members with a score are ranked (lower is better,
/// ties by run id); the bottom and top groups each hold ceil(n x quantile) members, at most n/2. A bottom member exploits
/// a top member drawn at random: it takes the donor's latest checkpoint and the donor's values of the mutable keys, then
/// explores each key: with resample_probability a fresh draw from the key's search space, else one of the two perturb
/// factors, each with probability 1/2. A perturbed range value is clamped to the range; a listed value moves to its
/// neighbour in the list in the factor's direction. Every draw comes from one SplitMix64 stream seeded by the sweep's
/// search seed and kept in this state, so the decisions depend only on the seed and the order of reports.
/// </summary>
[GenerateSerializer]
public sealed record PbtPopulation
{
    // Keeps PBT's stream apart from the random search's, which starts from the same seed.
    const ulong StreamSalt = 0x5042_5400_0000_0000;

    PbtPopulation() { }

    [Id(0)] public PbtSpec Spec { get; private init; } = null!;

    [Id(1)] public string Metric { get; private init; } = "";

    /// <summary>Where resampled values come from.</summary>
    [Id(2)] public SearchSpace Search { get; private init; } = new();

    [Id(3)] public ulong RandomState { get; private set; }

    /// <summary>In the order they joined.</summary>
    [Id(4)] public List<PbtMember> Members { get; private init; } = [];

    public static PbtPopulation Start(PbtSpec spec, SweepDefinition sweep) => new()
    {
        Spec = spec,
        Metric = sweep.Objective.Metric,
        Search = sweep.Search,
        RandomState = unchecked((ulong)sweep.Search.Seed) ^ StreamSalt,
    };

    /// <summary>Adds a run as it starts, with its configuration (a variant's <see cref="SweepVariant.Config"/>); again is a no-op.</summary>
    public void Join(string run, IEnumerable<KeyValuePair<string, double>> config)
    {
        if (Members.Exists(m => m.Run == run)) return;
        var pairs = config.ToList();
        ImmutableArray<KeyValuePair<string, double>> values =
            [.. Spec.Mutable.Select(key => KeyValuePair.Create(key, pairs.First(p => p.Key == key).Value))];
        Members.Add(new PbtMember { Run = run, Values = values });
    }

    /// <summary>The run failed for good: it is no longer ranked, nor copied from.</summary>
    public void Leave(string run) => MemberOf(run).Left = true;

    /// <summary>Decides on the run's score at a summary; a repeated report of the latest epoch gets the same decision.</summary>
    public PbtDecision Report(string run, int epoch, double score)
    {
        var member = MemberOf(run);
        if (member.LastDecision is { } last && last.Epoch == epoch) return last;
        member.Epoch = epoch;
        member.Score = score;
        member.LastDecision = Decide(member, epoch, score);
        return member.LastDecision;
    }

    PbtDecision Decide(PbtMember member, int epoch, double score)
    {
        var head = $"PBT epoch {epoch}: {Metric} {Scores.Text(score)}";
        if (epoch - member.RankedAtEpoch < Spec.IntervalEpochs)
            return new() { Run = member.Run, Epoch = epoch, Reason = $"{head}; next ranked at epoch {member.RankedAtEpoch + Spec.IntervalEpochs}" };
        member.RankedAtEpoch = epoch;
        var ranked = Members.Where(m => !m.Left && m.Score is not null)
                            .OrderBy(m => m.Score!.Value, Comparer<double>.Create(Scores.Compare))
                            .ThenBy(m => m.Run, StringComparer.Ordinal).ToList();
        var group = Math.Min((int)Math.Ceiling(ranked.Count * Spec.Quantile), ranked.Count / 2);
        var rank = ranked.IndexOf(member) + 1;
        var standing = $"{head} ranks {rank} of {ranked.Count}";
        if (group == 0 || rank <= ranked.Count - group)
            return new() { Run = member.Run, Epoch = epoch, Reason = $"{standing}, not in the bottom {group}" };
        var random = new SplitMix64(RandomState);
        var donor = ranked[(int)(random.NextDouble() * group)];
        var exploit = new PbtExploit
        {
            Donor = donor.Run,
            DonorEpoch = donor.Epoch,
            DonorScore = donor.Score!.Value,
            OldValues = member.Values,
            NewValues = [.. donor.Values.Select(v => KeyValuePair.Create(v.Key, Explore(v.Key, v.Value, random)))],
        };
        RandomState = random.State;
        member.Values = exploit.NewValues;
        member.Epoch = donor.Epoch;
        member.Score = donor.Score;
        member.RankedAtEpoch = donor.Epoch;
        var changes = string.Join(", ", exploit.OldValues.Zip(exploit.NewValues, (old, now) => $"{old.Key} {Number(old.Value)} -> {Number(now.Value)}"));
        return new()
        {
            Run = member.Run, Epoch = epoch, Exploit = exploit,
            Reason = $"{standing}, bottom {group}: copies {donor.Run} at epoch {donor.Epoch} ({Metric} {Scores.Text(donor.Score.Value)}); {changes}",
        };
    }

    double Explore(string key, double value, SplitMix64 random)
    {
        var space = Search.Parameters.First(p => p.Key == key);
        if (random.NextDouble() < Spec.ResampleProbability) return SweepExpander.Draw(space, random);
        var factor = random.NextDouble() < 0.5 ? Spec.PerturbLow : Spec.PerturbHigh;
        if (space.Sampling != ParameterSampling.Values)
            return Math.Clamp(SweepExpander.SixSignificantDigits(value * factor), space.Low, space.High);
        var listed = space.Values.Order().ToList();
        var at = listed.IndexOf(listed.MinBy(v => Math.Abs(v - value)));
        var next = factor > 1 ? at + 1 : factor < 1 ? at - 1 : at;
        return listed[Math.Clamp(next, 0, listed.Count - 1)];
    }

    PbtMember MemberOf(string run) =>
        Members.Find(m => m.Run == run) ?? throw new ArgumentException($"run {run} has not joined the PBT population", nameof(run));

    static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
