#!/usr/bin/python3
"""Measures the simulator against the Python model of the same M/M/c day in
one run and prints the ratios.

Runs BM_SimMMc of acd_bench_sim (Google Benchmark, JSON output), reads the
model's parameters from its counters, runs bench/sim_model.py with them
under SimPy and heapq (each in its own process, one core), and prints
simulated calls per second of CPU time for the three and the ratios.

  /usr/bin/python3 bench/sim_compare.py --bench build/bin/acd_bench_sim
"""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run_bench(bench, min_time_s):
    out = subprocess.run(
        [bench, "--benchmark_filter=^BM_SimMMc$", f"--benchmark_min_time={min_time_s}",
         "--benchmark_format=json"],
        check=True, capture_output=True, text=True).stdout
    for b in json.loads(out)["benchmarks"]:
        if b["name"] == "BM_SimMMc":
            return b
    sys.exit("sim_compare: BM_SimMMc missing from the benchmark's output")


def run_model(impl, bench, days):
    args = [sys.executable, os.path.join(HERE, "sim_model.py"), "--impl", impl,
            "--days", str(days), "--agents", str(int(bench["agents"])),
            "--calls-per-hour", repr(bench["calls_per_hour"]),
            "--handle-s", repr(bench["handle_s"]), "--hours", str(int(bench["hours"]))]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        print(f"sim_compare: the {impl} model failed: {out.stderr.strip()}", file=sys.stderr)
        return None
    return json.loads(out.stdout)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", default="build/bin/acd_bench_sim", help="the acd_bench_sim binary")
    p.add_argument("--min-time-s", type=float, default=2.0, help="Google Benchmark's min time")
    p.add_argument("--days", type=int, default=50, help="days the Python model simulates")
    args = p.parse_args()
    if not os.access(args.bench, os.X_OK):
        p.error(f"--bench: {args.bench} is not an executable")
    if args.days < 1 or args.min_time_s <= 0:
        p.error("--days and --min-time-s must be positive")
    bench = run_bench(args.bench, args.min_time_s)
    cpp = bench["calls_per_s"]
    print(f"model: M/M/c, {int(bench['agents'])} agents, {bench['calls_per_hour']:g} calls/h, "
          f"{bench['handle_s']:g} s handle time, {int(bench['hours'])} h of arrivals")
    print(f"{'implementation':<28}{'calls/s':>14}{'ASA s':>9}{'ratio':>10}")
    print(f"{'acd (engine + simulator)':<28}{cpp:>14,.0f}{bench['asa_s']:>9.1f}{'1':>10}")
    for impl in ("simpy", "heapq"):
        m = run_model(impl, bench, args.days)
        if m is None:
            continue
        name = f"python {impl}"
        print(f"{name:<28}{m['calls_per_s']:>14,.0f}{m['asa_s']:>9.1f}"
              f"{cpp / m['calls_per_s']:>9.1f}x")
    print(f"acd engine events/s: {bench['events_per_s']:,.0f}; "
          f"commands/s: {bench['commands_per_s']:,.0f}")


if __name__ == "__main__":
    main()
