"""Fixtures for the service tests: a real `acd serve` process per test,
driven by Python's grpcio client (a client this project did not write).

Environment: ACD_BIN (the acd binary) and PYTHONPATH holding build/pyproto
(the generated stubs); the ctest entry sets both.
"""
import os
import signal
import subprocess
import time
import pathlib

import grpc
import pytest

from acd.v1 import acd_service_pb2 as pb
from acd.v1 import acd_service_pb2_grpc as pb_grpc

HERE = pathlib.Path(__file__).resolve().parent
SMALL_CENTER = HERE / "data" / "small.yaml"


def acd_bin():
    path = os.environ.get("ACD_BIN")
    assert path, "ACD_BIN must name the acd binary"
    return path


class ServerProcess:
    """One `acd serve` process; start() waits until it listens."""

    def __init__(self, workdir, config=SMALL_CENTER, journal=True, extra=(), credentials=None):
        self.workdir = pathlib.Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config = config
        self.journal_dir = self.workdir / "journal" if journal else None
        self.extra = list(extra)
        self.proc = None
        self.port = None
        self.log_path = self.workdir / "server.log"
        self.channel = None
        self.credentials = credentials  # grpc.ChannelCredentials for TLS; None: plaintext

    def start(self, timeout=30):
        port_file = self.workdir / "port"
        if port_file.exists():
            port_file.unlink()
        args = [acd_bin(), "serve", "--listen", "127.0.0.1:0", "--port-file", str(port_file),
                "--clock", "manual", "--clock-start", "08:00"]
        if self.config is not None:
            args += ["--config", str(self.config)]
        args += ["--journal", str(self.journal_dir)] if self.journal_dir else ["--no-journal"]
        args += self.extra
        self.log = open(self.log_path, "a")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=self.log, cwd=self.workdir)
        deadline = time.monotonic() + timeout
        while not port_file.exists():
            if self.proc.poll() is not None:
                raise AssertionError(f"acd serve exited {self.proc.returncode}: {self.read_log()}")
            if time.monotonic() > deadline:
                raise AssertionError("acd serve did not start: " + self.read_log())
            time.sleep(0.02)
        self.port = int(port_file.read_text())
        self.channel = self.open_channel()
        grpc.channel_ready_future(self.channel).result(timeout=timeout)
        return self

    def open_channel(self, credentials=None):
        target = f"127.0.0.1:{self.port}"
        credentials = credentials or self.credentials
        if credentials is None:
            return grpc.insecure_channel(target)
        return grpc.secure_channel(target, credentials)

    def stub(self):
        return pb_grpc.AcdStub(self.channel)

    def read_log(self):
        return self.log_path.read_text() if self.log_path.exists() else ""

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Stops the process; returns its exit code (SIGKILL: -9)."""
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout=timeout)
        self.proc = None
        self.log.close()
        return code


@pytest.fixture
def server(tmp_path):
    srv = ServerProcess(tmp_path).start()
    yield srv
    if srv.proc is not None:
        code = srv.stop()
        assert code == 0, f"acd serve exited {code}: {srv.read_log()}"


class Adapter:
    """A PBX adapter on one Connect stream: send events, read acks and
    commands. A background thread keeps every message received, in order;
    find() waits for one that matches without consuming anything."""

    def __init__(self, channel, name="pbx-1", center="", epoch="", last_seq=0, metadata=None,
                 accept_batches=False):
        import queue
        import threading
        self.name = name
        self.outgoing = queue.Queue()
        self.received = []
        self.ended = False
        self.batches = 0  # server messages that came merged (accept_batches)
        self.cond = threading.Condition()
        self.next_event_id = 1
        stub = pb_grpc.AcdStub(channel)
        hello = pb.AdapterMessage(hello=pb.Hello(adapter=name, center=center,
                                                 server_epoch=epoch,
                                                 last_command_seq=last_seq,
                                                 accept_batches=accept_batches))
        self.outgoing.put(hello)
        self.call = stub.Connect(self._requests(), metadata=metadata)
        self.error = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _requests(self):
        while True:
            msg = self.outgoing.get()
            if msg is None:
                return
            yield msg

    def _read(self):
        try:
            for msg in self.call:
                with self.cond:
                    if msg.HasField("batch"):
                        self.batches += 1
                        self.received.extend(msg.batch.messages)
                    else:
                        self.received.append(msg)
                    self.cond.notify_all()
        except grpc.RpcError as e:
            self.error = e
        with self.cond:
            self.ended = True
            self.cond.notify_all()

    def send(self, event_id=None, **body):
        if event_id is None:
            event_id = self.next_event_id
            self.next_event_id += 1
        event = pb.Event(event_id=event_id, **body)
        self.outgoing.put(pb.AdapterMessage(event=event))
        return event_id

    def send_batch(self, bodies):
        """Sends several events in one EventBatch; returns their ids."""
        ids, events = [], []
        for body in bodies:
            ids.append(self.next_event_id)
            events.append(pb.Event(event_id=self.next_event_id, **body))
            self.next_event_id += 1
        self.outgoing.put(pb.AdapterMessage(events=pb.EventBatch(events=events)))
        return ids

    def find_all(self, predicate, count=1, timeout=10):
        """Waits until `count` messages match; returns all matches so far."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                found = [m for m in self.received if predicate(m)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if self.ended or left <= 0:
                    raise AssertionError(
                        f"{len(found)} of {count} matching messages (ended={self.ended}, "
                        f"error={self.error}); received {self.received}")
                self.cond.wait(left)

    def find(self, predicate, timeout=10):
        return self.find_all(predicate, 1, timeout)[0]

    def ack(self, event_id, nth=1, timeout=10):
        """The nth acknowledgement of event_id (a repeat is acknowledged again)."""
        return self.find_all(lambda m: m.HasField("ack") and m.ack.event_id == event_id,
                             nth, timeout)[nth - 1].ack

    def commands(self, kind=None):
        with self.cond:
            return [m.command for m in self.received if m.HasField("command") and
                    (kind is None or m.command.HasField(kind))]

    def wait_end(self, timeout=10):
        deadline = time.monotonic() + timeout
        with self.cond:
            while not self.ended:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("the stream did not end")
                self.cond.wait(left)
        return self.error

    def close(self):
        self.outgoing.put(None)


@pytest.fixture
def adapter_factory():
    made = []

    def make(channel, **kw):
        a = Adapter(channel, **kw)
        made.append(a)
        return a
    yield make
    for a in made:
        a.close()
