"""Tokens and TLS: every RPC refuses a call without a known token
(UNAUTHENTICATED) and a center or adapter name the token does not cover
(PERMISSION_DENIED); a reloaded token file cuts revoked streams; TLS and
mutual TLS from certificates made here with the openssl program."""
import hashlib
import shutil
import signal
import subprocess
import time

import grpc
import pytest

from acd.v1 import acd_service_pb2 as pb
from acd.v1 import acd_service_pb2_grpc as pb_grpc
from conftest import SMALL_CENTER, ServerProcess, Adapter, acd_bin

A = pb.AgentActionRequest
EAST_TOKEN = "east-0123456789abcdef"
CRM_TOKEN = "crm-fedcba9876543210"
ADMIN_TOKEN = "admin-00112233445566778899"


def bearer(token):
    return (("authorization", f"Bearer {token}"),)


def token_file(path, clients):
    lines = ["clients:"]
    for c in clients:
        lines.append(f"  - name: {c['name']}")
        if "token" in c:
            lines.append(f"    token: {c['token']}")
        else:
            lines.append(f"    token_sha256: {c['sha']}")
        lines.append(f"    centers: [{', '.join(c['centers'])}]")
        if "adapters" in c:
            lines.append(f"    adapters: [{', '.join(c['adapters'])}]")
    path.write_text("\n".join(lines) + "\n")
    return path


DEFAULT_CLIENTS = [
    {"name": "pbx-east", "token": EAST_TOKEN, "centers": ["small"]},
    # A CRM known by its token's SHA-256 only: the file holds no secret.
    {"name": "crm", "sha": hashlib.sha256(CRM_TOKEN.encode()).hexdigest(),
     "centers": ["small", "annex"], "adapters": ["crm-events"]},
    {"name": "admin", "token": ADMIN_TOKEN, "centers": ['"*"'], "adapters": ['"*"']},
]


@pytest.fixture
def secured(tmp_path):
    annex = tmp_path / "annex.yaml"
    shutil.copy(SMALL_CENTER, annex)
    tokens = token_file(tmp_path / "tokens.yaml", DEFAULT_CLIENTS)
    srv = ServerProcess(tmp_path / "srv", extra=["--config", str(annex),
                                                 "--tokens", str(tokens)]).start()
    srv.tokens = tokens
    yield srv
    if srv.proc is not None:
        assert srv.stop() == 0, srv.read_log()


def every_rpc(stub, metadata, center=""):
    """Calls each RPC once; yields (name, error code or None)."""
    calls = {
        "SubmitEvent": lambda: stub.SubmitEvent(pb.SubmitEventRequest(
            center=center, adapter="pbx-east",
            event=pb.Event(event_id=1, call_arrive=pb.CallArrive(call="s1"))), metadata=metadata),
        "AgentAction": lambda: stub.AgentAction(
            A(center=center, agent="anna", action=A.LOGIN), metadata=metadata),
        "GetCall": lambda: stub.GetCall(pb.GetCallRequest(center=center, call="s1"),
                                        metadata=metadata),
        "ListQueues": lambda: stub.ListQueues(pb.ListQueuesRequest(center=center),
                                              metadata=metadata),
        "ListAgents": lambda: stub.ListAgents(pb.ListAgentsRequest(center=center),
                                              metadata=metadata),
        "ListCenters": lambda: stub.ListCenters(pb.ListCentersRequest(), metadata=metadata),
        "ValidateConfig": lambda: stub.ValidateConfig(
            pb.ConfigRequest(text=SMALL_CENTER.read_text()), metadata=metadata),
        "ReloadConfig": lambda: stub.ReloadConfig(pb.ConfigRequest(center=center),
                                                  metadata=metadata),
        "AdvanceClock": lambda: stub.AdvanceClock(pb.AdvanceClockRequest(center=center, by_ms=1),
                                                  metadata=metadata),
        "Watch": lambda: next(iter(stub.Watch(pb.WatchRequest(center=center, interval_ms=50),
                                              metadata=metadata))),
    }
    for name, call in calls.items():
        try:
            call()
            yield name, None
        except grpc.RpcError as e:
            yield name, e.code()


