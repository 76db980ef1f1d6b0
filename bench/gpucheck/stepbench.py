"""Stage 3: the seed step timed in the trainer against PyTorch eager on the same GPU (bench/step.sh), then the trainer
again with TF32 allowed for matmuls and convolutions. On CPU: the trainer alone, a few steps, no PyTorch."""
import json
import os

from commands import FiguresFailed, StageFailed, run


def check(clock, toolbox, profile, device, options, out):
    reports = os.path.join(out, "step")
    os.makedirs(reports, exist_ok=True)
    pytorch = None
    if device == "cuda":
        run(clock, "step.sh", [os.path.join(options.repo, "bench", "step.sh"), "--device", "cuda",
                               "--warmup", str(profile.bench_warmup), "--steps", str(profile.bench_steps),
                               "--python", options.python, "--libtorch", toolbox.libtorch, "--bench", toolbox.bench[-1],
                               "--out", reports], env=dict(toolbox.env, DOTNET=toolbox.dotnet))
        trainer = load(reports, "trainer.json")
        pytorch = load(reports, "pytorch.json")
    else:
        trainer = bench(clock, toolbox, profile, device, reports, "trainer.json", [])
    # Its own failure, reported with the figures above: the TF32 switches are the one call of this bench a newer
    # PyTorch's libtorch might lack.
    tf32, tf32_failure = None, None
    try:
        tf32 = bench(clock, toolbox, profile, device, reports, "trainer-tf32.json", ["--tf32"])
    except StageFailed as e:
        tf32_failure = e

    def ratio(a, b):
        return round(a["median_ms"] / b["median_ms"], 3) if a and b else None

    figures = dict(
        device=device, batch_size=trainer["batch_size"], warmup_steps=trainer["warmup_steps"], timed_steps=trainer["timed_steps"],
        trainer=summary(trainer), pytorch=summary(pytorch), trainer_tf32=summary(tf32),
        ratio_median=ratio(trainer, pytorch), ratio_min=round(trainer["min_ms"] / pytorch["min_ms"], 3) if pytorch else None,
        ratio_tf32_median=ratio(tf32, pytorch), tf32_speedup=ratio(trainer, tf32),
        tf32_switches="torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 (TorchSharp 0.107)")
    if tf32_failure:
        raise FiguresFailed(figures, str(tf32_failure))
    return figures


def bench(clock, toolbox, profile, device, reports, name, extra):
    _, stdout, _ = run(clock, name.replace(".json", ""), toolbox.bench + [
        "--device", device, "--warmup", str(profile.bench_warmup), "--steps", str(profile.bench_steps), "--json"] + extra,
        env=toolbox.env)
    with open(os.path.join(reports, name), "w") as f:
        f.write(stdout)
    return json.loads(stdout)


def load(reports, name):
    with open(os.path.join(reports, name)) as f:
        return json.load(f)


def summary(report):
    if report is None:
        return None
    return dict(median_ms=round(report["median_ms"], 3), min_ms=round(report["min_ms"], 3),
                steps_per_second=round(report["steps_per_second"], 3), tf32=report["tf32"],
                final_losses=report["final_losses"], versions=report["versions"])
