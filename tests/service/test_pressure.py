"""Back-pressure and malformed input: a full inbox is RESOURCE_EXHAUSTED
(never a silent drop), a slow stream holds the adapter back, and random or
mutated bytes get an error, never a crash."""
import random
import threading

import grpc

from acd.v1 import acd_service_pb2 as pb
from conftest import Adapter, ServerProcess


def test_every_event_is_answered_once_under_a_tiny_in_flight_limit(tmp_path):
    srv = ServerProcess(tmp_path, extra=["--max-in-flight", "1"]).start()
    a = Adapter(srv.channel, name="slow")
    ids = [a.send(call_arrive=pb.CallArrive(call=f"s{i}")) for i in range(300)]
    acks = a.find_all(lambda m: m.HasField("ack"), count=300, timeout=60)
    assert sorted(m.ack.event_id for m in acks) == ids
    assert all(m.ack.code == 0 for m in acks)
    a.close()
    assert srv.stop() == 0


def test_a_full_inbox_answers_resource_exhausted_and_drops_nothing(tmp_path):
    srv = ServerProcess(tmp_path, extra=["--inbox-bound", "2"]).start()
    adapters = [Adapter(srv.channel, name=f"p{k}") for k in range(6)]
    per = 400
    for k, a in enumerate(adapters):
        for i in range(per):
            a.send(call_arrive=pb.CallArrive(call=f"p{k}-{i}"))
    ok, exhausted = set(), 0
    for k, a in enumerate(adapters):
        acks = a.find_all(lambda m: m.HasField("ack"), count=per, timeout=120)
        assert len(acks) == per  # each event answered exactly once
        for m in acks:
            if m.ack.code == 0:
                ok.add(f"p{k}-{m.ack.event_id - 1}")
            else:
                assert m.ack.code == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0], m.ack
                assert "inbox" in m.ack.message or "full" in m.ack.message, m.ack.message
                exhausted += 1
    stub = srv.stub()
    arrived = None
    for figures in stub.Watch(pb.WatchRequest(interval_ms=50)):
        arrived = figures.counts.arrived
        break
    assert arrived == len(ok)  # exactly the acknowledged ones were applied
    assert exhausted > 0, "the inbox bound was never reached"
    for a in adapters:
        a.close()
    assert srv.stop() == 0


def test_random_and_mutated_bytes_get_errors_not_crashes(server):
    rng = random.Random(20261204)
    stub = server.stub()
    valid = pb.AdapterMessage(event=pb.Event(
        event_id=5, call_enqueue=pb.CallEnqueue(call="x", queue="sales", priority=3,
                                               required_skills=[pb.SkillLevel(skill="a",
                                                                              level=2)])))
    valid_bytes = valid.SerializeToString()
    hello = pb.AdapterMessage(hello=pb.Hello(adapter="fuzz")).SerializeToString()
    connect = server.channel.stream_stream("/acd.v1.Acd/Connect")
    unaries = ["/acd.v1.Acd/GetCall", "/acd.v1.Acd/AgentAction", "/acd.v1.Acd/SubmitEvent",
               "/acd.v1.Acd/ValidateConfig", "/acd.v1.Acd/ReloadConfig",
               "/acd.v1.Acd/AdvanceClock", "/acd.v1.Acd/ListQueues"]
    for round_ in range(60):
        if round_ % 2 == 0:
            blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))
        else:
            b = bytearray(valid_bytes)
            for _ in range(rng.randrange(1, 4)):
                b[rng.randrange(len(b))] = rng.randrange(256)
            blob = bytes(b)
        try:
            list(connect(iter([hello, blob]), timeout=5))
        except grpc.RpcError as e:
            assert e.code() in (grpc.StatusCode.INTERNAL, grpc.StatusCode.INVALID_ARGUMENT,
                                grpc.StatusCode.NOT_FOUND, grpc.StatusCode.DEADLINE_EXCEEDED,
                                grpc.StatusCode.FAILED_PRECONDITION), e
        method = server.channel.unary_unary(rng.choice(unaries))
        try:
            method(blob, timeout=5)
        except grpc.RpcError as e:
            assert e.code() != grpc.StatusCode.UNAVAILABLE, e
    # Still serving, with a sane state.
    check = server.channel.unary_unary("/grpc.health.v1.Health/Check")
    assert check(b"") == b"\x08\x01"
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].failure == ""
