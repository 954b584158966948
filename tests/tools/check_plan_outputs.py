"""Checks what `acd sim --forecast ... --out DIR` wrote.

usage: check_plan_outputs.py DIR [OTHER_DIR]
DIR must hold intervals.csv, queues.csv, queue_intervals.csv, summary.json
and report.html: the JSON parses and has every KPI with a mean and a 95%
half-width per interval and per day, and each queue's day (offered,
answered, abandoned, SL, ASA: the example center's four queues, the same in
queues.csv; the queues' answered calls add up to at least the calls
answered) and each queue's intervals (the same four in every interval, the
same in queue_intervals.csv; an interval's calls answered are those its
queues answered, each call answered in one queue), the CSV has one row
per interval, and the HTML is well formed (every element closed in order;
python's html.parser) with its seven SVG charts and the queue table.
With OTHER_DIR, the two runs' intervals.csv must be identical (the same
seed with a different number of threads).
"""
import csv
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


def check_queues(queues, where):
    """Each queue's figures (a day's or an interval's): every one with a
    mean and a 95% half-width, and no more calls answered or abandoned than
    offered."""
    for q in queues:
        for key in ("offered", "answered", "abandoned", "service_level", "asa_s"):
            if set(q[key]) != {"mean", "ci95", "n"}:
                fail(f"{where}queue {q['queue']} {key}: {q[key]}")
        if q["offered"]["mean"] + 1e-9 < q["answered"]["mean"] + q["abandoned"]["mean"]:
            fail(f"{where}queue {q['queue']} answered + abandoned exceed offered: {q}")


def check_queue_intervals(out, intervals, names):
    """Per queue, per interval: summary.json's intervals[].queues and
    queue_intervals.csv."""
    for i in intervals:
        queues = i.get("queues")
        if queues is None or [q["queue"] for q in queues] != names:
            fail(f"interval {i['day']} {i['start']}: queues {queues and [q['queue'] for q in queues]}")
        check_queues(queues, f"interval {i['day']} {i['start']} ")
        answered = sum(q["answered"]["mean"] for q in queues)
        if abs(answered - i["kpis"]["answered"]["mean"]) > 1e-6 * max(1.0, answered):
            fail(f"interval {i['start']}: its queues answered {answered}, the interval "
                 f"{i['kpis']['answered']['mean']}")
        offered = sum(q["offered"]["mean"] for q in queues)
        if offered + 1e-6 < i["kpis"]["offered"]["mean"]:
            fail(f"interval {i['start']}: its queues were offered {offered}, the interval "
                 f"{i['kpis']['offered']['mean']}")
    if sum(q["offered"]["mean"] for i in intervals for q in i["queues"]) <= 0:
        fail("no queue of any interval was offered a call")
    with open(os.path.join(out, "queue_intervals.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expected = [(str(i["day"]), i["start"], q["queue"], q["offered"]["mean"])
                for i in intervals for q in i["queues"]]
    if len(rows) != len(expected):
        fail(f"queue_intervals.csv has {len(rows)} rows, summary.json {len(expected)}")
    for row, (day, start, queue, offered) in zip(rows, expected):
        if (row["day"], row["interval_start"], row["queue"]) != (day, start, queue) or \
                abs(float(row["offered"]) - offered) > 1e-3 * max(1, offered):
            fail(f"queue_intervals.csv {row} against summary.json {day} {start} {queue} {offered}")


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
    queues = summary["queues"]
    names = [q["queue"] for q in queues]
    if names != ["reception", "sales", "support", "director"]:
        fail(f"queues in summary.json: {names}")
    check_queues(queues, "")
    answered = sum(q["answered"]["mean"] for q in queues)
    if answered + 1e-6 < day["answered"]["mean"]:
        fail(f"the queues answered {answered} calls a day, the day {day['answered']['mean']}")
    with open(os.path.join(out, "queues.csv"), newline="", encoding="utf-8") as f:
        queue_rows = list(csv.DictReader(f))
    if [r["queue"] for r in queue_rows] != names:
        fail(f"queues.csv rows {[r['queue'] for r in queue_rows]}, summary.json {names}")
    for row, q in zip(queue_rows, queues):
        if abs(float(row["offered"]) - q["offered"]["mean"]) > 1e-3 * max(1, q["offered"]["mean"]):
            fail(f"queues.csv {row} against summary.json {q}")
    check_queue_intervals(out, intervals, names)
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
    if "<h2>Queues</h2>" not in report or any(f"<td>{n}</td>" not in report for n in names):
        fail("report.html has no queue table naming every queue")
    if len(sys.argv) > 2:
        with open(os.path.join(sys.argv[2], "intervals.csv"), encoding="utf-8") as f:
            other = f.read()
        with open(os.path.join(out, "intervals.csv"), encoding="utf-8") as f:
            if f.read() != other:
                fail("the two runs' intervals.csv differ")
    print(f"ok: {len(intervals)} intervals, {checker.counts.get('svg')} charts")


main()
