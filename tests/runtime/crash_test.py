#!/usr/bin/env python3
"""Crash recovery under SIGKILL, with a real server process and real files.

acd_crash_server (a shard of the default center on a journal directory) is
fed a stream of events over stdin and killed with SIGKILL at random moments,
KILLS times, then restarted from its journal; events not acknowledged before
a kill are sent again with the same id (a PBX resends what it has no answer
for). At the end the server stops gracefully, and the test proves:

  - nothing acknowledged is lost: every event acknowledged on stdout (an ack
    is printed only after the journal synced it) is in the journal;
  - nothing is applied twice: no event id is acknowledged as applied (code 0)
    more than once, although many were sent again after a kill;
  - the recovered state is the replayed state: `acd journal check` recovers
    the directory (snapshot + tail) and replays it from its first record, the
    two state hashes agree, and they equal the hash the server reported when
    it stopped.

Usage: crash_test.py SERVER ACD WORKDIR [--kills N] [--seed S]
"""

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time


class Run:
    """One server process: its acks are read on a thread."""

    def __init__(self, server, journal, acked, lock, prepared, pipelined):
        # Every other run writes prepared segments (zeros made ahead, small
        # so that they rotate): their zero tails and the plain segments of
        # the other runs share one directory. Two runs in four pipeline the
        # commit (a batch applied while the one before it syncs).
        extra = ["--prepared-segments", "65536"] if prepared else []
        extra += ["--pipelined"] if pipelined else []
        self.proc = subprocess.Popen(
            [server, "--journal", journal, "--snapshot-every", "300", "--keep-all"] + extra,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, bufsize=1)
        ready = self.proc.stdout.readline().split()
        if not ready or ready[0] != "ready":
            raise RuntimeError("server did not start: %r %s" % (ready, self.proc.stderr.read()))
        self.recovered_inputs = int(ready[1])
        self.agents = [int(a) for a in ready[3].split(",")]
        self.queues = int(ready[4])
        self.acked, self.lock = acked, lock
        self.busy = []
        self.stopped_hash = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            f = line.split()
            with self.lock:
                if f[0] == "ack" and int(f[2]) != 14:  # 14: UNAVAILABLE, not durable
                    self.acked.setdefault(int(f[1]), []).append(int(f[2]))
                elif f[0] == "busy":
                    self.busy.append(int(f[1]))
                elif f[0] == "stopped":
                    self.stopped_hash = int(f[1])

    def send(self, lines):
        try:
            self.proc.stdin.write("".join(l + "\n" for l in lines))
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, ValueError):
            return False


def make_event(rng, eid, agents, queues, calls):
    kind = rng.random()
    if kind < 0.15:
        return "%d %s %d" % (eid, rng.choice(["login", "ready", "notready", "logout"]),
                             rng.choice(agents))
    if kind < 0.35 or not calls:
        calls.append(eid)  # a fresh call id
        return "%d arrive %d" % (eid, eid)
    call = rng.choice(calls[-40:])
    if kind < 0.55:
        return "%d enqueue %d %d" % (eid, call, rng.randrange(queues))
    if kind < 0.62:
        return "%d classify %d" % (eid, call)
    if kind < 0.80:
        return "%d answer %d %d" % (eid, call, rng.choice(agents))
    return "%d %s %d" % (eid, rng.choice(["hangup", "end"]), call)


def main():
    args = sys.argv[1:]
    server, acd, work = args[0], args[1], args[2]
    kills = int(args[args.index("--kills") + 1]) if "--kills" in args else 24
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    rng = random.Random(seed)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    journal = os.path.join(work, "journal")
    acked, lock = {}, threading.Lock()
    sent = {}  # id -> line, every event ever sent
    resent = set()  # ids sent again after a kill (no answer before it)
    calls, next_id = [], 1
    deadline = time.monotonic() + 240
    for round_no in range(kills + 1):
        run = Run(server, journal, acked, lock, prepared=round_no % 2 == 1,
                  pipelined=(round_no // 2) % 2 == 1)
        with lock:
            unacked = [i for i in sorted(sent) if i not in acked]
        # What has no answer yet goes again, with the same id.
        resent.update(unacked)
        run.send([sent[i] for i in unacked])
        last = round_no == kills
        stop_at = time.monotonic() + rng.uniform(0.05, 0.5)
        while not last and time.monotonic() < stop_at:
            batch = []
            for _ in range(rng.randrange(1, 60)):
                line = make_event(rng, next_id, run.agents, run.queues, calls)
                sent[next_id] = line
                batch.append(line)
                next_id += 1
            if not run.send(batch):
                break
            time.sleep(rng.uniform(0, 0.01))
        if not last:
            run.proc.send_signal(signal.SIGKILL)
            run.proc.wait()
            run.reader.join()
            continue
        # The last run: resend until everything is answered, then stop.
        while True:
            with lock:
                missing = [i for i in sorted(sent) if i not in acked]
                run.busy.clear()
            if not missing:
                break
            if time.monotonic() > deadline:
                raise SystemExit("FAIL: %d events never acknowledged" % len(missing))
            run.send([sent[i] for i in missing])
            time.sleep(0.2)
        run.proc.stdin.close()
        run.proc.wait(timeout=60)
        run.reader.join()
        if run.proc.returncode != 0:
            raise SystemExit("FAIL: server exited %d: %s" % (run.proc.returncode,
                                                            run.proc.stderr.read()))
        final_hash = run.stopped_hash

    check = subprocess.run([acd, "journal", "check", journal], capture_output=True, text=True)
    dump = subprocess.run([acd, "journal", "dump", journal], capture_output=True, text=True)
    print(check.stdout)
    if check.returncode != 0 or dump.returncode != 0:
        raise SystemExit("FAIL: acd journal check/dump exited %d/%d: %s%s" % (
            check.returncode, dump.returncode, check.stderr, dump.stderr))
    hashes = [int(h, 16) for h in re.findall(r"state hash[^:]*:\s*([0-9a-f]+)", check.stdout)]
    journaled = set(int(i) for i in re.findall(r"\bid=([0-9]+)", dump.stdout))
    lost = [i for i in acked if i not in journaled]
    twice = [i for i, codes in acked.items() if codes.count(0) > 1]
    print("crash test: %d kills, %d events sent, %d acknowledged (%d applied, %d refused by "
          "the engine), %d sent again after a kill (%d of them recognised as repeats), events lost = %d, applied twice = %d, "
          "state hashes %s, server's final hash %s" % (
              kills, len(sent), len(acked), sum(1 for c in acked.values() if 0 in c),
              sum(1 for c in acked.values() if 0 not in c),
              len(resent), sum(1 for i in resent if 6 in acked.get(i, [])), len(lost), len(twice),
              ["%016x" % h for h in hashes], "%016x" % final_hash))
    if lost or twice:
        raise SystemExit("FAIL: lost %s, applied twice %s" % (lost[:10], twice[:10]))
    if len(hashes) < 2 or len(set(hashes)) != 1 or hashes[0] != final_hash:
        raise SystemExit("FAIL: the recovered, replayed and final state hashes differ")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
