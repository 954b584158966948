#!/usr/bin/python3
"""acd sim --forecast keeps no run: its memory does not grow with the runs.

usage: check_plan_memory.py ACD_BINARY FORECAST_CSV
Runs the same plan with 10 and with 1,000 runs (replications x 1 day, two
threads) and compares the children's peak resident memory (getrusage): the
second may not exceed the first by more than 12 MB. Keeping every run (about
28 KB each for the example forecast) would add about 28 MB. No time is
measured.
"""
import resource
import subprocess
import sys

MARGIN_KB = 12 * 1024


def peak_kb(acd, forecast, replications):
    subprocess.run([acd, "sim", "--forecast", forecast, "--replications", str(replications),
                    "--days", "1", "--threads", "2"], check=True, stdout=subprocess.DEVNULL,
                   timeout=600)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main():
    acd, forecast = sys.argv[1], sys.argv[2]
    small = peak_kb(acd, forecast, 10)
    large = peak_kb(acd, forecast, 1000)  # the peak of both runs: never below small
    if large > small + MARGIN_KB:
        sys.exit(f"1,000 runs peaked at {large} KB, 10 runs at {small} KB: runs are kept")
    print(f"ok: 10 runs {small} KB, 1,000 runs {large} KB")


main()
