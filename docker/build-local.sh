#!/usr/bin/env bash
# Builds OrleansGan's images with podman where there is no Docker daemon and no registry (k8s/README.md, "Building the
# images without a registry"): silo and cli always, gpu-worker where a base image with PyTorch is given. Without
# --aspnet-image and --sdk-image it builds on local .NET bases made from Debian 12 (docker/local-base.sh; made once,
# then reused). Prints each image's size.
#   docker/build-local.sh [--tag TAG] [--aspnet-image IMAGE --sdk-image IMAGE] [--pytorch-image IMAGE]
# Images: localhost/orleansgan/{silo,cli,gpu-worker}:TAG; TAG is 0.1.0 by default, the tag the manifests deploy.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
fail() { echo "build-local.sh: $*" >&2; exit 1; }

tag=0.1.0 aspnet_image= sdk_image= pytorch_image=
while [ $# -gt 0 ]; do
  case $1 in
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    --aspnet-image) aspnet_image=${2:?--aspnet-image needs a value}; shift 2 ;;
    --sdk-image) sdk_image=${2:?--sdk-image needs a value}; shift 2 ;;
    --pytorch-image) pytorch_image=${2:?--pytorch-image needs a value}; shift 2 ;;
    -h | --help) usage ;;
    *) echo "build-local.sh: unknown argument: $1" >&2; usage ;;
  esac
done
command -v podman >/dev/null || fail "podman is not installed (apt-get install podman)"
if [ -z "$aspnet_image" ] && [ -z "$sdk_image" ]; then
  read -r aspnet_image sdk_image < <(docker/local-base.sh)
elif [ -z "$aspnet_image" ] || [ -z "$sdk_image" ]; then
  fail "give both --aspnet-image and --sdk-image, or neither (then local Debian 12 bases are made)"
fi

build() { # TARGET: builds localhost/orleansgan/TARGET:TAG
  local start=$SECONDS
  podman build --isolation=chroot --pull=missing -f docker/Dockerfile \
    --build-arg SDK_IMAGE="$sdk_image" --build-arg ASPNET_IMAGE="$aspnet_image" \
    ${pytorch_image:+--build-arg PYTORCH_IMAGE="$pytorch_image"} --target "$1" -t "localhost/orleansgan/$1:$tag" .
  echo "build-local.sh: built localhost/orleansgan/$1:$tag in $((SECONDS - start)) s"
}

megabytes() { echo $(( $(podman image inspect --format '{{.Size}}' "$1") / 1000000 )); }

built=(silo cli)
build silo
build cli
if [ -n "$pytorch_image" ]; then
  build gpu-worker
  built+=(gpu-worker)
else
  echo "build-local.sh: gpu-worker skipped: no base image with PyTorch given (--pytorch-image IMAGE); its default," \
    "$(sed -n 's/^ARG PYTORCH_IMAGE=//p' docker/Dockerfile), comes from a registry"
fi

for target in "${built[@]}"; do
  base=$aspnet_image
  [ "$target" = gpu-worker ] && base=$pytorch_image
  image=localhost/orleansgan/$target:$tag
  echo "build-local.sh: $image $(megabytes "$image") MB ($base $(megabytes "$base") MB)"
done
