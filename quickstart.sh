#!/usr/bin/env bash
# The main job on one machine: a small sweep of the seed DCGAN on synthetic images, embedded silo, no servers.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build client/OrleansGan.Cli -c Release --nologo -v q
exec client/OrleansGan.Cli/bin/Release/net10.0/orleansgan sweep run examples/quickstart.yaml --data-dir ./orleansgan-data "$@"
