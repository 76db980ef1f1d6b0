#!/usr/bin/env bash
# Packs what bench/gpu-check.sh (and bench/step.sh) need on a GPU host that has PyTorch but no .NET and no network
# (../shared/gpu-host.md), into DIR (default .gpu/, git-ignored):
#   dotnet-runtime.tar.xz  the .NET runtime: dotnet, host/, shared/Microsoft.NETCore.App and Microsoft.AspNetCore.App
#   apps.tar.xz            silo/, cli/ and bench/: orleansgan-silo, orleansgan and orleansgan-bench-step published
#                          framework-dependent for linux-x64 with OrleansGanTorchBackend=external (no libtorch in them:
#                          the host's PyTorch brings it); files the three share are stored once (hard links)
# and fails if DIR then holds more than 64 MiB, the most a GPU host can be sent.
#
#   bench/pack-gpu-host.sh [--out DIR]
#
# The publishes build in DIR-build/ (--artifacts-path; beside DIR, so carrying DIR to a GPU host leaves it behind),
# apart from the worktree's bin/ and obj/, whose restore stays the default (cpu) one; packing again builds incrementally.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
limit_mib=64

fail() { echo "pack-gpu-host.sh: $*" >&2; exit 2; }
out=$repo/.gpu
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || fail "$1 needs a value"
  case $1 in
    --out) out=$2 ;;
    *) fail "unknown option $1" ;;
  esac
  shift 2
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
build=$out-build
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")

# The runtime changes only when the SDK does: packed again only then.
runtimes=$(dotnet --list-runtimes)
if [[ ! -f $out/dotnet-runtime.tar.xz || "$(cat "$out/dotnet-runtime.txt" 2>/dev/null)" != "$runtimes" ]]; then
  echo "packing the .NET runtime ..." >&2
  (cd "$dotnet_root" && tar -cf - dotnet host shared/Microsoft.NETCore.App shared/Microsoft.AspNetCore.App | xz -T2 -6) \
    > "$out/dotnet-runtime.tar.xz.partial"
  mv "$out/dotnet-runtime.tar.xz.partial" "$out/dotnet-runtime.tar.xz"
  echo "$runtimes" > "$out/dotnet-runtime.txt"
fi

staging=$out/apps.partial
rm -rf "$staging"
publish() {
  echo "publishing $1 ..." >&2
  dotnet publish "$repo/$1" -c Release -r linux-x64 --self-contained false -p:OrleansGanTorchBackend=external \
    --artifacts-path "$build" -o "$staging/$2" --disable-build-servers --nologo -v q >&2
}
publish silo/OrleansGan.Silo silo
publish client/OrleansGan.Cli cli
publish bench/OrleansGan.Bench.Step bench
if find "$staging" -name 'libtorch*.so*' -o -name 'libc10*.so*' | grep -q .; then
  fail "a libtorch library is in the publish: the external backend must leave libtorch out"
fi

# A file the bench or the CLI has byte for byte like the silo's becomes a hard link to it: tar stores it once.
(cd "$staging" && find cli bench -type f) | while read -r file; do
  twin=silo/${file#*/}
  if [[ -f $staging/$twin ]] && cmp -s "$staging/$file" "$staging/$twin"; then ln -f "$staging/$twin" "$staging/$file"; fi
done
tar -C "$staging" -cf - silo cli bench | xz -T2 -6 > "$out/apps.tar.xz.partial"
mv "$out/apps.tar.xz.partial" "$out/apps.tar.xz"
rm -rf "$staging"

# What a GPU host is sent is the whole folder.
runtime_bytes=$(stat -c %s "$out/dotnet-runtime.tar.xz") apps_bytes=$(stat -c %s "$out/apps.tar.xz")
bytes=$(du -sb "$out" | cut -f1)
awk -v r="$runtime_bytes" -v a="$apps_bytes" -v all="$bytes" -v out="$out" -v limit="$limit_mib" 'BEGIN {
  printf "pack: %s: dotnet-runtime.tar.xz %.1f MiB + apps.tar.xz %.1f MiB; the folder %.1f MiB (limit %d MiB)\n",
    out, r / 2^20, a / 2^20, all / 2^20, limit }'
(( bytes <= limit_mib * 1048576 )) || fail "$out holds $bytes bytes, over the $limit_mib MiB a GPU host can be sent"
