#!/usr/bin/env bash
# Builds the solution and runs every test project. Needs only the .NET 10 SDK (NuGet reachable).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build OrleansGan.sln -c Release --nologo -v q
status=0
for project in tests/*/*.csproj; do
  dotnet test "$project" -c Release --no-build --nologo -v q --logger "console;verbosity=minimal" || status=1
done
exit $status
