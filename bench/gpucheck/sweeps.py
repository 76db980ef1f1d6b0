"""Stage 4: one worker silo (orleansgan-silo in its embedded mode: SQLite state, localhost clustering) with 4 slots on
one device, thread or process isolation. It runs a 4-run sweep 4 at once, then the same sweep 1 at a time, while
`orleansgan cluster status` is asked over and over where the trials are. Throughput comes from the runs' own
metrics.jsonl (their step times); wall time from submit to the end of `orleansgan watch`."""
import json
import os
import statistics
import subprocess
import threading
import time
import urllib.request

from commands import Background, FiguresFailed, StageFailed, free_port, run
from journal import read_journal
from placement import PlacementLog

SLOTS = 4
RUNS = 4


def check(clock, toolbox, profile, device, isolation, work):
    data = os.path.join(work, f"cluster-{isolation}")
    os.makedirs(data)
    gateway = silo_port = http_port = None
    while len({gateway, silo_port, http_port}) < 3:
        gateway, silo_port, http_port = free_port(), free_port(), free_port()
    env = dict(toolbox.env,
               OrleansGan__DataDirectory=data, OrleansGan__SiloPort=str(silo_port),
               OrleansGan__GatewayPort=str(gateway), Urls=f"http://127.0.0.1:{http_port}",
               Worker__Accelerator=device, Worker__Devices="1", Worker__SlotsPerDevice=str(SLOTS),
               Worker__Isolation=isolation, Worker__LibTorchDirectory=toolbox.libtorch)
    if device == "cpu":
        # Each libtorch takes every core: 4 trials at once (threads or child processes, which inherit this) get one each.
        env["OMP_NUM_THREADS"] = "1"
    silo = Background(clock, f"silo-{isolation}", toolbox.silo, env, work)
    try:
        wait_until_serving(clock, silo, f"http://127.0.0.1:{http_port}/healthz")
        client = Client(toolbox, f"127.0.0.1:{gateway}", data)
        placement = PlacementLog()
        concurrent = client.sweep(clock, profile, device, f"gpu-check-{isolation}-4", RUNS, placement)
        sequential = client.sweep(clock, profile, device, f"gpu-check-{isolation}-1", 1, placement)
    finally:
        silo.stop(grace_seconds=15)

    seen = placement.figures()
    figures = dict(
        isolation=isolation, slots_per_device=SLOTS, concurrent=concurrent, sequential=sequential,
        speedup=ratio(concurrent["steps_per_second"], sequential["steps_per_second"]),
        speedup_wall=ratio(concurrent["steps_per_second_wall"], sequential["steps_per_second_wall"]),
        placement=seen)
    if seen["over_commits"]:
        raise FiguresFailed(figures, f"{seen['over_commits']} over-committed device(s) seen: {seen['over_commit_examples']}")
    if seen["snapshots"] == 0:
        raise FiguresFailed(figures, "cluster status never answered while the sweeps ran")
    return figures


class Client:
    """The CLI against the silo's gateway."""

    def __init__(self, toolbox, gateway, data):
        self.toolbox = toolbox
        self.gateway = gateway
        self.data = data

    def cli(self, clock, label, *arguments, check=True):
        return run(clock, label, self.toolbox.cli + list(arguments) + ["--gateway", self.gateway], env=self.toolbox.env, check=check)

    def sweep(self, clock, profile, device, name, max_concurrent, placement):
        path = os.path.join(self.data, f"{name}.yaml")
        with open(path, "w") as f:
            f.write(sweep_file(profile, device, name, max_concurrent))
        started = time.monotonic()
        _, stdout, _ = self.cli(clock, f"submit-{name}", "sweep", "submit", path)
        experiment = stdout.strip().splitlines()[-1]
        poller = StatusPoller(self, clock, profile.poll_seconds, placement)
        poller.start()
        try:
            code, _, _ = self.cli(clock, f"watch-{name}", "watch", experiment, check=False)
        finally:
            poller.stop()
        wall = time.monotonic() - started
        _, stdout, _ = self.cli(clock, f"show-{name}", "experiments", "show", experiment, "--json")
        shown = json.loads(stdout)
        runs = shown["runs"]
        unfinished = [f"{r['run']}: {r['status']} {r.get('reason') or ''}".strip() for r in runs if r["status"] != "completed"]
        if code != 0 or unfinished or len(runs) != RUNS:
            raise StageFailed(f"sweep {name}: experiment {experiment} ended {shown['experiment']['status']}, "
                              f"{len(runs)} run(s); not completed: {unfinished}")
        return figures(self.data, experiment, runs, max_concurrent, wall)


