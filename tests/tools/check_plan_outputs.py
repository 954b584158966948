"""Checks what `acd sim --forecast ... --out DIR` wrote.

usage: check_plan_outputs.py DIR [OTHER_DIR]
DIR must hold intervals.csv, summary.json, report.html and, per queue, call
type and agent group, a CSV of each one's day and one of its intervals
(queues.csv and queue_intervals.csv, call_types.csv and
call_type_intervals.csv, agent_groups.csv and agent_group_intervals.csv):
the JSON parses and has every KPI with a mean and a 95% half-width per
interval and per day; each breakdown lists the same slices (the example
center's four queues) in every interval, with the same figures in its CSV
files, and accounts for every call: the call types' calls placed, offered,
answered and abandoned are the day's and each interval's, the agent
groups' and the queues' answered calls too (a call is answered once), and
the queues were offered at least the calls offered (a call counts in each
queue it entered). intervals.csv has one row per interval, and the HTML is
well formed (every element closed in order; python's html.parser) with its
seven SVG charts and a table per breakdown.
With OTHER_DIR, the two runs' intervals.csv must be identical (the same
seed with a different number of threads).
"""
import csv
import html
import html.parser
import json
import math
import os
import sys

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr"}
KPIS = ["attempts", "ended_before_queue", "offered", "answered", "abandoned", "service_level", "asa_s", "aht_s",
        "occupancy", "wait_max_s", "callback_captured", "time_to_seller_s", "blocked", "retrials",
        "captured", "contact_share", "callbacks_completed", "callback_completed_share",
        "callback_time_s", "callback_time_p90_s", "callback_time_to_seller_s"]


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.counts = [], [], {}

    def handle_starttag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"line {self.getpos()[0]}: </{tag}> does not close "
                               f"{self.stack[-1] if self.stack else 'anything'}")
            return
        self.stack.pop()


def fail(message):
    print("check_plan_outputs: " + message)
    sys.exit(1)


# Each breakdown: its name key, summary.json's list, its CSV files and its
# figures (tools/acd/sim_plan_slices.cc).
KINDS = {
    "queue": ("queues", "queues.csv", "queue_intervals.csv",
              ["offered", "answered", "abandoned", "overflowed", "service_level", "asa_s"]),
    "call_type": ("call_types", "call_types.csv", "call_type_intervals.csv",
                  ["blocked", "ended_before_queue", "offered", "answered", "abandoned",
                   "overflowed", "service_level", "asa_s"]),
    "agent_group": ("agent_groups", "agent_groups.csv", "agent_group_intervals.csv",
                    ["answered", "asa_s", "occupancy"]),
}


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def total(slices, key):
    return sum(s[key]["mean"] for s in slices)


def check_slices(kind, slices, where):
    """A breakdown's figures (a day's or an interval's): every one with a
    mean and a 95% half-width, and no more calls answered or abandoned than
    offered."""
    figures = KINDS[kind][3]
    for s in slices:
        for key in figures:
            if set(s[key]) != {"mean", "ci95", "n"}:
                fail(f"{where}{kind} {s[kind]} {key}: {s[key]}")
        if "offered" in figures and \
                s["offered"]["mean"] + 1e-9 < s["answered"]["mean"] + s["abandoned"]["mean"]:
            fail(f"{where}{kind} {s[kind]} answered + abandoned exceed offered: {s}")


def check_sums(kind, slices, kpis, where, day_queues=False):
    """Every call accounted for: a call type or an agent group counts each
    call once, so their totals are the day's or the interval's; a call
    counts in each queue it entered, so the queues' offered calls are at
    least the calls offered, and each call is answered in one queue."""
    answered = total(slices, "answered")
    if (not close(answered, kpis["answered"]["mean"]) and not day_queues) or \
            answered + 1e-6 < kpis["answered"]["mean"]:
        fail(f"{where}the {kind}s answered {total(slices, 'answered')}, "
             f"the period {kpis['answered']['mean']}")
    if kind == "queue" and total(slices, "offered") + 1e-6 < kpis["offered"]["mean"]:
        fail(f"{where}the queues were offered {total(slices, 'offered')}, "
             f"the period {kpis['offered']['mean']}")
    if kind == "call_type":
        for key in ("offered", "abandoned", "ended_before_queue"):
            if not close(total(slices, key), kpis[key]["mean"]):
                fail(f"{where}the call types' {key} {total(slices, key)}, "
                     f"the period {kpis[key]['mean']}")
        placed = total(slices, "blocked") + total(slices, "ended_before_queue") + \
            total(slices, "offered")
        if not close(placed, kpis["attempts"]["mean"]):
            fail(f"{where}the call types placed {placed}, the period {kpis['attempts']['mean']}")


