#!/usr/bin/env bash
# The main job: builds the acd program (only it), starts `acd serve` on the
# embedded default center (manual clock, a fresh journal in a temporary
# directory, a free port on 127.0.0.1), and runs `acd demo` against it: the
# simulated morning of the default center played over gRPC as a PBX would,
# printing each routing decision the server sends as it comes, the server's
# figures at the end and whether they match the in-process engine's. Then
# it stops the server with SIGTERM (graceful: drains, syncs its journal).
# Extra arguments go to `acd demo` (see `build/bin/acd demo --help`).
# The build's output goes to stderr; the exit status is the demo's.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${ACD_BUILD_DIR:-build}"
bash scripts/build.sh acd >&2

work="$(mktemp -d -t acd-run.XXXXXX)"
server_pid=""
cleanup() {
  if [[ -n "${server_pid}" ]] && kill -0 "${server_pid}" 2>/dev/null; then
    kill -TERM "${server_pid}" 2>/dev/null || true
    wait "${server_pid}" 2>/dev/null || true
  fi
  rm -rf "${work}"
}
trap cleanup EXIT

"${BUILD_DIR}/bin/acd" serve --listen 127.0.0.1:0 --port-file "${work}/port" \
  --journal "${work}/journal" --clock manual 2>"${work}/server.log" &
server_pid=$!
for _ in $(seq 1 300); do
  [[ -s "${work}/port" ]] && break
  if ! kill -0 "${server_pid}" 2>/dev/null; then
    echo "run.sh: acd serve did not start:" >&2
    cat "${work}/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
port="$(cat "${work}/port")"
echo "acd serve is listening on 127.0.0.1:${port} (journal in ${work}/journal)" >&2

status=0
"${BUILD_DIR}/bin/acd" demo --server "127.0.0.1:${port}" "$@" || status=$?

kill -TERM "${server_pid}"
if wait "${server_pid}"; then
  echo "acd serve stopped cleanly; its log:" >&2
else
  echo "acd serve exited with status $?; its log:" >&2
  status=1
fi
sed 's/^/  /' "${work}/server.log" >&2
server_pid=""
exit "${status}"
