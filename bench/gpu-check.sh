#!/usr/bin/env bash
# Proves the GPU path in one command, on a host with CUDA and PyTorch but no .NET and no network, from what
# bench/pack-gpu-host.sh packed into .gpu/ (see bench/README.md, "The GPU check"):
#   1 host      unpack the .NET runtime and the apps; the host PyTorch's torch/lib; GPU, driver, CUDA, PyTorch versions
#   2 trainer   `model summary` parity totals; `orleansgan train --device cuda` on synthetic data, then --resume
#   3 step      the seed step: trainer against PyTorch eager (bench/step.sh), and the trainer with TF32 allowed
#   4 sweep-*   a worker silo with 4 slots on the GPU, thread then process isolation: a 4-run sweep 4 at once,
#               then 1 at a time; placement as `orleansgan cluster status` saw it
# Every figure goes to DIR/gpu-check.json (DIR/logs/ holds every command's output), a short table to stdout.
# Exit code 0 when every stage passed, 1 naming the stages that failed, 2 for bad options. Each stage has a time
# limit; on cuda they add up to 6 minutes. --device cpu runs the same stages with a few tiny steps and no PyTorch.
#
#   bench/gpu-check.sh [--device cuda|cpu] [--out DIR] [--pack DIR] [--libtorch DIR] [--python PYTHON]
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
exec python3 -B "$bench/gpucheck/main.py" "$@"
