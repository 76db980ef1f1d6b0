#!/usr/bin/env bash
# Builds the solution and runs every test project. Needs the .NET 10 SDK (NuGet reachable); installs Debian's
# prometheus, redis-server and chromium when missing (the tests start their own servers and a headless browser; the
# packages start no daemon here), and podman and debootstrap for the container smoke test.
# tests/OrleansGan.Deployment.Tests also needs kubectl 1.32+ on PATH (not a Debian package, so not installed here).
set -euo pipefail
cd "$(dirname "$0")"
sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
command -v redis-server >/dev/null || missing+=(redis-server)
/usr/bin/python3 -c 'import numpy, scipy' 2>/dev/null || missing+=(python3-numpy python3-scipy)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# tests/OrleansGan.Container.Tests builds the images with podman on a Debian 12 base made by debootstrap; where these
# cannot be installed, that test is skipped (and says why) rather than failed.
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    >/dev/null 2>&1 || echo "test.sh: could not install ${missing[*]}; the container smoke test will be skipped"
fi
dotnet build OrleansGan.sln -c Release --nologo -v q
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for project in tests/*/*.csproj; do
  dotnet test "$project" -c Release --no-build --nologo -v q --logger "console;verbosity=minimal" | tee -a "$log" || status=1
done
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "$passed passed, $failed failed"
exit $status
