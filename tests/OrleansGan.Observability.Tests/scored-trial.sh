#!/usr/bin/env bash
# The observed silo's trial command (Worker__TrialCommand), until the trainer scores its summaries itself: the real
# child trainer ("$@" is the silo executable and "trial"), with a scripted swd score, equal to the summary's step,
# added to each summary that has no score. A summary the trainer scored passes unchanged. SIGTERM reaches the
# trainer itself (exec), which checkpoints as always.
set -euo pipefail
exec "$@" > >(sed -u -E 's/^(\{"kind":"summary","summary":\{"step":([0-9]+),.*)"scores":\{\}/\1"scores":{"swd":\2}/')
