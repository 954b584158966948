#!/usr/bin/env python3
"""Staffing plot for the sales department's forecast, through the acd module.

Agents needed per quarter hour by Erlang C and Erlang A (vectorised over the
forecast), the headcount after shrinkage, and the service level the
schedule actually gives in simulation (replications with 95% confidence
intervals), drawn into a PNG with matplotlib.

    PYTHONPATH=build/python /usr/bin/python3 examples/planning/staffing.py --out /tmp/staffing.png
"""

import argparse
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import acd  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
CENTER = HERE.parent / "centers" / "sales.yaml"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forecast", default=str(HERE / "forecast.csv"))
    parser.add_argument("--schedule", default=str(HERE / "schedule.csv"))
    parser.add_argument("--aht-s", type=float, default=240.0)
    parser.add_argument("--patience-s", type=float, default=90.0)
    parser.add_argument("--sl-target", type=float, default=0.8)
    parser.add_argument("--shrinkage", type=float, default=0.3)
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--out", default="staffing.png", help="the PNG to write")
    args = parser.parse_args()

    out = pathlib.Path(args.out).resolve()
    inputs = {pathlib.Path(p).resolve() for p in (args.forecast, args.schedule, CENTER)}
    if out in inputs:
        sys.exit(f"staffing.py: --out {out} is one of the inputs")

    forecast = acd.Forecast.read(args.forecast)
    cph = forecast.calls_per_hour
    erlang_c = acd.solve_staffing(cph, args.aht_s, service_level=args.sl_target)
    erlang_a = acd.solve_staffing(cph, args.aht_s, model="erlang_a",
                                  patience_s=args.patience_s, service_level=args.sl_target)
    heads = acd.headcount(erlang_c["agents"], args.shrinkage)

    plan = acd.simulate(str(CENTER), forecast, args.schedule,
                        replications=args.replications, seed=1)
    sl = plan.mean["service_level"]
    sl_hw = np.nan_to_num(plan.half_width["service_level"])

    hours = forecast.start_ms / 3_600_000
    width = forecast.interval_minutes / 60
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True)
    top.bar(hours, cph, width=width * 0.9, align="edge", color="#c8d7ea",
            label="forecast (calls/h)")
    top.set_ylabel("calls per hour")
    agents_axis = top.twinx()
    agents_axis.step(hours, erlang_c["agents"], where="post", color="#1f4e8c",
                     label="agents needed, Erlang C")
    agents_axis.step(hours, erlang_a["agents"], where="post", color="#2a9d8f",
                     label=f"agents needed, Erlang A (patience {args.patience_s:.0f} s)")
    agents_axis.step(hours, heads, where="post", color="#999999", linestyle="--",
                     label=f"headcount ({args.shrinkage:.0%} shrinkage)")
    agents_axis.set_ylabel("agents")
    handles = top.get_legend_handles_labels()
    more = agents_axis.get_legend_handles_labels()
    top.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left", fontsize=8)
    top.set_title(f"Sales department: staffing for {args.sl_target:.0%} in 20 s, AHT {args.aht_s:.0f} s")

    centers = hours + width / 2
    bottom.plot(centers, sl * 100, color="#1f4e8c", label="simulated service level (schedule)")
    bottom.fill_between(centers, (sl - sl_hw) * 100, (sl + sl_hw) * 100, color="#1f4e8c",
                        alpha=0.2, label="95% confidence interval")
    bottom.axhline(args.sl_target * 100, color="#c0392b", linestyle=":", label="target")
    bottom.set_ylabel("% answered in 20 s")
    bottom.set_xlabel("hour of day")
    bottom.set_ylim(0, 105)
    bottom.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    below = int(np.sum(sl < args.sl_target))
    print(f"peak {cph.max():.0f} calls/h needs {erlang_c['agents'].max()} agents (Erlang C), "
          f"{erlang_a['agents'].max()} (Erlang A); the schedule misses the target in "
          f"{below} of {len(sl)} intervals")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
