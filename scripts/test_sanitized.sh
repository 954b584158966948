#!/usr/bin/env bash
# Builds the core, journal, env and runtime tests with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-asan/ (ACD_SANITIZE_BUILD_DIR picks
# another) and runs them. The fuzz suites run a tenth of their seeds
# (ACD_FUZZ_DIVISOR, default 10); any sanitizer report fails the run.
# Arguments are passed to every test binary (e.g. --gtest_filter=...).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${ACD_SANITIZE_BUILD_DIR:-build-asan}"
JOBS="${ACD_JOBS:-$(nproc)}"
export ACD_FUZZ_DIVISOR="${ACD_FUZZ_DIVISOR:-10}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# The test programs of the components the sanitizers guard, by folder.
TESTS=(
  core_basic_test core_fuzz_test core_replay_test core_bad_input_test core_complexity_test
  core_rules_test core_skill_expr_test core_center_mutate_test core_reload_fuzz_test
  core_snapshot_test core_snapshot_fuzz_test core_vocabulary_test core_huge_pages_test
  core_node_arena_test core_expiry_fifo_test
  env_test journal_test
  runtime_test shard_journal_test
)

start_s=${SECONDS}
bash scripts/deps.sh
cmake -S . -B "${BUILD_DIR}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DACD_SANITIZE=address,undefined -DACD_BUILD_BENCH=OFF >/dev/null
cmake --build "${BUILD_DIR}" -j "${JOBS}" --target "${TESTS[@]}"
echo "test_sanitized.sh: build took $((SECONDS - start_s)) s"

failed=()
for t in "${TESTS[@]}"; do
  echo "test_sanitized.sh: ${t}"
  if ! "${BUILD_DIR}/bin/${t}" --gtest_brief=1 "$@"; then failed+=("${t}"); fi
done
if ((${#failed[@]} > 0)); then
  echo "test_sanitized.sh: FAILED under the sanitizers: ${failed[*]}" >&2
  exit 1
fi
echo "test_sanitized.sh: ${#TESTS[@]} test programs passed under address,undefined in $((SECONDS - start_s)) s"