@pytest.mark.parametrize("metadata", [None, bearer("not-a-known-token-at-all"),
                                      (("authorization", EAST_TOKEN),)])
def test_every_rpc_refuses_a_missing_or_unknown_token(secured, metadata):
    stub = secured.stub()
    hash_before = stub.ListCenters(pb.ListCentersRequest(),
                                   metadata=bearer(ADMIN_TOKEN)).centers[0].state_hash
    for name, code in every_rpc(stub, metadata, center="small"):
        assert code == grpc.StatusCode.UNAUTHENTICATED, name
    a = Adapter(secured.channel, name="pbx-east", metadata=metadata)
    err = a.wait_end()
    assert err is not None and err.code() == grpc.StatusCode.UNAUTHENTICATED
    a.close()
    after = stub.ListCenters(pb.ListCentersRequest(), metadata=bearer(ADMIN_TOKEN))
    assert after.centers[0].state_hash == hash_before
    assert "event=access_denied" in secured.read_log()


def test_a_token_covers_only_its_centers(secured):
    stub = secured.stub()
    east = bearer(EAST_TOKEN)
    for name, code in every_rpc(stub, east, center="annex"):
        if name in ("ListCenters", "ValidateConfig"):
            assert code is None, name  # not about one center
        else:
            assert code == grpc.StatusCode.PERMISSION_DENIED, name
    # ListCenters shows only the centers the token covers.
    assert [c.name for c in stub.ListCenters(pb.ListCentersRequest(), metadata=east).centers] \
        == ["small"]
    names = {c.name for c in stub.ListCenters(pb.ListCentersRequest(),
                                              metadata=bearer(ADMIN_TOKEN)).centers}
    assert names == {"small", "annex"}
    # On its own center every call goes through (errors, if any, are not about access).
    for name, code in every_rpc(stub, east, center="small"):
        assert code not in (grpc.StatusCode.UNAUTHENTICATED,
                            grpc.StatusCode.PERMISSION_DENIED), name
    # Several centers are served: naming none is an argument error, not access.
    with pytest.raises(grpc.RpcError) as e:
        stub.ListQueues(pb.ListQueuesRequest(), metadata=east)
    assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_a_token_speaks_only_as_its_adapters(secured, adapter_factory):
    stub = secured.stub()
    crm = bearer(CRM_TOKEN)
    with pytest.raises(grpc.RpcError) as e:
        stub.SubmitEvent(pb.SubmitEventRequest(
            center="small", adapter="pbx-east",
            event=pb.Event(event_id=1, call_arrive=pb.CallArrive(call="x1"))), metadata=crm)
    assert e.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "adapter" in e.value.details()
    reply = stub.SubmitEvent(pb.SubmitEventRequest(
        center="annex", adapter="crm-events",
        event=pb.Event(event_id=1, call_arrive=pb.CallArrive(call="x1"))), metadata=crm)
    assert not reply.repeat
    # A stream's hello names the adapter: another name is refused.
    bad = adapter_factory(secured.channel, name="pbx-west", center="small",
                          metadata=bearer(EAST_TOKEN))
    err = bad.wait_end()
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    good = adapter_factory(secured.channel, name="pbx-east", center="small",
                           metadata=bearer(EAST_TOKEN))
    eid = good.send(call_arrive=pb.CallArrive(call="e1"))
    assert good.ack(eid).code == 0
    assert "client=pbx-east" in secured.read_log()


def test_health_needs_no_token(secured):
    check = secured.channel.unary_unary("/grpc.health.v1.Health/Check")
    assert check(b"") == b"\x08\x01"


