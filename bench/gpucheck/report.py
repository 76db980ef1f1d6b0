"""The goals the figures check (bench/README.md, "The GPU check"), and the short table on stdout."""

STEP_RATIO_GOAL = 0.8
SPEEDUP_GOAL = 2.0


def goals(result):
    """Each goal's figure and whether it is met; met is null where it was not measured, or (the two speed goals) on CPU."""
    on_gpu = result["device"] == "cuda"
    step = result["step"] or {}
    ratio = step.get("ratio_median")
    speedups = {isolation: (figures or {}).get("speedup") for isolation, figures in result["sweeps"].items()}
    placements = [figures["placement"] for figures in result["sweeps"].values() if figures]
    over_commits = sum(p["over_commits"] for p in placements)
    return dict(
        trainer_step_at_most_0_8x_pytorch=dict(
            value=ratio, met=ratio <= STEP_RATIO_GOAL if on_gpu and ratio is not None else None),
        four_trials_at_least_2x_one=dict(
            value=speedups, met=all(s >= SPEEDUP_GOAL for s in speedups.values()) if on_gpu and speedups
            and None not in speedups.values() else None),
        no_trial_beyond_its_device_slots=dict(
            value=dict(over_commits=over_commits, snapshots=sum(p["snapshots"] for p in placements)),
            met=over_commits == 0 if len(placements) == 2 and all(p["snapshots"] for p in placements) else None),
    )


def print_table(result):
    rows = [("stage", "result", "seconds", "limit", "cpu seconds")]
    for name, stage in result["stages"].items():
        rows.append((name, "ok" if stage["ok"] else "FAILED", fmt(stage["seconds"], 1), str(stage["limit_seconds"]),
                     fmt(stage["cpu_seconds"], 1)))
    print()
    print_rows(rows)
    print()
    rows = [("figure", "value", "goal")]
    if result["model"]:
        m = result["model"]
        rows.append(("parameters G / D", f"{m['generator_parameters']:,} / {m['discriminator_parameters']:,}", "seed's totals"))
    if result["train"]:
        t = result["train"]
        rows.append(("train, then --resume", f"steps {t['steps']} -> {t['resumed_to_step']}, finite, checkpoint verified", ""))
    if result["step"]:
        s = result["step"]
        trainer, pytorch, tf32 = s["trainer"], s["pytorch"], s["trainer_tf32"]
        versus = f" / PyTorch {fmt(pytorch['median_ms'], 2)} = {fmt(s['ratio_median'], 3)}x" if pytorch else ""
        rows.append(("seed step median ms", f"trainer {fmt(trainer['median_ms'], 2)}{versus}", goal_text(result, "trainer_step_at_most_0_8x_pytorch", "<= 0.8x")))
        if tf32:
            rows.append(("  with TF32 allowed", f"trainer {fmt(tf32['median_ms'], 2)} (speed-up {fmt(s['tf32_speedup'], 2)}x)", ""))
    for isolation, figures in result["sweeps"].items():
        if not figures:
            continue
        c, q = figures["concurrent"], figures["sequential"]
        rows.append((f"sweep, {isolation} isolation", f"4 at once {fmt(c['steps_per_second'], 1)} steps/s, 1 at a time "
                     f"{fmt(q['steps_per_second'], 1)}: {fmt(figures['speedup'], 2)}x (wall {fmt(figures['speedup_wall'], 2)}x)",
                     goal_text(result, "four_trials_at_least_2x_one", ">= 2x")))
        p = figures["placement"]
        peaks = ", ".join(f"{d} {n}/{p['slots_by_device'][d]}" for d, n in p["peak_trials_by_device"].items())
        rows.append(("  placement (cluster status)", f"peak {peaks or '-'}; {p['over_commits']} over-commit(s) "
                     f"in {p['snapshots']} snapshots", goal_text(result, "no_trial_beyond_its_device_slots", "none beyond slots")))
    print_rows(rows)


def goal_text(result, name, goal):
    met = result["goals"][name]["met"]
    return f"{goal}: " + ("n/a" if met is None else "met" if met else "NOT met")


def print_rows(rows):
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def fmt(value, digits):
    return "-" if value is None else f"{value:.{digits}f}"
