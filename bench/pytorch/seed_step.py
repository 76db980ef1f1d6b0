#!/usr/bin/env python3
"""Times the seed DCGAN's step (shared/spec/seed-dcgan.md) in plain PyTorch eager, the reference for
bench/OrleansGan.Bench.Step: same model, losses on logits, Adam(beta1 0.5), D frozen in the G step,
64 real + 64 fake for D and 128 for G, random images drawn on the device. Each timed step sits between two
device synchronisations. Prints the same report (text, or --json) as the .NET bench."""
import argparse
import json
import os
import statistics
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F

BATCH_SIZE = 128
LATENT_DIM = 100
LEAKY_SLOPE = 0.2
TRAIN_IMAGES = 50_000  # as many as CIFAR-10's train set: batches are drawn from a set of its size
PER_STEP_SYNC = "per step, between two device synchronisations"


def discriminator():
    return nn.Sequential(
        nn.Conv2d(3, 64, 3, stride=1, padding=1), nn.LeakyReLU(LEAKY_SLOPE),
        nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.LeakyReLU(LEAKY_SLOPE),
        nn.Conv2d(128, 128, 3, stride=2, padding=1), nn.LeakyReLU(LEAKY_SLOPE),
        nn.Conv2d(128, 256, 3, stride=2, padding=1), nn.LeakyReLU(LEAKY_SLOPE),
        nn.Flatten(), nn.Dropout(0.4), nn.Linear(256 * 4 * 4, 1))


def generator():
    return nn.Sequential(
        nn.Linear(LATENT_DIM, 256 * 4 * 4), nn.LeakyReLU(LEAKY_SLOPE), nn.Unflatten(1, (256, 4, 4)),
        nn.ConvTranspose2d(256, 128, 4, stride=2, padding=1), nn.LeakyReLU(LEAKY_SLOPE),
        nn.ConvTranspose2d(128, 128, 4, stride=2, padding=1), nn.LeakyReLU(LEAKY_SLOPE),
        nn.ConvTranspose2d(128, 128, 4, stride=2, padding=1), nn.LeakyReLU(LEAKY_SLOPE),
        nn.Conv2d(128, 3, 3, padding=1), nn.Tanh())


class SeedStep:
    def __init__(self, device):
        self.device = device
        self.images = torch.randint(0, 256, (TRAIN_IMAGES, 3, 32, 32), dtype=torch.uint8, device=device)
        self.g, self.d = generator().to(device), discriminator().to(device)
        self.g_optimizer = torch.optim.Adam(self.g.parameters(), lr=0.0002, betas=(0.5, 0.999))
        self.d_optimizer = torch.optim.Adam(self.d.parameters(), lr=0.0002, betas=(0.5, 0.999))
        half = BATCH_SIZE // 2
        self.real_half = torch.ones(half, 1, device=device)
        self.fake_half = torch.zeros(half, 1, device=device)
        self.real_full = torch.ones(BATCH_SIZE, 1, device=device)

    def real(self, n):
        index = torch.randint(0, TRAIN_IMAGES, (n,), device=self.device)
        return self.images.index_select(0, index).float().div_(127.5).sub_(1)

    def latent(self, n):
        return torch.randn(n, LATENT_DIM, device=self.device)

    def __call__(self):
        """One seed step; returns (d1, d2, g), still on the device."""
        half = BATCH_SIZE // 2
        self.d_optimizer.zero_grad()
        d1 = F.binary_cross_entropy_with_logits(self.d(self.real(half)), self.real_half)
        d1.backward()
        self.d_optimizer.step()

        self.d_optimizer.zero_grad()
        with torch.no_grad():
            fake = self.g(self.latent(half))
        d2 = F.binary_cross_entropy_with_logits(self.d(fake), self.fake_half)
        d2.backward()
        self.d_optimizer.step()

        self.g_optimizer.zero_grad()
        self.d.requires_grad_(False)
        g = F.binary_cross_entropy_with_logits(self.d(self.g(self.latent(BATCH_SIZE))), self.real_full)
        g.backward()
        self.d.requires_grad_(True)
        self.g_optimizer.step()
        return torch.stack([d1.detach(), d2.detach(), g.detach()])