def read_csv(out, name):
    with open(os.path.join(out, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check_breakdown(out, summary, kind, names):
    """One breakdown, per day and per interval, in summary.json and its two
    CSV files."""
    key, day_csv, interval_csv, figures = KINDS[kind]
    slices = summary[key]
    if [s[kind] for s in slices] != names:
        fail(f"{key} in summary.json: {[s[kind] for s in slices]}, expected {names}")
    check_slices(kind, slices, "")
    check_sums(kind, slices, summary["per_day"], "per day: ", kind == "queue")
    expected = [((), s) for s in slices]
    for i in summary["intervals"]:
        rows = i.get(key)
        if rows is None or [s[kind] for s in rows] != names:
            fail(f"interval {i['day']} {i['start']}: {key} {rows and [s[kind] for s in rows]}")
        where = f"interval {i['day']} {i['start']}: "
        check_slices(kind, rows, where)
        check_sums(kind, rows, i["kpis"], where)
        expected += [((str(i["day"]), i["start"]), s) for s in rows]
    day_rows = read_csv(out, day_csv)
    interval_rows = read_csv(out, interval_csv)
    if len(day_rows) + len(interval_rows) != len(expected):
        fail(f"{day_csv} and {interval_csv} have {len(day_rows)} and {len(interval_rows)} rows, "
             f"summary.json {len(expected)}")
    for row, (when, s) in zip(day_rows + interval_rows, expected):
        if when and (row["day"], row["interval_start"]) != when:
            fail(f"{interval_csv} {row} against summary.json {when}")
        for figure in figures:
            mean = s[figure]["mean"]
            cell = row[figure]
            if row[kind] != s[kind] or (mean is None) != (cell == "") or \
                    (mean is not None and abs(float(cell) - mean) > 1e-3 * max(1, abs(mean))):
                fail(f"{day_csv if not when else interval_csv} {row} against summary.json {s}")


def main():
    out = sys.argv[1]
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    intervals = summary["intervals"]
    if not intervals:
        fail("summary.json has no intervals")
    for scope in [summary["per_day"]] + [d["kpis"] for d in summary["by_day"]] + \
            [i["kpis"] for i in intervals]:
        for kpi in KPIS:
            value = scope[kpi]
            if set(value) != {"mean", "ci95", "n"}:
                fail(f"{kpi}: {value}")
    sl = summary["per_day"]["service_level"]
    if not (0 <= sl["mean"] <= 1 and sl["ci95"] is not None and sl["ci95"] >= 0):
        fail(f"per-day service level {sl}")
    callers = summary["callers"]
    if callers["first_attempts"] + callers["retrials"] != \
            callers["blocked_trunk"] + callers["blocked_engine"] + callers["calls_arrived"]:
        fail(f"callers do not balance: {callers}")
    # Every call placed is accounted for, in every interval of every run,
    # so in the means too.
    day = summary["per_day"]
    placed = day["attempts"]["mean"]
    parts = day["blocked"]["mean"] + day["offered"]["mean"] + day["ended_before_queue"]["mean"]
    if abs(placed - parts) > 1e-6 * max(1.0, placed):
        fail(f"per day {placed} placed but {parts} blocked, offered or ended before a queue")
    queue_names = ["reception", "sales", "support", "director"]
    check_breakdown(out, summary, "queue", queue_names)
    type_names = [t["call_type"] for t in summary["call_types"]]
    if not type_names or len(set(type_names)) != len(type_names):
        fail(f"call types in summary.json: {type_names}")
    check_breakdown(out, summary, "call_type", type_names)
    group_names = [g["agent_group"] for g in summary["agent_groups"]]
    if "sales" not in group_names or len(set(group_names)) != len(group_names):
        fail(f"agent groups in summary.json: {group_names}")
    check_breakdown(out, summary, "agent_group", group_names)
    with open(os.path.join(out, "intervals.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(intervals):
        fail(f"intervals.csv has {len(rows)} rows, summary.json {len(intervals)} intervals")
    for row in rows:
        if not math.isfinite(float(row["offered"])) or row["service_level_ci95"] == "":
            fail(f"bad row {row}")
    checker = Checker()
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        checker.feed(f.read())
    checker.close()
    if checker.errors or checker.stack:
        fail(f"report.html is not well formed: {checker.errors[:3]} open: {checker.stack[:3]}")
    if checker.counts.get("svg", 0) != 7 or checker.counts.get("polyline", 0) < 7:
        fail(f"report.html charts: {checker.counts}")
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        report = f.read()
    for title, names in (("queue", queue_names), ("call type", type_names),
                         ("agent group", group_names)):
        if f"<h2>Per {title}</h2>" not in report or \
                any(f"<td>{html.escape(n)}</td>" not in report for n in names):
            fail(f"report.html has no {title} table naming every {title}")
    if len(sys.argv) > 2:
        with open(os.path.join(sys.argv[2], "intervals.csv"), encoding="utf-8") as f:
            other = f.read()
        with open(os.path.join(out, "intervals.csv"), encoding="utf-8") as f:
            if f.read() != other:
                fail("the two runs' intervals.csv differ")
    print(f"ok: {len(intervals)} intervals, {checker.counts.get('svg')} charts")


main()
