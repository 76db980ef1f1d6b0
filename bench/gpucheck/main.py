"""bench/gpu-check.sh: proves the GPU path in one command (see bench/README.md, "The GPU check")."""
import argparse
import datetime
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import namedtuple

import host
import stepbench
import sweeps
import trainer
from commands import StageClock, StageFailed
from report import goals, print_table

Profile = namedtuple("Profile", [
    "images", "batch_size", "train_steps", "resume_steps", "steps_per_epoch", "summary_every_epochs", "eval_samples",
    "bench_warmup", "bench_steps", "sweep_steps", "sweep_steps_per_epoch", "poll_seconds", "limits"])

# Sized for an H200-class GPU (a seed step of ~10 ms alone): the stage limits add up to 6 minutes.
# On CPU a few tiny steps only, to prove every stage still runs; the limits allow for a busy machine.
PROFILES = {
    "cuda": Profile(images=5000, batch_size=128, train_steps=200, resume_steps=300, steps_per_epoch=50,
                    summary_every_epochs=2, eval_samples=150, bench_warmup=20, bench_steps=200,
                    sweep_steps=600, sweep_steps_per_epoch=100, poll_seconds=1,
                    limits={"host": 40, "trainer": 60, "step": 60, "sweep-thread": 90, "sweep-process": 110}),
    "cpu": Profile(images=64, batch_size=8, train_steps=2, resume_steps=3, steps_per_epoch=1,
                   summary_every_epochs=1, eval_samples=8, bench_warmup=0, bench_steps=1,
                   sweep_steps=2, sweep_steps_per_epoch=1, poll_seconds=5,
                   limits={"host": 120, "trainer": 300, "step": 300, "sweep-thread": 420, "sweep-process": 420}),
}


def parse(argv, repo):
    parser = OneLineParser(prog="bench/gpu-check.sh", description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["cuda", "cpu"], default="cuda")
    parser.add_argument("--out", default="gpu-check-out", help="where gpu-check.json, logs/, step/ and grid.png go")
    parser.add_argument("--pack", default=os.path.join(repo, ".gpu"), help="what bench/pack-gpu-host.sh wrote (default .gpu)")
    parser.add_argument("--libtorch", help="a libtorch folder (default: on cuda the host PyTorch's torch/lib, "
                                           "on cpu the NuGet libtorch-cpu-linux-x64 the repository builds with)")
    parser.add_argument("--python", default="python3", help="the Python with PyTorch (default python3)")
    options = parser.parse_args(argv)
    options.repo = repo
    options.pack = os.path.abspath(options.pack)
    options.out = os.path.abspath(options.out)
    return options


class OneLineParser(argparse.ArgumentParser):
    def error(self, message):
        print(f"gpu-check.sh: {message}", file=sys.stderr)
        sys.exit(2)


def main(argv):
    # SIGTERM unwinds like an exception, so every silo and command this check started is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    options = parse(argv, repo)
    profile = PROFILES[options.device]
    logs = os.path.join(options.out, "logs")
    clear(options.out)
    os.makedirs(logs)
    work = tempfile.mkdtemp(prefix="orleansgan-gpu-check-")
    sizes = {k: v for k, v in profile._asdict().items() if k != "limits"}
    result = dict(device=options.device, started=now(), sizes=sizes, stage_limits_seconds=profile.limits,
                  stages={}, failed_stages=[], host=None, model=None, train=None, step=None,
                  sweeps=dict(thread=None, process=None))
    began = time.monotonic()
    try:
        def stage(name, action):
            clock = StageClock(name, profile.limits[name], logs)
            print(f"== {name} (limit {clock.limit} s)", flush=True)
            entry = dict(ok=False, seconds=None, cpu_seconds=None, limit_seconds=clock.limit, error=None)
            cpu_before = children_cpu_seconds()
            result["stages"][name] = entry
            try:
                value = action(clock)
                entry["ok"] = True
                return value
            except Exception as e:
                # A check that failed (StageFailed), or a bug of this script: either way the other stages still run.
                entry["error"] = str(e) if isinstance(e, StageFailed) else "".join(traceback.format_exception_only(type(e), e)).strip()
                result["failed_stages"].append(name)
                print(f"   FAILED: {entry['error']}", flush=True)
                if not isinstance(e, StageFailed):
                    traceback.print_exc()
                return getattr(e, "figures", None)
            finally:
                entry["seconds"] = round(clock.elapsed, 2)
                entry["cpu_seconds"] = round(children_cpu_seconds() - cpu_before, 2)

        prepared = stage("host", lambda clock: host.prepare(clock, options, work))
        if prepared:
            toolbox, result["host"] = prepared
            print("   " + host.describe(result["host"]), flush=True)
            trained = stage("trainer", lambda clock: trainer.check(clock, toolbox, profile, options.device, work, options.out))
            if trained:
                result["model"], result["train"] = trained
            result["step"] = stage("step", lambda clock: stepbench.check(clock, toolbox, profile, options.device, options, options.out))
            for isolation in ("thread", "process"):
                result["sweeps"][isolation] = stage(f"sweep-{isolation}", lambda clock: sweeps.check(
                    clock, toolbox, profile, options.device, isolation, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, limit in profile.limits.items():
        if name not in result["stages"]:
            result["stages"][name] = dict(ok=False, seconds=None, cpu_seconds=None, limit_seconds=limit,
                                          error="not run: the host stage failed")
            result["failed_stages"].append(name)
    result.update(finished=now(), wall_seconds=round(time.monotonic() - began, 2), goals=goals(result),
                  ok=not result["failed_stages"])
    with open(os.path.join(options.out, "gpu-check.json.partial"), "w") as f:
        json.dump(result, f, indent=2)
    os.replace(os.path.join(options.out, "gpu-check.json.partial"), os.path.join(options.out, "gpu-check.json"))
    print_table(result)
    if result["failed_stages"]:
        print(f"gpu-check: FAILED stage(s): {', '.join(result['failed_stages'])} (see {options.out}/gpu-check.json and logs/)")
        return 1
    print(f"gpu-check: every stage passed in {result['wall_seconds']:.0f} s; figures in {options.out}/gpu-check.json")
    return 0


def clear(out):
    """Removes what an earlier check wrote into --out, and nothing else there."""
    os.makedirs(out, exist_ok=True)
    for name in ("logs", "step"):
        shutil.rmtree(os.path.join(out, name), ignore_errors=True)
    for name in ("gpu-check.json", "grid.png"):
        if os.path.exists(os.path.join(out, name)):
            os.remove(os.path.join(out, name))


def children_cpu_seconds():
    """CPU time (user + system) of the commands run so far, once each has ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
