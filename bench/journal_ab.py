# Interleaved A/B runs of the journal's append benchmark (growing segments,
# and prepared ones: JournalOptions::prepare_segments) against its
# write+fdatasync baseline (bench/RESULTS.md, "Journal benchmark"): six rounds,
# each case alternating with its baseline, so that both see the same moments
# of a shared disk. Run from the top of the tree after building
# acd_bench_journal:  /usr/bin/python3 bench/journal_ab.py
import json, subprocess, statistics, sys
cases = {}
for rnd in range(6):
    for b in (1, 64, 1024, 4096):
        for name, filt in (("BM_JournalAppendSync", f"batch:{b}/prepared:0/"),
                           ("BM_JournalAppendSync/prepared", f"batch:{b}/prepared:1/"),
                           ("BM_BaselineWriteFdatasync", f"{b}/")):
            base = name.split("/")[0]
            out = subprocess.run(["build/bin/acd_bench_journal", f"--benchmark_filter=^{base}/{filt}",
                                  "--benchmark_min_time=0.2", "--benchmark_format=json"],
                                 capture_output=True, text=True).stdout
            r = json.loads(out)["benchmarks"][0]
            cases.setdefault((name, b), []).append((r["real_time"] / 1e3, r["cpu_time"] / 1e3))
for (name, b), v in sorted(cases.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    real = sorted(x[0] for x in v); cpu = sorted(x[1] for x in v)
    print(f"{name:28s} {b:5d}  real us: min {real[0]:8.0f} median {statistics.median(real):8.0f} max {real[-1]:8.0f}  cpu us median {statistics.median(cpu):6.0f}  rec/s at median {b/statistics.median(real)*1e6:12.0f} at min {b/real[0]*1e6:12.0f}")
