#!/usr/bin/env bash
# Builds the solution and runs every test project. Needs the .NET 10 SDK (NuGet reachable) and, for
# tests/OrleansGan.Deployment.Tests, kubectl 1.32+ on PATH (not a Debian package, so not installed here).
set -euo pipefail
cd "$(dirname "$0")"
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
