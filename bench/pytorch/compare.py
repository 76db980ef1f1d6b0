#!/usr/bin/env python3
"""Sets a trainer report and a PyTorch report (the JSON of bench/OrleansGan.Bench.Step and of seed_step.py)
side by side with the ratio trainer/PyTorch. Used by bench/step.sh."""
import json
import sys


def main(trainer_path, pytorch_path):
    with open(trainer_path) as f:
        trainer = json.load(f)
    with open(pytorch_path) as f:
        pytorch = json.load(f)
    print(f"seed step, batch {trainer['batch_size']}, on {trainer['device']} / {pytorch['device']}, "
          f"threads {trainer['threads']} / {pytorch['threads']}, "
          f"{trainer['warmup_steps']} warm-up + {trainer['timed_steps']} timed steps, {trainer['timing']}")
    rows = [
        ("trainer (TorchSharp " + trainer["versions"]["torchsharp"] + ")", trainer),
        ("PyTorch " + pytorch["versions"]["torch"] + " eager", pytorch),
    ]
    print(f"  {'':34} {'median ms':>10} {'min ms':>10} {'steps/s':>8}")
    for name, r in rows:
        print(f"  {name:34} {r['median_ms']:10.2f} {r['min_ms']:10.2f} {r['steps_per_second']:8.2f}")
    print(f"  {'ratio trainer/PyTorch':34} {trainer['median_ms'] / pytorch['median_ms']:10.3f} "
          f"{trainer['min_ms'] / pytorch['min_ms']:10.3f}")
    for name, r in rows:
        allowed = ", ".join(f"{k} {str(v).lower()}" for k, v in r["tf32"].items()) if r.get("tf32") else "libtorch's defaults (not read)"
        print(f"  {name} TF32 allowed: {allowed}")
    print(f"  trainer libtorch: {trainer['versions']['libtorch']}")
    print(f"  PyTorch libtorch: {pytorch['versions']['libtorch']} (torch.__version__ {pytorch['versions']['torch']})")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: compare.py TRAINER.json PYTORCH.json", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