def test_sighup_rereads_the_tokens_and_cuts_revoked_streams(secured, adapter_factory):
    stub = secured.stub()
    east = adapter_factory(secured.channel, name="pbx-east", center="small",
                           metadata=bearer(EAST_TOKEN))
    eid = east.send(call_arrive=pb.CallArrive(call="r1"))
    assert east.ack(eid).code == 0
    admin_stream = adapter_factory(secured.channel, name="pbx-admin", center="annex",
                                   metadata=bearer(ADMIN_TOKEN))
    eid = admin_stream.send(call_arrive=pb.CallArrive(call="r2"))
    assert admin_stream.ack(eid).code == 0
    # A broken file is refused whole: the old table stays.
    secured.tokens.write_text("clients: [{name: x}]\n")
    secured.proc.send_signal(signal.SIGHUP)
    wait_for(lambda: "event=tokens_refused" in secured.read_log())
    stub.ListQueues(pb.ListQueuesRequest(center="small"), metadata=bearer(EAST_TOKEN))
    # pbx-east revoked; admin kept.
    token_file(secured.tokens, [c for c in DEFAULT_CLIENTS if c["name"] != "pbx-east"])
    secured.proc.send_signal(signal.SIGHUP)
    err = east.wait_end()
    assert err is not None and err.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "revoked" in err.details()
    with pytest.raises(grpc.RpcError) as e:
        stub.ListQueues(pb.ListQueuesRequest(center="small"), metadata=bearer(EAST_TOKEN))
    assert e.value.code() == grpc.StatusCode.UNAUTHENTICATED
    eid = admin_stream.send(call_arrive=pb.CallArrive(call="r3"))
    assert admin_stream.ack(eid).code == 0


def wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("content, words", [
    ("clients: []\n", "clients: a non-empty list is required"),
    ("clients:\n  - name: a\n    token: short\n    centers: [small]\n", ":3: clients[0].token"),
    ("clients:\n  - name: a\n    token: abcdefghijklmnopq\n    centers: [elsewhere]\n",
     "no center named 'elsewhere'"),
    ("clients:\n  - name: a\n    token: abcdefghijklmnopq\n    centers: [small]\n"
     "  - name: b\n    token: abcdefghijklmnopq\n    centers: [small]\n", "same token"),
    ("clients:\n  - name: a\n    token_sha256: xyz\n    centers: [small]\n", "64 hexadecimal"),
    ("clients:\n  - name: a\n    token: abcdefghijklmnopq\n    colour: red\n    centers: [small]\n",
     "clients[0].colour: unknown field"),
    ("clients: [\n", "not YAML"),
])
def test_a_bad_token_file_is_refused_with_its_line(tmp_path, content, words):
    tokens = tmp_path / "tokens.yaml"
    tokens.write_text(content)
    run = subprocess.run([acd_bin(), "serve", "--config", str(SMALL_CENTER), "--no-journal",
                          "--listen", "127.0.0.1:0", "--tokens", str(tokens)],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 1
    assert f"acd serve: --tokens: {tokens}" in run.stderr
    assert words in run.stderr, run.stderr
    assert "center_started" not in run.stderr  # refused before any journal is opened


# ---- TLS ----

def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A CA, a server certificate for localhost/127.0.0.1 and a client
    certificate, both signed by the CA."""
    d = tmp_path_factory.mktemp("pki")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=acd test CA",
            "-keyout", "ca.key", "-out", "ca.pem", cwd=d)
    for name, ext in (("server", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
                      ("client", "extendedKeyUsage=clientAuth")):
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}",
                "-keyout", f"{name}.key", "-out", f"{name}.csr", cwd=d)
        (d / f"{name}.ext").write_text(ext + "\n")
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "2", "-extfile", f"{name}.ext",
                "-out", f"{name}.pem", cwd=d)
    return d


def test_tls_serves_only_tls(tmp_path, pki):
    creds = grpc.ssl_channel_credentials(root_certificates=(pki / "ca.pem").read_bytes())
    srv = ServerProcess(tmp_path, credentials=creds,
                        extra=["--tls-cert", str(pki / "server.pem"),
                               "--tls-key", str(pki / "server.key")]).start()
    try:
        stub = srv.stub()
        stub.AgentAction(A(agent="anna", action=A.LOGIN))
        assert any(a.name == "anna" and a.state == "ready"
                   for a in stub.ListAgents(pb.ListAgentsRequest()).agents)
        a = Adapter(srv.channel, name="pbx-1")
        eid = a.send(call_arrive=pb.CallArrive(call="t1"))
        assert a.ack(eid).code == 0
        a.close()
        plain = grpc.insecure_channel(f"127.0.0.1:{srv.port}")
        with pytest.raises(grpc.RpcError) as e:
            pb_grpc.AcdStub(plain).ListAgents(pb.ListAgentsRequest(), timeout=5)
        assert e.value.code() == grpc.StatusCode.UNAVAILABLE
        plain.close()
        assert "tls=on" in srv.read_log()
    finally:
        assert srv.stop() == 0, srv.read_log()


def test_mutual_tls_requires_a_client_certificate(tmp_path, pki):
    ca = (pki / "ca.pem").read_bytes()
    with_cert = grpc.ssl_channel_credentials(
        root_certificates=ca, private_key=(pki / "client.key").read_bytes(),
        certificate_chain=(pki / "client.pem").read_bytes())
    srv = ServerProcess(tmp_path, credentials=with_cert,
                        extra=["--tls-cert", str(pki / "server.pem"),
                               "--tls-key", str(pki / "server.key"),
                               "--tls-client-ca", str(pki / "ca.pem")]).start()
    try:
        assert srv.stub().ListCenters(pb.ListCentersRequest()).centers[0].name == "small"
        without = srv.open_channel(credentials=grpc.ssl_channel_credentials(root_certificates=ca))
        with pytest.raises(grpc.RpcError) as e:
            pb_grpc.AcdStub(without).ListCenters(pb.ListCentersRequest(), timeout=5)
        assert e.value.code() == grpc.StatusCode.UNAVAILABLE
        without.close()
        assert "tls=mutual" in srv.read_log()
    finally:
        assert srv.stop() == 0, srv.read_log()


@pytest.mark.parametrize("flags, words", [
    (["--tls-key", "KEY"], "--tls-cert: required"),
    (["--tls-cert", "CERT"], "--tls-key: required"),
    (["--tls-cert", "KEY", "--tls-key", "KEY"], "--tls-cert: "),
    (["--tls-cert", "CERT", "--tls-key", "CERT"], "--tls-key: "),
    (["--tls-cert", "CERT", "--tls-key", "KEY", "--tls-client-ca", "MISSING"],
     "--tls-client-ca: "),
])
def test_bad_tls_files_are_named(tmp_path, pki, flags, words):
    paths = {"CERT": str(pki / "server.pem"), "KEY": str(pki / "server.key"),
             "MISSING": str(tmp_path / "absent.pem")}
    run = subprocess.run([acd_bin(), "serve", "--config", str(SMALL_CENTER), "--no-journal",
                          "--listen", "127.0.0.1:0", *[paths.get(f, f) for f in flags]],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 1
    assert words in run.stderr, run.stderr


def test_the_python_adapter_replays_over_mutual_tls_with_a_token(tmp_path, pki):
    import json
    import os
    import pathlib
    import sys
    root = pathlib.Path(__file__).resolve().parents[2]
    ca = (pki / "ca.pem").read_bytes()
    creds = grpc.ssl_channel_credentials(
        root_certificates=ca, private_key=(pki / "client.key").read_bytes(),
        certificate_chain=(pki / "client.pem").read_bytes())
    tokens = token_file(tmp_path / "tokens.yaml", DEFAULT_CLIENTS[:1])
    srv = ServerProcess(tmp_path / "srv", credentials=creds,
                        extra=["--tls-cert", str(pki / "server.pem"),
                               "--tls-key", str(pki / "server.key"),
                               "--tls-client-ca", str(pki / "ca.pem"),
                               "--tokens", str(tokens)]).start()
    try:
        now = srv.stub().ListCenters(pb.ListCentersRequest(),
                                     metadata=bearer(EAST_TOKEN)).centers[0].now_ms
        trace = tmp_path / "trace.jsonl"
        records = [(now, {"agent_login": {"agent": "anna"}}),
                   (now + 1000, {"call_arrive": {"call": "p1"}}),
                   (now + 2000, {"call_enqueue": {"call": "p1", "queue": "sales"}})]
        trace.write_text("".join(json.dumps({"time_ms": t, "event": e}) + "\n"
                                 for t, e in records))
        (tmp_path / "token").write_text(EAST_TOKEN + "\n")
        args = [sys.executable, str(root / "examples/adapters/python/replay_adapter.py"),
                "--server", f"127.0.0.1:{srv.port}", "--trace", str(trace),
                "--adapter", "pbx-east", "--token-file", str(tmp_path / "token"),
                "--tls-ca", str(pki / "ca.pem"), "--tls-cert", str(pki / "client.pem"),
                "--tls-key", str(pki / "client.key")]
        run = subprocess.run(args, capture_output=True, text=True, timeout=120,
                             env=dict(os.environ))
        assert run.returncode == 0, run.stdout + run.stderr
        assert "3 events sent, 3 acknowledged, 0 refused" in run.stdout
        assert "call_queued call=p1" in run.stdout
        # The same replay without the token is refused, and says so.
        run = subprocess.run(args[:-8] + args[-6:], capture_output=True, text=True,
                             timeout=120, env=dict(os.environ))
        assert run.returncode == 1, run.stdout + run.stderr
        assert "UNAUTHENTICATED" in run.stderr, run.stderr
    finally:
        assert srv.stop() == 0, srv.read_log()


def test_acd_demo_over_mutual_tls_with_a_token(tmp_path, pki):
    ca = (pki / "ca.pem").read_bytes()
    creds = grpc.ssl_channel_credentials(
        root_certificates=ca, private_key=(pki / "client.key").read_bytes(),
        certificate_chain=(pki / "client.pem").read_bytes())
    tokens = token_file(tmp_path / "tokens.yaml", [
        {"name": "demo-pbx", "token": EAST_TOKEN, "centers": ["sales"]}])
    srv = ServerProcess(tmp_path / "srv", config=None, credentials=creds,
                        extra=["--tls-cert", str(pki / "server.pem"),
                               "--tls-key", str(pki / "server.key"),
                               "--tls-client-ca", str(pki / "ca.pem"),
                               "--tokens", str(tokens)]).start()
    try:
        (tmp_path / "token").write_text(EAST_TOKEN + "\n")
        tls = ["--tls-ca", str(pki / "ca.pem"), "--tls-cert", str(pki / "client.pem"),
               "--tls-key", str(pki / "client.key")]
        base = [acd_bin(), "demo", "--server", f"127.0.0.1:{srv.port}", "--quiet",
                "--from", "08:00", "--to", "08:20"]
        run = subprocess.run(base + tls + ["--token-file", str(tmp_path / "token")],
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr
        assert "decisions match" in run.stdout
        # Without the token the stream is refused: the demo fails, saying why.
        run = subprocess.run(base + tls, capture_output=True, text=True, timeout=300)
        assert run.returncode == 1
        assert "UNAUTHENTICATED" in run.stdout + run.stderr or \
            "token" in run.stdout + run.stderr, run.stdout[-2000:] + run.stderr
        # A missing token file is named.
        run = subprocess.run(base + tls + ["--token-file", str(tmp_path / "absent")],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 1 and "--token-file" in run.stderr
    finally:
        assert srv.stop() == 0, srv.read_log()
