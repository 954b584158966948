"""The adapter stream (Connect): hello, events, acknowledgements, commands
for the calls the adapter owns, repeats and errors."""
import grpc
import pytest

from acd.v1 import acd_service_pb2 as pb


def is_cmd(kind):
    return lambda m: m.HasField("command") and m.command.HasField(kind)


def test_welcome_then_offer_and_answer(server, adapter_factory):
    a = adapter_factory(server.channel)
    welcome = a.find(lambda m: m.HasField("welcome"))
    assert welcome.welcome.center == "small"
    assert len(welcome.welcome.server_epoch) == 16
    resync = a.find(lambda m: m.HasField("resync"))
    assert len(resync.resync.calls) == 0
    assert a.received[0].HasField("welcome")

    login = a.send(agent_login=pb.AgentLogin(agent="anna"))
    assert a.ack(login).code == 0
    arrive = a.send(call_arrive=pb.CallArrive(call="1700000001.1",
                                              attributes=pb.CallAttributes(ani="+491701234")))
    assert a.ack(arrive).code == 0
    enqueue = a.send(call_enqueue=pb.CallEnqueue(call="1700000001.1", queue="sales"))
    offer = a.find(is_cmd("offer"))
    assert offer.command.offer.call == "1700000001.1"
    assert offer.command.offer.agent == "anna"
    assert offer.command.offer.queue == "sales"
    assert offer.command.offer.ring_timeout_ms == 10000
    assert offer.command.cause_adapter == "pbx-1"
    assert offer.command.cause_event_id == enqueue
    assert a.ack(enqueue).code == 0

    a.send(call_answer=pb.CallAnswer(call="1700000001.1", agent="anna"))
    connected = a.find(is_cmd("call_connected"))
    assert connected.command.call_connected.agent == "anna"
    a.send(call_end_talk=pb.CallEndTalk(call="1700000001.1"))
    ended = a.find(is_cmd("call_ended"))
    assert ended.command.call_ended.disposition == "answered"
    assert ended.command.call_ended.agent == "anna"


def test_repeat_is_acknowledged_again_never_applied_twice(server, adapter_factory):
    a = adapter_factory(server.channel)
    a.send(event_id=7, call_arrive=pb.CallArrive(call="c-1"))
    first = a.ack(7)
    assert first.code == 0 and not first.repeat
    a.send(event_id=7, call_arrive=pb.CallArrive(call="c-1"))
    again = a.ack(7, nth=2)
    assert again.code == 0 and again.repeat
    stub = server.stub()
    centers = stub.ListCenters(pb.ListCentersRequest())
    # Login-free center: the arrival is one call, counted once.
    assert stub.GetCall(pb.GetCallRequest(call="c-1")).state == "arrived"


def test_bad_events_are_answered_with_the_field_and_change_nothing(server, adapter_factory):
    a = adapter_factory(server.channel)
    stub = server.stub()
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    cases = [
        (dict(call_enqueue=pb.CallEnqueue(call="nope", queue="sales")),
         grpc.StatusCode.NOT_FOUND, "event.call_enqueue.call"),
        (dict(agent_login=pb.AgentLogin(agent="zoe")),
         grpc.StatusCode.NOT_FOUND, "event.agent_login.agent"),
        (dict(call_arrive=pb.CallArrive(call="")),
         grpc.StatusCode.INVALID_ARGUMENT, "event.call_arrive.call"),
        (dict(call_arrive=pb.CallArrive(call="x", attributes=pb.CallAttributes(intent="maybe"))),
         grpc.StatusCode.INVALID_ARGUMENT, "event.call_arrive.attributes.intent"),
        (dict(), grpc.StatusCode.INVALID_ARGUMENT, "event"),
        (dict(agent_not_ready=pb.AgentNotReady(agent="anna", reason="nap")),
         grpc.StatusCode.INVALID_ARGUMENT, "event.agent_not_ready.reason"),
    ]
    for body, code, field in cases:
        eid = a.send(**body)
        ack = a.ack(eid)
        assert ack.code == code.value[0], (body, ack)
        assert ack.message.startswith(field), ack.message
    # An event id out of range.
    a.send(event_id=1 << 44, agent_login=pb.AgentLogin(agent="anna"))
    ack = a.ack(1 << 44)
    assert ack.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert "event.event_id" in ack.message
    # A second arrival under a call id in use is an error, not a repeat.
    ok = a.send(call_arrive=pb.CallArrive(call="dup"))
    assert a.ack(ok).code == 0
    after_ok = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    second = a.send(call_arrive=pb.CallArrive(call="dup"))
    ack = a.ack(second)
    assert ack.code == grpc.StatusCode.ALREADY_EXISTS.value[0] and not ack.repeat
    assert "the PBX's call 'dup'" in ack.message, ack.message
    # Nothing the refused events carried changed the state.
    import time
    time.sleep(0.2)
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == after_ok
    assert after_ok != before