def sweep_file(profile, device, name, max_concurrent):
    learning_rates = ", ".join(f"{0.0001 * (i + 1):g}" for i in range(RUNS))
    return f"""name: {name}
description: bench/gpu-check.sh, {RUNS} runs, {max_concurrent} at once
data:
  synthetic: {{ images: {profile.images}, seed: 7 }}
train:
  batch_size: {profile.batch_size}
  steps_per_epoch: {profile.sweep_steps_per_epoch}
  epochs: {profile.sweep_steps // profile.sweep_steps_per_epoch}
  summary_every_epochs: {profile.sweep_steps // profile.sweep_steps_per_epoch}
  eval_samples: {profile.eval_samples}
search:
  strategy: grid
  parameters:
    lr_g: [{learning_rates}]
resources:
  max_concurrent: {max_concurrent}
  gpus_per_trial: {1 / SLOTS if device == "cuda" else 0}
  max_failures: 1
"""


def figures(data, experiment, runs, max_concurrent, wall):
    """Each run's training rate is its steps over the sum of its step times (the trainer's own clock, so a trial's
    start-up is left out). 4 at once: the rates add up; 1 at a time: one run's rate is the aggregate."""
    rates, step_ms, steps = [], [], 0
    for r in runs:
        journal = read_journal(os.path.join(data, "experiments", experiment, r["run"], "metrics.jsonl"))
        times = [line["step"]["step_seconds"] for line in journal if line["kind"] == "step"]
        rates.append(len(times) / sum(times))
        step_ms.extend(1000 * t for t in times)
        steps += len(times)
    aggregate = sum(rates) if max_concurrent > 1 else statistics.fmean(rates)
    return dict(experiment=experiment, max_concurrent=max_concurrent, runs=len(runs), steps=steps,
                median_step_ms=round(statistics.median(step_ms), 3), steps_per_second=round(aggregate, 3),
                wall_seconds=round(wall, 2), steps_per_second_wall=round(steps / wall, 3))


class StatusPoller:
    """Asks `cluster status --json` every few seconds, on a thread, until stopped; keeps every answer in a log."""

    def __init__(self, client, clock, interval, placement):
        self.client, self.clock, self.interval, self.placement = client, clock, interval, placement
        self.log = clock.log_path("cluster-status").replace(".log", ".jsonl")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join()

    def _poll(self):
        argv = self.client.toolbox.cli + ["cluster", "status", "--json", "--gateway", self.client.gateway]
        with open(self.log, "w") as log:
            while not self._stop.is_set() and self.clock.remaining > 1:
                try:
                    answer = subprocess.run(argv, capture_output=True, text=True, env=self.client.toolbox.env,
                                            timeout=min(30, self.clock.remaining))
                except subprocess.TimeoutExpired:
                    continue
                if answer.returncode == 0:
                    status = json.loads(answer.stdout)
                    self.placement.add(status)
                    log.write(json.dumps(dict(seconds=round(self.clock.elapsed, 2), status=status)) + "\n")
                else:
                    log.write(json.dumps(dict(seconds=round(self.clock.elapsed, 2), error=answer.stderr.strip())) + "\n")
                log.flush()
                self._stop.wait(self.interval)


def wait_until_serving(clock, silo, url):
    while clock.remaining > 1:
        if silo.exited():
            raise StageFailed(f"orleansgan-silo exited with {silo.process.returncode} before serving (log {silo.log})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise StageFailed(f"orleansgan-silo not serving {url} within the stage's {clock.limit} s (log {silo.log})")


def ratio(a, b):
    return round(a / b, 3) if b else None
