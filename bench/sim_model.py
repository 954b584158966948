#!/usr/bin/python3
"""The M/M/c day of bench/sim_bench.cc (BM_SimMMc) in plain Python.

One queue served first come, first served by c agents; Poisson arrivals at a
constant rate from 08:00 for `hours`, then the agents serve out the line;
exponential handle times; callers never hang up; no IVR, no ring delay, no
wrap-up. Times are whole milliseconds as in the C++ simulator. Two
implementations of the same model:

  simpy  SimPy processes and a Resource (Debian 12's python3-simpy, SimPy 2.3)
  heapq  a hand-written event loop on a binary heap (the standard library)

Prints one JSON object: calls, simulated calls per second of CPU time, the
model's figures (average wait, occupancy) so the runs can be compared.

  /usr/bin/python3 bench/sim_model.py --impl heapq --days 20
"""

import argparse
import heapq
import json
import math
import random
import time

MS_PER_HOUR = 3_600_000
DAY_START_MS = 8 * MS_PER_HOUR


def exp_ms(rng, mean_ms):
    """An exponential duration rounded up to whole milliseconds (>= 1)."""
    return max(1, math.ceil(rng.expovariate(1.0 / mean_ms)))


def arrivals(rng, calls_per_hour, hours):
    """Arrival times (ms) of a Poisson process over [08:00, 08:00 + hours)."""
    mean_gap_ms = MS_PER_HOUR / calls_per_hour
    end_ms = DAY_START_MS + hours * MS_PER_HOUR
    t = float(DAY_START_MS)
    while True:
        t += rng.expovariate(1.0 / mean_gap_ms)
        if t >= end_ms:
            return
        yield math.ceil(t)


def day_heapq(args, rng):
    """One day; returns (calls, total wait ms, busy ms, last end ms)."""
    handle_ms = args.handle_s * 1000.0
    events = []  # (time, seq, kind): kind 0 arrival, 1 end of talk
    seq = 0
    for t in arrivals(rng, args.calls_per_hour, args.hours):
        events.append((t, seq, 0))
        seq += 1
    heapq.heapify(events)
    free = args.agents
    line = []  # arrival times, first come first served
    head = 0
    calls = wait_ms = busy_ms = last_ms = 0
    while events:
        now, _, kind = heapq.heappop(events)
        if kind == 0:
            calls += 1
            line.append(now)
        else:
            free += 1
            last_ms = now
        while free > 0 and head < len(line):
            wait_ms += now - line[head]
            head += 1
            free -= 1
            talk = exp_ms(rng, handle_ms)
            busy_ms += talk
            heapq.heappush(events, (now + talk, seq, 1))
            seq += 1
    return calls, wait_ms, busy_ms, last_ms


def day_simpy(args, rng):
    """The same day with SimPy 2 processes and a FIFO Resource (Debian 12's
    python3-simpy is SimPy 2.3); returns the same figures."""
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

    sim = Simulation()
    sim.initialize()
    agents = Resource(capacity=args.agents, sim=sim)
    handle_ms = args.handle_s * 1000.0
    stats = {"calls": 0, "wait": 0, "busy": 0, "last": 0}

    class Caller(Process):
        def run(self):
            arrived = sim.now()
            yield request, self, agents
            stats["wait"] += sim.now() - arrived
            talk = exp_ms(rng, handle_ms)
            stats["busy"] += talk
            yield hold, self, talk
            yield release, self, agents
            stats["last"] = sim.now()

    class Source(Process):
        def run(self):
            for t in arrivals(rng, args.calls_per_hour, args.hours):
                yield hold, self, t - sim.now()
                stats["calls"] += 1
                caller = Caller(sim=sim)
                sim.activate(caller, caller.run())

    source = Source(sim=sim)
    sim.activate(source, source.run(), at=DAY_START_MS)
    sim.simulate(until=DAY_START_MS + 1000 * MS_PER_HOUR)
    return stats["calls"], stats["wait"], stats["busy"], stats["last"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--impl", choices=["simpy", "heapq"], default="simpy")
    p.add_argument("--agents", type=int, default=12)
    p.add_argument("--calls-per-hour", type=float, default=216)
    p.add_argument("--handle-s", type=float, default=180)
    p.add_argument("--hours", type=int, default=10)
    p.add_argument("--days", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if args.agents < 1 or args.calls_per_hour <= 0 or args.handle_s <= 0 or args.hours < 1:
        p.error("--agents, --calls-per-hour, --handle-s and --hours must be positive")
    if args.days < 1:
        p.error("--days: must be at least 1")
    day = day_simpy if args.impl == "simpy" else day_heapq
    calls = wait_ms = busy_ms = staffed_ms = 0
    start = time.process_time()
    for d in range(args.days):
        rng = random.Random(args.seed + d)
        c, w, b, last = day(args, rng)
        calls += c
        wait_ms += w
        busy_ms += b
        staffed_ms += args.agents * (max(last, DAY_START_MS + args.hours * MS_PER_HOUR) - DAY_START_MS)
    cpu_s = time.process_time() - start
    print(json.dumps({
        "impl": args.impl,
        "days": args.days,
        "calls": calls,
        "cpu_s": round(cpu_s, 4),
        "calls_per_s": round(calls / cpu_s, 1),
        "asa_s": round(wait_ms / max(calls, 1) / 1000.0, 2),
        "occupancy": round(busy_ms / staffed_ms, 4),
    }))


if __name__ == "__main__":
    main()
