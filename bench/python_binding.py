#!/usr/bin/env python3
"""The cost of going through the Python module acd, against C++, in one run.

1. A simulated day: the planner's day (the default center with
   examples/planning/forecast.csv and schedule.csv, seeds 1-20 in turn)
   through acd.simulate_day (center, forecast and schedule loaded once, as
   the C++ benchmark does; options planned per call), against acd_bench_sim's BM_SimPlannedDay (the
   same day, the same seeds, RunSimulation called from C++). CPU time per
   day, median of the repetitions. Goal: Python within 10% of C++.
2. An event: a closed loop through acd.Engine.apply on a 100-agent queue
   (arrive, enqueue, answer the offer the engine made, end the talk; the
   event objects built and the commands read in Python), against
   acd_bench_core's BM_CoreClosedLoop/100 (the engine and its event
   generator in C++). CPU time per event.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_binding.py \\
        --bench-sim build/bin/acd_bench_sim --bench-core build/bin/acd_bench_core
"""

import argparse
import json
import pathlib
import statistics
import subprocess
import time

import acd

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLANNING = ROOT / "examples" / "planning"


def google_benchmark(binary, name, min_time):
    out = subprocess.run(
        [binary, f"--benchmark_filter=^{name}$", f"--benchmark_min_time={min_time}",
         "--benchmark_format=json"],
        check=True, capture_output=True, text=True).stdout
    runs = [b for b in json.loads(out)["benchmarks"] if b.get("run_type") == "iteration"]
    if not runs:
        raise SystemExit(f"{binary}: no benchmark named {name}")
    return runs


def python_days(days):
    center = acd.load_center("sales")
    forecast = acd.Forecast.read(PLANNING / "forecast.csv")
    schedule = acd.load_schedule(PLANNING / "schedule.csv", center)
    calls = 0
    start = time.process_time()
    for i in range(days):
        run = acd.simulate_day(center, forecast, schedule, seed=1 + i % 20)
        calls += run.calls_arrived
    return (time.process_time() - start) / days * 1e9, calls / days


def closed_loop_center(agents):
    return {"queues": [{"name": "q"}],
            "agents": [{"id": i, "queues": [{"queue": "q"}]} for i in range(1, agents + 1)]}


def python_events(calls):
    engine = acd.Engine(closed_loop_center(100), seed=1)
    for agent in range(1, 101):
        engine.apply(acd.AgentLogin(agent=agent, time_ms=0))
    events = 0
    start = time.process_time()
    t = 1_000
    for call in range(1, calls + 1):
        engine.apply(acd.CallArrive(call=call, time_ms=t))
        offer = None
        for command in engine.apply(acd.CallEnqueue(call=call, queue=0, time_ms=t)):
            if command.kind == "offer":
                offer = command
        engine.apply(acd.CallAnswer(call=call, agent=offer.agent, time_ms=t + 100))
        engine.apply(acd.CallEndTalk(call=call, time_ms=t + 200))
        events += 4
        t += 1_000
    elapsed = time.process_time() - start
    assert engine.counts().by_disposition["answered"] == calls
    return elapsed / events * 1e9


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-sim", default=str(ROOT / "build" / "bin" / "acd_bench_sim"))
    parser.add_argument("--bench-core", default=str(ROOT / "build" / "bin" / "acd_bench_core"))
    parser.add_argument("--days", type=int, default=200, help="Python days per repetition")
    parser.add_argument("--calls", type=int, default=50_000, help="Python calls per repetition")
    parser.add_argument("--repetitions", type=int, default=5, help="rounds")
    parser.add_argument("--min-time", type=float, default=1.0, help="C++ seconds per round")
    args = parser.parse_args()

    # C++ and Python take turns, so that both see the same load on the machine.
    cpp_day, py_day, cpp_event, py_event = [], [], [], []
    for _ in range(args.repetitions):
        runs = google_benchmark(args.bench_sim, "BM_SimPlannedDay", args.min_time)
        cpp_day.append(runs[0]["cpu_time"] * 1e6)  # ms -> ns
        cpp_calls = runs[0]["calls_per_day"]
        ns, py_calls = python_days(args.days)
        py_day.append(ns)
        runs = google_benchmark(args.bench_core, "BM_CoreClosedLoop/100", args.min_time)
        cpp_event.append(1e9 / runs[0]["items_per_second"])
        py_event.append(python_events(args.calls))
    cpp_day_ns, py_day_ns = statistics.median(cpp_day), statistics.median(py_day)
    cpp_event_ns, py_event_ns = statistics.median(cpp_event), statistics.median(py_event)
    print("per round (C++ ms/day, Python ms/day):",
          ", ".join(f"({c / 1e6:.3f}, {p / 1e6:.3f})" for c, p in zip(cpp_day, py_day)))

    print(f"simulated day (CPU, median of {args.repetitions} rounds):")
    print(f"  C++ BM_SimPlannedDay      {cpp_day_ns / 1e6:8.3f} ms/day  ({cpp_calls:.1f} calls/day)")
    print(f"  Python acd.simulate_day   {py_day_ns / 1e6:8.3f} ms/day  ({py_calls:.1f} calls/day)")
    print(f"  Python / C++              {py_day_ns / cpp_day_ns:8.3f}   (goal: <= 1.10)")
    print("event (CPU, median):")
    print(f"  C++ BM_CoreClosedLoop/100 {cpp_event_ns:8.0f} ns/event")
    print(f"  Python Engine.apply loop  {py_event_ns:8.0f} ns/event")
    print(f"  Python / C++              {py_event_ns / cpp_event_ns:8.1f}")


if __name__ == "__main__":
    main()
