#!/bin/sh
# The planner's question: what is the reception desk worth? The same day of
# the sales department's callers (08:00-18:00, 20 replications, seed 1)
# through the two designs of the call flow:
#   A: examples/centers/sales.yaml         callers go through the reception desk
#   B: examples/centers/sales-direct.yaml  callers reach the sellers from the IVR
# Usage: examples/planning/compare.sh [BUILD_DIR] [more acd compare flags]
# BUILD_DIR is relative to the source tree (default: build); later flags
# override these, e.g. --calls-per-hour 150 for a busier day.
set -eu
cd "$(dirname "$0")/../.."
build=${1:-build}
[ $# -gt 0 ] && shift
exec "$build/bin/acd" compare examples/centers/sales.yaml examples/centers/sales-direct.yaml \
    --replications 20 --seed 1 --from 08:00 --to 18:00 "$@"
