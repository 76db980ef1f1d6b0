#!/usr/bin/env bash
# Unpacks Debian 12's python3-torch (PyTorch 1.13) and the packages it lacks on this machine into
# bench/.debian-torch/root, without installing anything: the package would put its own libtorch.so into
# the system library path, where the test suite must find only TorchSharp's. Idempotent.
# step.sh runs /usr/bin/python3 with PYTHONPATH and LD_LIBRARY_PATH pointing into the tree.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
store=$here/.debian-torch
root=$store/root
archives=$store/archives

if [[ -f $root/.complete ]]; then
  echo "debian-torch: already unpacked in $root"
  exit 0
fi

mkdir -p "$archives/partial"
sudo=; [[ $(id -u) -eq 0 ]] || sudo=sudo
# Only what this machine lacks is fetched; -o Dir::Cache::archives keeps the .deb files out of apt's own cache.
$sudo apt-get install -y -q --download-only --no-install-recommends \
  -o Dir::Cache::archives="$archives" python3-torch

rm -rf "$root.partial"
mkdir -p "$root.partial"
for deb in "$archives"/*.deb; do
  dpkg -x "$deb" "$root.partial"
done
touch "$root.partial/.complete"
rm -rf "$root"
mv "$root.partial" "$root"

if ldconfig -p | grep -q libtorch; then
  echo "debian-torch: a libtorch is in the system library path (ldconfig -p | grep libtorch); this script did not put it there" >&2
  exit 1
fi
echo "debian-torch: unpacked $(ls "$archives"/*.deb | wc -l) packages into $root"
