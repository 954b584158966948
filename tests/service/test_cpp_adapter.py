"""The C++ example adapter (examples/adapters/cpp) against real servers: it
replays a recorded morning exactly, and when the server is SIGKILLed in the
middle and restarted on its journal it reconnects, resends what had no
acknowledgement, and the day ends in the same state as without the crash."""
import os
import signal
import socket
import subprocess
import threading
import time

import pytest

from acd.v1 import acd_service_pb2 as pb
from conftest import ServerProcess, acd_bin


def adapter_bin():
    path = os.environ.get("ACD_REPLAY_ADAPTER")
    assert path, "ACD_REPLAY_ADAPTER must name build/bin/acd_replay_adapter"
    return path


@pytest.fixture(scope="module")
def morning(tmp_path_factory):
    """A recorded morning (08:00-10:00 of the default center)."""
    d = tmp_path_factory.mktemp("morning")
    srv = ServerProcess(d / "srv", config=None).start()
    trace = d / "morning.jsonl"
    demo = subprocess.run([acd_bin(), "demo", "--server", f"127.0.0.1:{srv.port}", "--quiet",
                           "--from", "08:00", "--to", "10:00", "--record", str(trace)],
                          capture_output=True, text=True, timeout=600)
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr
    assert srv.stop() == 0
    return trace


def final_state(srv):
    """The engine's state hash and time (inputs_applied may differ: a resent
    event that was already durable is an input, answered as a repeat)."""
    center = srv.stub().ListCenters(pb.ListCentersRequest()).centers[0]
    return center.state_hash, center.now_ms


def test_replays_a_morning(tmp_path, morning):
    srv = ServerProcess(tmp_path, config=None).start()
    try:
        run = subprocess.run([adapter_bin(), "--server", f"127.0.0.1:{srv.port}",
                              "--trace", str(morning)],
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr
        lines = morning.read_text().count("\n")
        assert f"{lines} events sent, {lines} acknowledged, 0 refused" in run.stdout
        assert " offer call: " in run.stdout and " call_ended call: " in run.stdout
        assert "0 reconnects" in run.stdout
    finally:
        assert srv.stop() == 0, srv.read_log()


def test_bad_usage_and_a_bad_trace_are_named(tmp_path):
    run = subprocess.run([adapter_bin()], capture_output=True, text=True, timeout=30)
    assert run.returncode == 2 and "--trace: required" in run.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"time_ms": 1, "event": {"call_arrive": {"call": "a"}}}\n{"time_ms": 2}\n')
    run = subprocess.run([adapter_bin(), "--trace", str(bad)], capture_output=True, text=True,
                         timeout=30)
    assert run.returncode == 2 and f"{bad}:2: not a trace record" in run.stderr


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_survives_a_sigkill_of_the_server_and_ends_in_the_same_state(tmp_path, morning):
    # The reference: the same trace, no crash.
    ref = ServerProcess(tmp_path / "ref", config=None).start()
    run = subprocess.run([adapter_bin(), "--server", f"127.0.0.1:{ref.port}", "--trace",
                          str(morning), "--quiet"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    reference = final_state(ref)
    assert ref.stop() == 0

    port = free_port()
    listen = ["--listen", f"127.0.0.1:{port}"]
    srv = ServerProcess(tmp_path / "crash", config=None, extra=listen).start()
    adapter = subprocess.Popen([adapter_bin(), "--server", f"127.0.0.1:{port}", "--trace",
                                str(morning)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    out = []
    reader = threading.Thread(target=lambda: out.extend(adapter.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while len(out) < 400:  # well into the morning
        assert adapter.poll() is None, "the adapter finished before the crash"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert srv.stop(sig=signal.SIGKILL) == -9
    time.sleep(0.3)
    srv.start()  # same journal, same port
    assert adapter.wait(timeout=600) == 0, adapter.stderr.read()
    reader.join(timeout=10)
    stderr = adapter.stderr.read()
    lines = morning.read_text().count("\n")
    summary = out[-1]
    assert f"{lines} events sent, {lines} acknowledged, 0 refused" in summary, summary
    assert "0 reconnects" not in summary and "reconnecting" in stderr
    assert "inputs_recovered=" in srv.read_log()
    # Nothing acknowledged was lost, nothing was applied twice.
    assert final_state(srv) == reference
    assert srv.stop() == 0, srv.read_log()
