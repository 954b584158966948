#!/bin/sh
# The planner's question: what is the reception desk worth? The same day of
# the sales department's callers (08:00-18:00, 20 replications, seed 1)
# through the two designs of the call flow:
#   A: examples/centers/sales.yaml         callers go through the reception desk
#   B: examples/centers/sales-direct.yaml  callers reach the sellers from the IVR
# Usage: examples/planning/compare.sh [BUILD_DIR] [more acd compare flags]
# BUILD_DIR is relative to the source tree (default: $ACD_BUILD_DIR, else
# build) and may be left out; later flags override these, e.g.
# examples/planning/compare.sh --calls-per-hour 150 for a busier day.
set -eu
cd "$(dirname "$0")/../.."
# The first argument is the build directory unless it is a flag.
build=${ACD_BUILD_DIR:-build}
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  build=$1
  shift
fi
exec "$build/bin/acd" compare examples/centers/sales.yaml examples/centers/sales-direct.yaml \
    --replications 20 --seed 1 --from 08:00 --to 18:00 "$@"
