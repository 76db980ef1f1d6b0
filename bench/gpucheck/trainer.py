"""Stage 2: the model's parity totals, then `orleansgan train` on synthetic data and `--resume` from its checkpoint."""
import hashlib
import json
import os
import shutil

from commands import StageFailed, run
from journal import finite, read_journal

GENERATOR_PARAMETERS = 1_466_115
DISCRIMINATOR_PARAMETERS = 522_497
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check(clock, toolbox, profile, device, work, out):
    _, stdout, _ = run(clock, "model-summary", toolbox.cli + ["model", "summary", "--json"], env=toolbox.env)
    summary = json.loads(stdout)
    model = dict(generator_parameters=summary["generator"]["parameters"],
                 discriminator_parameters=summary["discriminator"]["parameters"])
    if (model["generator_parameters"], model["discriminator_parameters"]) != (GENERATOR_PARAMETERS, DISCRIMINATOR_PARAMETERS):
        raise StageFailed(f"model summary: totals {model} are not the seed's {GENERATOR_PARAMETERS:,} and {DISCRIMINATOR_PARAMETERS:,}")

    _, stdout, _ = run(clock, "data-prepare", toolbox.cli + ["data", "prepare", "--synthetic", str(profile.images),
                                                             "--dir", os.path.join(work, "data")], env=toolbox.env)
    data = stdout.strip().splitlines()[-1]
    run_dir = os.path.join(work, "train")
    settings = ["--set", f"batch_size={profile.batch_size}", "--set", f"steps_per_epoch={profile.steps_per_epoch}",
                "--set", f"summary_every_epochs={profile.summary_every_epochs}", "--set", f"eval_samples={profile.eval_samples}"]
    train = toolbox.cli + ["train", "--device", device, "--data", data, "--out", run_dir] + settings

    run(clock, "train", train + ["--set", f"max_steps={profile.train_steps}"], env=toolbox.env)
    check_run(run_dir, profile.train_steps)

    _, stdout, _ = run(clock, "train-resume", train + ["--resume", "--set", f"max_steps={profile.resume_steps}"], env=toolbox.env)
    # Not a terminal: the trainer prints the seed's log line (">epoch, step/steps, ...") once per step it trains.
    trained_again = sum(1 for line in stdout.splitlines() if line.startswith(">"))
    if trained_again != profile.resume_steps - profile.train_steps:
        raise StageFailed(f"train --resume trained {trained_again} steps, not the {profile.resume_steps - profile.train_steps} "
                          f"after the checkpoint at step {profile.train_steps}: it did not resume from it")
    resumed = check_run(run_dir, profile.resume_steps)

    grid = os.path.join(out, "grid.png")
    shutil.copyfile(resumed["grid"], grid)
    return model, dict(
        device=device, batch_size=profile.batch_size, steps=profile.train_steps, resumed_to_step=profile.resume_steps,
        steps_trained_after_resume=trained_again, losses_finite=True, checkpoint_step=resumed["checkpoint_step"],
        checkpoint_verified=True, checkpoints=resumed["checkpoints"], grid=grid,
        final_losses=resumed["final_losses"], median_step_ms=resumed["median_step_ms"])


def check_run(run_dir, steps):
    """The run's journal holds steps 1..steps once each, all finite; its newest grid is a PNG; its newest checkpoint verifies."""
    lines = read_journal(os.path.join(run_dir, "metrics.jsonl"))
    step_lines = [line["step"] for line in lines if line["kind"] == "step"]
    numbers = [s["step"] for s in step_lines]
    if numbers != list(range(1, steps + 1)):
        raise StageFailed(f"{run_dir}/metrics.jsonl: steps {numbers[:3]}..{numbers[-3:]} ({len(numbers)}), expected 1..{steps} once each")
    broken = [s["step"] for s in step_lines if not all(finite(s[k]) for k in ("d1", "d2", "g"))]
    if broken:
        raise StageFailed(f"{run_dir}/metrics.jsonl: non-finite losses at steps {broken[:5]}")
    summaries = [line["summary"] for line in lines if line["kind"] == "summary"]
    if not summaries or summaries[-1]["step"] != steps:
        raise StageFailed(f"{run_dir}/metrics.jsonl: no summary at the last step {steps}")
    last = summaries[-1]
    with open(last["grid_path"], "rb") as f:
        if f.read(8) != PNG_SIGNATURE:
            raise StageFailed(f"{last['grid_path']}: not a PNG")
    verify_checkpoint(last["checkpoint_path"], last["checkpoint_sha256"])
    times = sorted(s["step_seconds"] for s in step_lines)
    return dict(checkpoint_step=last["step"], checkpoints=len(summaries), grid=last["grid_path"],
                final_losses={k: step_lines[-1][k] for k in ("d1", "d2", "g")},
                median_step_ms=round(1000 * times[len(times) // 2], 3))


def verify_checkpoint(path, reported_sha256):
    """The file's SHA-256 is the one in its sha256sum-format sidecar and the one the summary reported."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    with open(path + ".sha256") as f:
        recorded = f.read().split()[0]
    if not digest.hexdigest() == recorded == reported_sha256:
        raise StageFailed(f"{path}: SHA-256 {digest.hexdigest()} does not match its .sha256 ({recorded}) and summary ({reported_sha256})")
