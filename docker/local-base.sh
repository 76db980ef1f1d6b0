#!/usr/bin/env bash
# Makes local stand-ins for the .NET base images, for a machine without a registry: Debian 12 (debootstrap minbase,
# from the mirror apt uses) with this machine's .NET runtime (aspnet) or runtime and SDK (sdk) copied in, and the
# official images' user (app, 1654) and environment. The sdk image also trusts this machine's own certificate
# authorities (/usr/local/share/ca-certificates), so that NuGet restores through a TLS-inspecting proxy as it does here.
# Prints "ASPNET_IMAGE SDK_IMAGE".
# The images are tagged with a key of everything that goes into them (this file, the mirror, the .NET versions, the
# local certificates), so a second call finds them and makes nothing; `podman rmi` them to take newer Debian packages.
# Needs root, podman and debootstrap.
set -euo pipefail

suite=bookworm
packages=ca-certificates,libicu72,libssl3,tzdata,zlib1g   # the official images' runtime dependencies, Debian 12 names
app_uid=1654

apt_mirror() {
  local uri
  uri=$(awk -v suite="$suite" '
      /^URIs:/ { uris = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) print uris }
      /^deb / { sub(/ \[[^]]*\]/, ""); if ($3 == suite) print $2 }' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
  echo "${uri:-http://deb.debian.org/debian}"
}

command -v dotnet >/dev/null || { echo "local-base.sh: needs the .NET SDK on PATH (its runtime and SDK go into the bases)" >&2; exit 1; }
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -n 1)
sdk=$(ls "$dotnet_root/sdk" | sort -V | tail -n 1)
[ -d "$dotnet_root/shared/Microsoft.NETCore.App/$runtime" ] || { echo "local-base.sh: $dotnet_root has ASP.NET Core $runtime but not the .NET runtime $runtime" >&2; exit 1; }
mirror=${DEBIAN_MIRROR:-$(apt_mirror)}
local_cas=(/usr/local/share/ca-certificates/*.crt)
[ -e "${local_cas[0]}" ] || local_cas=()
key=$( { cat "${BASH_SOURCE[0]}" "${local_cas[@]}"; echo "$mirror $runtime $sdk"; } | sha256sum | cut -c1-12)
aspnet_image=localhost/orleansgan-base/aspnet:$runtime-$suite-$key
sdk_image=localhost/orleansgan-base/sdk:$sdk-$suite-$key

# One maker at a time; whoever waits finds the images made.
exec 9>/var/tmp/orleansgan-local-base.lock
flock 9
if podman image exists "$aspnet_image" && podman image exists "$sdk_image"; then
  echo "$aspnet_image $sdk_image"
  exit 0
fi

work=$(mktemp -d /var/tmp/orleansgan-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
start=$SECONDS
echo "local-base.sh: debootstrap $suite from $mirror" >&2
debootstrap --variant=minbase --include="$packages" "$suite" "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
chroot "$rootfs" groupadd --gid "$app_uid" app
chroot "$rootfs" useradd --no-log-init --uid "$app_uid" --gid app --create-home app
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log

mkdir -p "$rootfs/usr/share/dotnet/shared"
cp -a "$dotnet_root"/{dotnet,host,LICENSE.txt,ThirdPartyNotices.txt} "$rootfs/usr/share/dotnet/"
for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
  mkdir -p "$rootfs/usr/share/dotnet/shared/$framework"
  cp -a "$dotnet_root/shared/$framework/$runtime" "$rootfs/usr/share/dotnet/shared/$framework/"
done
ln -s /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"

common=(--change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        --change "ENV APP_UID=$app_uid" --change "ENV DOTNET_RUNNING_IN_CONTAINER=true"
        --change "ENV DOTNET_VERSION=$runtime" --change "ENV ASPNET_VERSION=$runtime")
tar -C "$rootfs" -c . | podman import --quiet "${common[@]}" --change "ENV ASPNETCORE_HTTP_PORTS=8080" - "$aspnet_image" >/dev/null

mkdir -p "$rootfs/usr/share/dotnet/sdk"
cp -a "$dotnet_root"/{packs,sdk-manifests,templates} "$rootfs/usr/share/dotnet/"
cp -a "$dotnet_root/sdk/$sdk" "$rootfs/usr/share/dotnet/sdk/"
if [ ${#local_cas[@]} -gt 0 ]; then
  cp "${local_cas[@]}" "$rootfs/usr/local/share/ca-certificates/"
  chroot "$rootfs" update-ca-certificates >/dev/null 2>&1
fi
tar -C "$rootfs" -c . | podman import --quiet "${common[@]}" --change "ENV DOTNET_SDK_VERSION=$sdk" \
  --change "ENV DOTNET_NOLOGO=true" --change "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false" \
  --change "ENV NUGET_XMLDOC_MODE=skip" - "$sdk_image" >/dev/null
echo "local-base.sh: made $aspnet_image and $sdk_image in $((SECONDS - start)) s" >&2
# Bases of an earlier key are not used again (podman keeps those that cached builds still stand on).
podman images --format '{{.Repository}}:{{.Tag}}' | grep -E '^localhost/orleansgan-base/(aspnet|sdk):' | grep -v -- "-$key\$" \
  | xargs -r podman rmi >/dev/null 2>&1 || true
echo "$aspnet_image $sdk_image"
