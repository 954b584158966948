#!/usr/bin/env bash
# Installs missing Debian packages, then configures and builds acd with
# every core. Arguments name the targets to build (default: all of them,
# tests and benchmarks included). The build directory is ./build unless
# ACD_BUILD_DIR names another; ACD_JOBS caps the parallel jobs (default:
# all cores).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${ACD_BUILD_DIR:-build}"
JOBS="${ACD_JOBS:-$(nproc)}"

bash scripts/deps.sh
cmake -S . -B "${BUILD_DIR}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
if (($# > 0)); then
  cmake --build "${BUILD_DIR}" -j "${JOBS}" --target "$@"
else
  cmake --build "${BUILD_DIR}" -j "${JOBS}"
fi