def loaded_library_path(file_name):
    """The path of a native library this process has mapped, from /proc/self/maps (Linux)."""
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split(maxsplit=5)
            if len(fields) == 6 and os.path.basename(fields[5].strip()).startswith(file_name):
                return fields[5].strip()
    return "not loaded"


def report(device, warmup, step_ms, final_losses):
    mean = statistics.fmean(step_ms)
    return {
        "implementation": "pytorch",
        "device": str(device),
        "batch_size": BATCH_SIZE,
        "warmup_steps": warmup,
        "threads": torch.get_num_threads(),
        "timing": PER_STEP_SYNC,
        "step_ms": step_ms,
        "final_losses": final_losses,
        "tf32": {"matmul": torch.backends.cuda.matmul.allow_tf32, "cudnn": torch.backends.cudnn.allow_tf32},
        "versions": {"torch": torch.__version__, "libtorch": loaded_library_path("libtorch_cpu.so")},
        "timed_steps": len(step_ms),
        "median_ms": statistics.median(step_ms),
        "min_ms": min(step_ms),
        "mean_ms": mean,
        "steps_per_second": 1000 / mean,
    }


def text(r):
    d1, d2, g = r["final_losses"]
    versions = "; ".join(f"{k} {v}" for k, v in r["versions"].items())
    return (f"{r['implementation']} on {r['device']}, {r['threads']} thread(s): batch {r['batch_size']}, "
            f"{r['warmup_steps']} warm-up + {r['timed_steps']} timed steps, {r['timing']}\n"
            f"  median {r['median_ms']:.2f} ms, min {r['min_ms']:.2f} ms, {r['steps_per_second']:.2f} steps/s "
            f"(mean {r['mean_ms']:.2f} ms)\n"
            f"  last step d1={d1:.4f} d2={d2:.4f} g={g:.4f}\n"
            f"  TF32 allowed: {', '.join(f'{k} {str(v).lower()}' for k, v in r['tf32'].items())}\n"
            f"  {versions}")


class OneLineParser(argparse.ArgumentParser):
    """Bad input is one line and exit code 2, as in the .NET bench."""

    def error(self, message):
        print(f"error: {message}", file=sys.stderr)
        sys.exit(2)


def device_from(spec, parser):
    if spec != "cpu" and spec != "cuda" and not (spec.startswith("cuda:") and spec[5:].isdigit()):
        parser.error(f"--device {spec}: expected cpu, cuda or cuda:N")
    if spec.startswith("cuda") and not torch.cuda.is_available():
        print(f"error: --device {spec}: this PyTorch ({torch.__version__}) has no CUDA device", file=sys.stderr)
        sys.exit(1)
    return torch.device(spec)


def main():
    parser = OneLineParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    parser.add_argument("--warmup", type=int, default=5, help="untimed steps first")
    parser.add_argument("--steps", type=int, default=20, help="timed steps")
    parser.add_argument("--threads", type=int, help="CPU threads of libtorch (default: its own choice)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    if args.warmup < 0:
        parser.error(f"--warmup {args.warmup}: must be 0 or more")
    if args.steps < 1:
        parser.error(f"--steps {args.steps}: must be at least 1")
    if args.threads is not None and args.threads < 1:
        parser.error(f"--threads {args.threads}: must be at least 1")
    device = device_from(args.device, parser)
    if args.threads:
        torch.set_num_threads(args.threads)

    torch.manual_seed(1)
    step = SeedStep(device)

    def synchronize():
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    for _ in range(args.warmup):
        step()
    synchronize()
    step_ms, losses = [], []
    for _ in range(args.steps):
        start = time.perf_counter()
        losses.append(step())
        synchronize()
        step_ms.append((time.perf_counter() - start) * 1000)
    all_losses = torch.stack(losses).cpu()
    if not torch.isfinite(all_losses).all():
        print("error: a timed step produced a non-finite loss: the step is broken, its time means nothing", file=sys.stderr)
        sys.exit(1)
    r = report(device, args.warmup, step_ms, all_losses[-1].tolist())
    print(json.dumps(r, indent=2) if args.json else text(r))


if __name__ == "__main__":
    main()
