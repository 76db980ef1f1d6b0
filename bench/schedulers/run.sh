#!/usr/bin/env bash
# Runs sweep files one after the other, each as `orleansgan sweep run FILE --json` over one data directory (the
# synthetic set and its real statistics are made once and shared), keeps each run's output and the load average
# before and after, then prints the table of summarize.py. Usage:
#   bench/schedulers/run.sh [--out DIR] [--cli PATH] [--slots N] [--seed N] [FILE...]
# --seed N runs copies of the files whose train.seed and search.seed are N instead of 1.
# Without files: grid.yaml then asha.yaml beside this script, and the table adds ASHA replayed on the grid's scores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=/tmp/orleansgan-bench-schedulers
cli="$root/client/OrleansGan.Cli/bin/Release/net10.0/orleansgan"
files=()
slots=()
seed=
while (($#)); do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --cli) cli=$2; shift 2 ;;
    --slots) slots=(--slots "$2"); shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
summary=()
if ((${#files[@]} == 0)); then
  files=("$here/grid.yaml" "$here/asha.yaml")
  summary=(--asha 1,3,9)   # asha.yaml's grace_epochs, reduction_factor, max_epochs
fi
[[ -x $cli ]] || { echo "run.sh: $cli: not built (dotnet build client/OrleansGan.Cli -c Release)" >&2; exit 2; }
mkdir -p "$out"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
for file in "${files[@]}"; do
  name=$(basename "$file" .yaml)
  if [[ -n $seed ]]; then
    sed -E "s/^(  seed:) 1$/\1 $seed/" "$file" > "$out/$name.yaml"
    file=$out/$name.yaml
  fi
  { date -u +%FT%TZ; cat /proc/loadavg; } > "$out/$name.load"
  start=$(date +%s.%N)
  rc=0
  "$cli" sweep run "$file" "${slots[@]}" --data-dir "$out/data" --json > "$out/$name.out" 2> "$out/$name.err" || rc=$?
  end=$(date +%s.%N)
  { date -u +%FT%TZ; cat /proc/loadavg; } >> "$out/$name.load"
  echo "$name $rc $start $end" >> "$out/runs.txt"
  echo "$name: exit $rc, $(/usr/bin/python3 -c "print(round($end - $start))") s" >&2
done
/usr/bin/python3 "$here/summarize.py" "$out" "${summary[@]}"
