#!/usr/bin/env bash
# Installs the Debian 12 packages acd needs to build and test, and only the
# ones that are missing: when everything is there it returns at once without
# touching apt. Runs as root, or through sudo when it is available.
set -euo pipefail

# The one list of build and test dependencies, by Debian package name.
PACKAGES=(
  build-essential    # make, libc headers and the rest of the toolchain
  g++                # the C++20 compiler
  cmake              # the build system (>= 3.25; Debian 12 ships 3.25)
  ninja-build        # the build tool scripts/build.sh configures for
  pkg-config         # dependency lookup used by some find modules
  git                # source control; version lookups in the build
  libabsl-dev        # Abseil: Status/StatusOr, containers, strings (lib/core)
  libboost-dev       # Boost headers (Boost.CRC: the journal's portable CRC32C)
  libboost-graph-dev # Boost.Graph: overflow-graph checks in lib/config
  libconcurrentqueue-dev # moodycamel ConcurrentQueue: lock-free shard inboxes (lib/runtime)
  libyaml-dev        # libyaml: the YAML parser of center and token files (lib/config)
  libsqlite3-dev     # the SQL-selection baseline in bench/
  libbenchmark-dev   # Google Benchmark (bench/)
  libgtest-dev       # GoogleTest (tests/)
  libgmock-dev       # GoogleMock (tests/)
  libprotobuf-dev    # the center schema in proto/ (lib/config)
  protobuf-compiler  # protoc, generates C++ from proto/
  libgrpc++-dev      # gRPC 1.51: the service (lib/service, acd serve)
  libssl-dev         # OpenSSL's SHA-256: the service's token digests
  openssl            # the service tests make TLS certificates with it
  protobuf-compiler-grpc # grpc_cpp_plugin and grpc_python_plugin: service stubs
  python3-grpcio     # the Python adapter and the service tests' client
  python3-protobuf   # messages for the generated Python stubs
  python3            # helper scripts and tool tests
  python3-simpy      # SimPy, the Python model of bench/sim_model.py
  python3-dev        # Python headers and libpython: the module acd (bindings/python)
  pybind11-dev       # pybind11: the module acd (bindings/python)
  python3-pybind11   # pybind11's CMake package as Debian's Python sees it
  python3-numpy      # numpy: the module acd's arrays (Erlang, simulator results)
  python3-pytest     # pytest: bindings/python/tests and the service tests (tests/service)
  python3-matplotlib # the staffing plot of examples/planning/staffing.py
  python3-pandas     # optional for the module acd (to_pandas, DataFrame forecasts); tested
  python3-pip        # pip install ./bindings/python (tested offline into a scratch --target)
  python3-setuptools # the build backend of bindings/python/pyproject.toml
  python3-wheel      # pip builds a wheel with it
  tzdata             # time zones for business hours
  chromium           # a real browser: the HTML report is checked as it renders
  ca-certificates    # TLS roots for apt mirrors and git over https
)

missing_packages() {
  local pkg status
  for pkg in "${PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Abbrev}' "${pkg}" 2>/dev/null || true)"
    # The second letter of the abbreviated status is "i" once installed.
    if [[ "${status:1:1}" != i ]]; then
      echo "${pkg}"
    fi
  done
}

main() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]} == 0)); then
    return 0
  fi

  local -a as_root=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      echo "deps.sh: missing packages: ${missing[*]}" >&2
      echo "deps.sh: installing them needs root; run as root or install sudo." >&2
      exit 1
    fi
  fi

  echo "deps.sh: installing ${missing[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

main "$@"
