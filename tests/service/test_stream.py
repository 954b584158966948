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
