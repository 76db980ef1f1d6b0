#!/usr/bin/env bash
# Times the seed step (batch 128) in the trainer (bench/OrleansGan.Bench.Step) and in PyTorch eager
# (bench/pytorch/seed_step.py) on the same device, one after the other, and prints both and the ratio
# trainer/PyTorch. See bench/README.md.
#
#   bench/step.sh [--device cpu|cuda|cuda:N] [--warmup N] [--steps N] [--threads N] [--libtorch DIR]
#                 [--python PYTHON] [--bench DLL] [--out DIR]
#
# cpu (default): PyTorch is Debian 12's python3-torch 1.13, unpacked by pytorch/debian-torch.sh (never installed);
#                the trainer runs on its NuGet libtorch; both with the same --threads (default: nproc).
# cuda:          PyTorch is --python (default python3); the trainer loads libtorch from that PyTorch's torch/lib
#                (or --libtorch DIR). --bench names a published orleansgan-bench-step.dll where there is no SDK,
#                and $DOTNET the dotnet to run it with.
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)

fail() { echo "step.sh: $*" >&2; exit 2; }
device=cpu warmup= steps= threads= libtorch= python= dll= out=
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || fail "$1 needs a value"
  case $1 in
    --device) device=$2 ;;
    --warmup) warmup=$2 ;;
    --steps) steps=$2 ;;
    --threads) threads=$2 ;;
    --libtorch) libtorch=$2 ;;
    --python) python=$2 ;;
    --bench) dll=$2 ;;
    --out) out=$2 ;;
    *) fail "unknown option $1" ;;
  esac
  shift 2
done
[[ $device =~ ^(cpu|cuda|cuda:[0-9]+)$ ]] || fail "--device $device: expected cpu, cuda or cuda:N"

on_cpu=false; [[ $device == cpu ]] && on_cpu=true
if $on_cpu; then warmup=${warmup:-3} steps=${steps:-20} threads=${threads:-$(nproc)}
else warmup=${warmup:-20} steps=${steps:-200}
fi
[[ $steps =~ ^[0-9]+$ && $steps -ge 20 ]] || fail "--steps $steps: the median and min need at least 20 timed steps"
[[ $warmup =~ ^[0-9]+$ ]] || fail "--warmup $warmup: must be a whole number"

if [[ -z $python ]] && $on_cpu; then
  "$bench/pytorch/debian-torch.sh" >&2
  root=$bench/.debian-torch/root
  python=/usr/bin/python3
  export PYTHONPATH=$root/usr/lib/python3/dist-packages
  pytorch_libraries=$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu:$root/usr/lib
else
  python=${python:-python3}
  pytorch_libraries=${LD_LIBRARY_PATH:-}
fi
if [[ -z $libtorch ]] && ! $on_cpu; then
  libtorch=$("$python" -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')
fi

if [[ -z $dll ]]; then
  dotnet build "$bench/OrleansGan.Bench.Step" -c Release --nologo -v q >&2
  dll=$bench/OrleansGan.Bench.Step/bin/Release/net10.0/orleansgan-bench-step.dll
fi

reports=${out:-$(mktemp -d)}
mkdir -p "$reports"
[[ -n $out ]] || trap 'rm -rf "$reports"' EXIT
common=(--device "$device" --warmup "$warmup" --steps "$steps" --json)
[[ -n $threads ]] && common+=(--threads "$threads")

echo "trainer: $steps timed steps on $device ..." >&2
trainer_libraries=${libtorch:-${LD_LIBRARY_PATH:-}}
LD_LIBRARY_PATH=$trainer_libraries "${DOTNET:-dotnet}" "$dll" "${common[@]}" ${libtorch:+--libtorch "$libtorch"} \
  > "$reports/trainer.json.partial"
mv "$reports/trainer.json.partial" "$reports/trainer.json"
echo "PyTorch: $steps timed steps on $device ..." >&2
LD_LIBRARY_PATH=$pytorch_libraries "$python" "$bench/pytorch/seed_step.py" "${common[@]}" > "$reports/pytorch.json.partial"
mv "$reports/pytorch.json.partial" "$reports/pytorch.json"

"$python" "$bench/pytorch/compare.py" "$reports/trainer.json" "$reports/pytorch.json"
