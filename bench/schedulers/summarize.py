"""Prints the scheduler bench's table from what the runs trained: for each sweep that run.sh ran, every run's
step lines and summary scores in its metrics.jsonl, and the status and reason `sweep run --json` printed.
With --asha GRACE,ETA,MAX it also replays ASHA (AshaRungs, Li et al.'s algorithm 2: a run reaching a rung goes on if it
is in the top floor(n/eta) of the n recorded there so far, a tie with the cut in, else it stops and waits; a freed slot
first promotes the best waiting run now in its rung's top, from the highest rung down, and only then starts a new run)
on the first sweep's score tables with one slot, new runs in index order, and prints what that rule on the same scores
should train and find: a check of the measured ASHA sweep, whose runs train the same steps as the grid's up to where
they stop.
Usage: summarize.py OUT [--json] [--asha 1,3,9]"""
import json
import pathlib
import sys


def outcome(out_file):
    """The JSON object `sweep run --json` ends with (the live lines before it are skipped)."""
    lines = out_file.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("{"))
    return json.loads("\n".join(lines[start:]))


def run_metrics(metrics_file):
    steps, scores, exploits, off_summary = 0, [], 0, 0
    for line in metrics_file.read_text().splitlines():
        entry = json.loads(line)
        kind = entry["kind"]
        if kind == "step":
            steps += 1
        elif kind == "summary":
            swd = (entry["summary"].get("scores") or {}).get("swd")
            if swd is not None and not entry["summary"].get("at_summary_epoch", True):
                off_summary += 1   # a stop's or preemption's checkpoint, scored too; not a summary epoch's
            elif swd is not None:
                scores.append((entry["summary"]["epoch"], swd))
        elif kind == "exploit":
            exploits += 1
    return steps, scores, exploits, off_summary


def main():
    out = pathlib.Path(sys.argv[1])
    sweeps = []
    for line in (out / "runs.txt").read_text().splitlines():
        name, rc, start, end = line.split()
        result = outcome(out / f"{name}.out")
        experiment = result["experiment"]["experiment_id"]
        rows = {row["run"]: row for row in result["runs"]}
        runs = []
        for metrics in sorted((out / "data" / "experiments" / experiment).glob("*/metrics.jsonl")):
            run = metrics.parent.name
            steps, scores, exploits, off_summary = run_metrics(metrics)
            row = rows.get(run, {})
            runs.append({"run": run, "status": row.get("status"), "reason": row.get("reason"),
                         "hyperparameters": row.get("hyperparameters"), "steps": steps, "exploits": exploits,
                         "off_summary_scores": off_summary,
                         "scores": scores, "best": min(s for _, s in scores) if scores else None,
                         "best_reported": row.get("best_score"), "step_reported": row.get("step")})
        scored = [r for r in runs if r["best"] is not None]
        best = min(scored, key=lambda r: r["best"]) if scored else None
        sweeps.append({"sweep": name, "exit": int(rc), "experiment": experiment, "wall_seconds": float(end) - float(start),
                       "steps": sum(r["steps"] for r in runs), "runs": runs,
                       "best_score": best["best"] if best else None, "best_run": best["run"] if best else None})
    if "--asha" in sys.argv:
        grace, eta, max_epochs = (int(v) for v in sys.argv[sys.argv.index("--asha") + 1].split(","))
        base = sweeps[0]
        replay = replay_asha(base, grace, eta, max_epochs)
        per_epoch = {r["run"]: r["steps"] / max(e for e, _ in r["scores"]) for r in base["runs"]}
        steps = sum(per_epoch[run["run"]] * epochs for run, epochs, _ in replay)
        best = min(b for _, _, b in replay)
        print(f"ASHA({grace},{eta},{max_epochs}) replayed on {base['sweep']}'s scores: {steps:.0f} steps "
              f"({steps / base['steps']:.3f} of {base['steps']}), best swd {best:.1f}; epochs per run: "
              + " ".join(str(epochs) for _, epochs, _ in replay) + "\n")
    if "--json" in sys.argv:
        print(json.dumps(sweeps, indent=1))
        return
    base = sweeps[0]
    print(f"| sweep | runs | steps trained | steps / {base['sweep']}'s | best swd | best / {base['sweep']}'s | best run | wall s |")
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    for s in sweeps:
        ratio_steps = s["steps"] / base["steps"]
        ratio_best = s["best_score"] / base["best_score"] if s["best_score"] and base["best_score"] else float("nan")
        print(f"| {s['sweep']} | {len(s['runs'])} | {s['steps']} | {ratio_steps:.3f} | {s['best_score']:.1f} | {ratio_best:.3f} "
              f"| {s['best_run'].rsplit('-', 1)[-1]} {s['runs'][[r['run'] for r in s['runs']].index(s['best_run'])]['hyperparameters']} "
              f"| {s['wall_seconds']:.0f} |")
    for s in sweeps:
        print(f"\n{s['sweep']} ({s['experiment']}):")
        for r in s["runs"]:
            trail = " ".join(f"{v:.0f}" for _, v in r["scores"])
            agree = "" if r["best"] == r["best_reported"] and r["steps"] == r["step_reported"] else \
                f" (the CLI says: step {r['step_reported']}, best {r['best_reported']})"
            extra = f" + {r['off_summary_scores']} off-summary score(s)" if r["off_summary_scores"] else ""
            print(f"  {r['run'].rsplit('-', 1)[-1]} {r['hyperparameters']} {r['status']} steps {r['steps']}{agree}"
                  f"{' exploits ' + str(r['exploits']) if r['exploits'] else ''} swd by epoch: {trail}"
                  f"{extra}"
                  f"{'  (' + r['reason'] + ')' if r['reason'] else ''}")


def replay_asha(sweep, grace, eta, max_epochs):
    """What ASHA decides on the sweep's per-epoch scores with one slot: (run, epochs trained, best score in them) per run."""
    rungs = []
    epoch = grace
    while epoch < max_epochs:
        rungs.append(epoch)
        epoch *= eta
    runs = sweep["runs"]
    scores = [dict(run["scores"]) for run in runs]
    recorded = {rung: [] for rung in rungs}   # run indices in arrival order
    promoted = {rung: set() for rung in rungs}
    waiting = {}                              # run index -> the rung it waits at
    trained = [0] * len(runs)

    def cut(rung):
        kept = len(recorded[rung]) // eta
        return sorted(scores[i][rung] for i in recorded[rung])[kept - 1] if kept else None

    def train(i, start):
        last = min(max(scores[i]), max_epochs)
        for rung in rungs:
            if rung <= start or rung > last:
                continue
            recorded[rung].append(i)
            c = cut(rung)
            if c is not None and scores[i][rung] <= c:
                promoted[rung].add(i)
                continue
            trained[i] = rung
            waiting[i] = rung
            return
        trained[i] = last

    def promote():
        for rung in reversed(rungs):
            c = cut(rung)
            if c is None:
                continue
            candidates = [i for i in recorded[rung]
                          if waiting.get(i) == rung and i not in promoted[rung] and scores[i][rung] <= c]
            if candidates:
                i = min(candidates, key=lambda j: scores[j][rung])   # min keeps the earlier arrival on a tie
                del waiting[i]
                promoted[rung].add(i)
                train(i, rung)
                return True
        return False

    for i in range(len(runs)):
        while promote():
            pass
        train(i, 0)
    while promote():
        pass
    return [(run, trained[i], min(v for e, v in run["scores"] if e <= trained[i])) for i, run in enumerate(runs)]


main()
