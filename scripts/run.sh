#!/usr/bin/env bash
# The main job: builds acd, then replays a seeded simulated morning of the
# embedded default center through the engine, printing each routing decision
# as it happens and a summary table at the end. Extra arguments go to
# `acd sim` (see `build/bin/acd sim --help`).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/build.sh
exec "${ACD_BUILD_DIR:-build}/bin/acd" sim --trace "$@"