def test_first_message_must_be_hello(server):
    stub = server.stub()
    msgs = iter([pb.AdapterMessage(event=pb.Event(event_id=1,
                                                  agent_login=pb.AgentLogin(agent="anna")))])
    with pytest.raises(grpc.RpcError) as e:
        list(stub.Connect(msgs))
    assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "hello" in e.value.details()


def test_unknown_center_in_hello(server):
    stub = server.stub()
    msgs = iter([pb.AdapterMessage(hello=pb.Hello(adapter="x", center="nowhere"))])
    with pytest.raises(grpc.RpcError) as e:
        list(stub.Connect(msgs))
    assert e.value.code() == grpc.StatusCode.NOT_FOUND
    assert "center" in e.value.details()


def test_an_ack_comes_after_every_command_its_event_caused(server, adapter_factory):
    """An adapter holding an event's ack has that event's commands: it never
    has to wait for decisions after the acknowledgement."""
    a = adapter_factory(server.channel)
    stub = server.stub()
    a.send(agent_login=pb.AgentLogin(agent="anna"))
    for i in range(40):
        call = f"order-{i}"
        a.send(call_arrive=pb.CallArrive(call=call))
        enqueue = a.send(call_enqueue=pb.CallEnqueue(call=call, queue="sales"))
        a.ack(enqueue)
        with a.cond:
            kinds = [m.WhichOneof("kind") if not m.HasField("command")
                     else m.command.WhichOneof("body") for m in a.received]
            ack_at = next(i for i, m in enumerate(a.received)
                          if m.HasField("ack") and m.ack.event_id == enqueue)
            queued_at = max(j for j, m in enumerate(a.received)
                            if m.HasField("command") and m.command.cause_event_id == enqueue)
        assert queued_at < ack_at, kinds
        # Keep anna free for the next call: the caller hangs up.
        hang = a.send(call_hangup=pb.CallHangup(call=call))
        assert a.ack(hang).code == 0
    # The unary path too: SubmitEvent answers after the commands went out.
    reply = stub.SubmitEvent(pb.SubmitEventRequest(
        adapter="pbx-1", event=pb.Event(event_id=10_000, call_arrive=pb.CallArrive(call="u1"))))
    assert not reply.repeat


def test_an_event_batch_is_applied_in_order_each_event_answered(server, adapter_factory):
    a = adapter_factory(server.channel)
    ids = a.send_batch([
        {"agent_login": pb.AgentLogin(agent="anna")},
        {"call_arrive": pb.CallArrive(call="b1")},
        {"call_enqueue": pb.CallEnqueue(call="b1", queue="nowhere")},  # refused alone
        {"call_enqueue": pb.CallEnqueue(call="b1", queue="sales")},
    ])
    acks = [a.ack(i) for i in ids]
    assert [x.code for x in acks] == [0, 0, grpc.StatusCode.NOT_FOUND.value[0], 0], acks
    assert "no queue named 'nowhere'" in acks[2].message
    offer = a.find(is_cmd("offer"))
    assert offer.command.cause_event_id == ids[3]
    # Repeats inside a batch: acknowledged again, applied once.
    again = a.send_batch([{"call_arrive": pb.CallArrive(call="b2")}])
    a.outgoing.put(pb.AdapterMessage(events=pb.EventBatch(events=[
        pb.Event(event_id=again[0], call_arrive=pb.CallArrive(call="b2"))])))
    assert a.ack(again[0]).code == 0
    assert a.ack(again[0], nth=2).repeat
    assert a.batches == 0  # this adapter did not ask for merged messages


def test_a_batch_over_the_limit_ends_the_stream_with_the_reason(server, adapter_factory):
    a = adapter_factory(server.channel)
    a.send_batch([{"call_arrive": pb.CallArrive(call=f"x{i}")} for i in range(1025)])
    err = a.wait_end()
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "at most 1024" in err.details()
    # Nothing of it was applied.
    with pytest.raises(grpc.RpcError) as e:
        server.stub().GetCall(pb.GetCallRequest(call="x0"))
    assert e.value.code() == grpc.StatusCode.NOT_FOUND


def test_merged_server_messages_carry_everything_in_order(server, adapter_factory):
    a = adapter_factory(server.channel, accept_batches=True)
    ids = []
    for start in range(0, 3000, 1000):
        ids += a.send_batch([{"call_arrive": pb.CallArrive(call=f"m{i}")}
                             for i in range(start, start + 1000)])
    enq = a.send_batch([{"call_enqueue": pb.CallEnqueue(call=f"m{i}", queue="support")}
                        for i in range(0, 5)])
    for i in ids + enq:
        assert a.ack(i).code == 0
    with a.cond:
        acked = [m.ack.event_id for m in a.received if m.HasField("ack")]
        seqs = [m.command.seq for m in a.received if m.HasField("command")]
    assert sorted(acked) == sorted(ids + enq) and len(acked) == len(set(acked))
    assert seqs == sorted(seqs)
    # 3,000 acks released together queue up behind the stream's writes:
    # they go out merged (fewer, larger writes).
    assert a.batches > 0
