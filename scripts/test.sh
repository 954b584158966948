#!/usr/bin/env bash
# Runs every test: builds acd, then runs ctest. Extra arguments go to ctest,
# e.g. `bash scripts/test.sh -R core`. The build time is printed before the
# tests start so that the output ends with ctest's own summary and its
# "Total Test time" line; the exit status is ctest's.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${ACD_BUILD_DIR:-build}"

start_s=${SECONDS}
bash scripts/build.sh
echo "test.sh: dependencies and build took $((SECONDS - start_s)) s; running ctest"
exec ctest --test-dir "${BUILD_DIR}" --output-on-failure -j2 --timeout 900 "$@"
