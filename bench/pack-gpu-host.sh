#!/usr/bin/env bash
# Packs into .gpu/ (git-ignored) what bench/step.sh needs on a GPU host that has PyTorch but no .NET
# (../shared/gpu-host.md): the .NET runtime as dotnet-runtime.tar.xz, and the step bench published
# framework-dependent with no libtorch in it (OrleansGanTorchBackend=external): the host's PyTorch brings libtorch.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
gpu=$repo/.gpu
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
mkdir -p "$gpu"

(cd "$dotnet_root" && tar -cf - dotnet host shared/Microsoft.NETCore.App | xz -T2 -6) > "$gpu/dotnet-runtime.tar.xz.partial"
mv "$gpu/dotnet-runtime.tar.xz.partial" "$gpu/dotnet-runtime.tar.xz"

rm -rf "$gpu/bench.partial"
dotnet publish "$repo/bench/OrleansGan.Bench.Step" -c Release -r linux-x64 --self-contained false \
  -p:OrleansGanTorchBackend=external -o "$gpu/bench.partial" --nologo -v q
rm -rf "$gpu/bench"
mv "$gpu/bench.partial" "$gpu/bench"
du -sh "$gpu/dotnet-runtime.tar.xz" "$gpu/bench"
