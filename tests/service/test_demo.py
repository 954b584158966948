"""The README's first command in miniature: `acd demo` plays the simulated
morning of the default center to a real server, which must decide exactly
as the in-process engine; the trace it records replays through the Python
adapter (examples/adapters/python) against a fresh server."""
import os
import pathlib
import subprocess
import sys

from conftest import ServerProcess, acd_bin

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_demo_matches_the_in_process_engine_and_its_trace_replays(tmp_path):
    srv = ServerProcess(tmp_path / "a", config=None).start()
    trace = tmp_path / "morning.jsonl"
    demo = subprocess.run([acd_bin(), "demo", "--server", f"127.0.0.1:{srv.port}",
                           "--record", str(trace)], capture_output=True, text=True, timeout=600)
    assert demo.returncode == 0, demo.stdout[-3000:] + demo.stderr
    assert "decisions match" in demo.stdout
    assert "offer call 1 (sales" in demo.stdout
    assert srv.stop() == 0, srv.read_log()
    # The trace through the Python adapter, against a fresh server.
    fresh = ServerProcess(tmp_path / "b", config=None).start()
    replay = subprocess.run(
        [sys.executable, str(ROOT / "examples/adapters/python/replay_adapter.py"),
         "--server", f"127.0.0.1:{fresh.port}", "--trace", str(trace), "--quiet"],
        capture_output=True, text=True, timeout=600, env=dict(os.environ))
    assert replay.returncode == 0, replay.stdout + replay.stderr
    lines = trace.read_text().count("\n")
    assert f"{lines} events sent, {lines} acknowledged, 0 refused" in replay.stdout
    assert fresh.stop() == 0, fresh.read_log()


def test_demo_without_a_server_says_so(tmp_path):
    demo = subprocess.run([acd_bin(), "demo", "--server", "127.0.0.1:1", "--quiet"],
                          capture_output=True, text=True, timeout=120)
    assert demo.returncode == 1
    assert "no server at 127.0.0.1:1" in demo.stderr


def test_demo_and_serve_reject_bad_flags():
    for args, text in [(["demo", "--seed", "x"], "--seed"), (["demo", "--bogus"], "--bogus"),
                       (["serve", "--clock", "sometimes"], "--clock"),
                       (["serve", "--max-in-flight", "0"], "--max-in-flight"),
                       (["serve", "--journal", ""], "--journal"),
                       (["serve", "--journal-segment-mb", "0"], "--journal-segment-mb"),
                       (["serve", "--journal-segment-mb", "2048"], "from 1 to 1024")]:
        r = subprocess.run([acd_bin()] + args, capture_output=True, text=True, timeout=60)
        assert r.returncode == 2, (args, r.stderr)
        assert text in r.stderr, (args, r.stderr)
    r = subprocess.run([acd_bin(), "serve", "--config", "/nonexistent.yaml"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "/nonexistent.yaml" in r.stderr
    help_ = subprocess.run([acd_bin(), "serve", "--help"], capture_output=True, text=True)
    for flag in ["--config", "--center", "--listen", "--journal", "--no-journal", "--clock",
                 "--clock-start", "--seed", "--port-file", "--max-in-flight", "--inbox-bound",
                 "--tokens", "--tls-cert", "--tls-key", "--tls-client-ca",
                 "--journal-segment-mb", "--no-prepared-segments"]:
        assert flag in help_.stdout, flag
