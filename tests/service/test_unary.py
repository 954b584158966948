"""Unary calls for CRMs and supervisors, Watch, health and reflection."""
import threading
import time

import grpc
import pytest

from acd.v1 import acd_service_pb2 as pb

A = pb.AgentActionRequest


def test_agent_actions_and_views(server):
    stub = server.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN, requester="crm"))
    stub.AgentAction(A(agent="ben", action=A.LOGIN))
    stub.AgentAction(A(agent="ben", action=A.NOT_READY, reason="lunch"))
    agents = {a.name: a for a in stub.ListAgents(pb.ListAgentsRequest()).agents}
    assert agents["anna"].state == "ready"
    assert agents["ben"].state == "not_ready" and agents["ben"].reason == "lunch"
    assert agents["carla"].state == "logged_out"
    assert agents["anna"].id == 1
    stub.AgentAction(A(agent="ben", action=A.READY))
    stub.AgentAction(A(agent="2", action=A.LOGOUT))  # by decimal id
    agents = {a.name: a for a in stub.ListAgents(pb.ListAgentsRequest()).agents}
    assert agents["ben"].state == "logged_out"
    queues = {q.name: q for q in stub.ListQueues(pb.ListQueuesRequest()).queues}
    assert queues["sales"].agents_logged_in == 1
    assert queues["support"].agents_logged_in == 0


@pytest.mark.parametrize("request_, code, text", [
    (A(agent="zoe", action=A.LOGIN), grpc.StatusCode.NOT_FOUND, "agent"),
    (A(agent="anna"), grpc.StatusCode.INVALID_ARGUMENT, "action"),
    (A(agent="", action=A.LOGIN), grpc.StatusCode.INVALID_ARGUMENT, "agent"),
    (A(agent="anna", action=A.NOT_READY, reason="nap"), grpc.StatusCode.INVALID_ARGUMENT,
     "reason"),
    (A(agent="anna", action=A.READY), grpc.StatusCode.FAILED_PRECONDITION, ""),
    (A(center="elsewhere", agent="anna", action=A.LOGIN), grpc.StatusCode.NOT_FOUND, "center"),
])
def test_agent_action_errors(server, request_, code, text):
    stub = server.stub()
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    with pytest.raises(grpc.RpcError) as e:
        stub.AgentAction(request_)
    assert e.value.code() == code, e.value.details()
    assert text in e.value.details()
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == before


def test_get_call_with_history_and_not_found(server, adapter_factory):
    stub = server.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    a = adapter_factory(server.channel)
    a.send(call_arrive=pb.CallArrive(call="k1"))
    e = a.send(call_enqueue=pb.CallEnqueue(call="k1", queue="sales"))
    assert a.ack(e).code == 0
    a.find(lambda m: m.HasField("command") and m.command.HasField("offer"))
    info = stub.GetCall(pb.GetCallRequest(call="k1"))
    assert info.state == "offered"
    assert list(info.ringing) == ["anna"]
    assert info.queue == "sales"
    assert info.adapter == "pbx-1"
    kinds = [c.WhichOneof("body") for c in info.history]
    assert "offer" in kinds and "call_queued" in kinds
    with pytest.raises(grpc.RpcError) as err:
        stub.GetCall(pb.GetCallRequest(call="nope"))
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    assert "call" in err.value.details()
    with pytest.raises(grpc.RpcError) as err:
        stub.GetCall(pb.GetCallRequest(call=""))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_transfer_to_a_named_agent_on_the_wire(server, adapter_factory):
    stub = server.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    a = adapter_factory(server.channel)
    a.send(call_arrive=pb.CallArrive(call="t1"))
    a.send(call_enqueue=pb.CallEnqueue(call="t1", queue="sales"))
    a.find(lambda m: m.HasField("command") and m.command.HasField("offer"))
    assert a.ack(a.send(call_answer=pb.CallAnswer(call="t1", agent="anna"))).code == 0
    # ben is logged out: refused, naming the field, nothing changes
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    refused = a.ack(a.send(call_transfer_to_agent=pb.CallTransferToAgent(call="t1", agent="ben")))
    assert refused.code == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    assert "agent" in refused.message
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == before
    stub.AgentAction(A(agent="carla", action=A.LOGIN))
    e = a.send(call_transfer_to_agent=pb.CallTransferToAgent(call="t1", agent="carla"))
    assert a.ack(e).code == 0
    offer = a.find(lambda m: m.HasField("command") and m.command.HasField("offer")
                   and m.command.offer.agent == "carla").command.offer
    assert offer.transfer_from == "anna" and not offer.ring_all
    info = stub.GetCall(pb.GetCallRequest(call="t1"))
    assert info.state == "offered" and list(info.ringing) == ["carla"]
    assert info.transferring and info.transfers == 1


def test_a_supervisor_moves_a_waiting_call(server, adapter_factory):
    stub = server.stub()
    a = adapter_factory(server.channel)
    for call in ("m1", "m2", "m3"):
        a.send(call_arrive=pb.CallArrive(call=call))
        assert a.ack(a.send(call_enqueue=pb.CallEnqueue(call=call, queue="sales"))).code == 0
    assert [stub.GetCall(pb.GetCallRequest(call=c)).position for c in ("m1", "m2", "m3")] == [1, 2, 3]

    def move(call, position, event_id):
        return stub.SubmitEvent(pb.SubmitEventRequest(
            adapter="wallboard", event=pb.Event(
                event_id=event_id, call_move=pb.CallMove(call=call, position=position))))

    move("m3", 1, 1)
    assert [stub.GetCall(pb.GetCallRequest(call=c)).position for c in ("m3", "m1", "m2")] == [1, 2, 3]
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    with pytest.raises(grpc.RpcError) as err:
        move("m2", 0, 2)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "position" in err.value.details()
    with pytest.raises(grpc.RpcError) as err:
        move("nope", 1, 3)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == before
    # The caller moved to the head is the one offered first.
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    offer = a.find(lambda m: m.HasField("command") and m.command.HasField("offer")).command.offer
    assert offer.call == "m3"


def test_an_attended_transfer_over_the_stream(server, adapter_factory):
    stub = server.stub()
    a = adapter_factory(server.channel)
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    a.send(call_arrive=pb.CallArrive(call="c1"))
    a.send(call_enqueue=pb.CallEnqueue(call="c1", queue="sales"))
    offer = a.find(lambda m: m.HasField("command") and m.command.HasField("offer")).command.offer
    assert a.ack(a.send(call_answer=pb.CallAnswer(call="c1", agent=offer.agent))).code == 0
    stub.AgentAction(A(agent="carla", action=A.LOGIN))
    # Both target and leg named wrongly: a clear refusal, nothing changes.
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    bad = a.ack(a.send(call_consult=pb.CallConsult(call="c1", consult="c1-x", agent="carla",
                                                   queue="support")))
    assert bad.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert "call_consult.agent" in bad.message
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == before
    # The consult leg goes to carla, who is busy at once; the caller waits on hold.
    assert a.ack(a.send(call_consult=pb.CallConsult(call="c1", consult="c1-x",
                                                    agent="carla"))).code == 0
    caller = stub.GetCall(pb.GetCallRequest(call="c1"))
    assert caller.on_hold and caller.consult == "c1-x"
    assert stub.GetCall(pb.GetCallRequest(call="c1-x")).consult_leg
    assert a.ack(a.send(call_consult_end=pb.CallConsultEnd(call="c1", complete=True))).code == 0
    moved = a.find(lambda m: m.HasField("command") and m.command.HasField("call_connected")
                   and m.command.call_connected.transfer_from == "anna").command.call_connected
    assert (moved.call, moved.agent) == ("c1", "carla")
    caller = stub.GetCall(pb.GetCallRequest(call="c1"))
    assert caller.agent == "carla" and not caller.on_hold and caller.consult == ""


def test_a_supervisor_sets_an_agents_level(server, adapter_factory):
    # AMI QueuePenalty without a Queue: ben's level in every queue he is in.
    stub = server.stub()
    a = adapter_factory(server.channel)
    assert a.ack(a.send(agent_set_level=pb.AgentSetLevel(agent="ben", level=7))).code == 0
    changed = a.find_all(lambda m: m.HasField("command")
                         and m.command.HasField("agent_level_changed"), count=2)
    assert sorted((c.command.agent_level_changed.agent, c.command.agent_level_changed.queue,
                   c.command.agent_level_changed.level) for c in changed) == [
                       ("ben", "sales", 7), ("ben", "support", 7)]
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    bad = a.ack(a.send(agent_set_level=pb.AgentSetLevel(agent="ben", queue="nope", level=7)))
    assert bad.code == grpc.StatusCode.NOT_FOUND.value[0]
    assert "agent_set_level.queue" in bad.message
    bad = a.ack(a.send(agent_set_level=pb.AgentSetLevel(agent="anna", queue="support", level=7)))
    assert bad.code == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    assert "queue" in bad.message and "not a member" in bad.message
    bad = a.ack(a.send(agent_set_level=pb.AgentSetLevel(agent="ben", queue="sales", level=0)))
    assert bad.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert "level" in bad.message
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == before


def test_a_pause_in_one_queue_over_the_wire(server, adapter_factory):
    # AMI QueuePause with a Queue: ben paused in sales alone, then ready
    # everywhere, which ends it (as an unpause without a Queue).
    stub = server.stub()
    stub.AgentAction(A(agent="ben", action=A.LOGIN))
    a = adapter_factory(server.channel)
    ack = a.ack(a.send(agent_not_ready=pb.AgentNotReady(agent="ben", reason="break",
                                                        queue="sales")))
    assert ack.code == 0, ack.message
    c = a.find(lambda m: m.HasField("command")
               and m.command.HasField("agent_pause_changed")).command.agent_pause_changed
    assert (c.agent, c.queue, c.paused, c.reason) == ("ben", "sales", True, "break")
    ben = {x.name: x for x in stub.ListAgents(pb.ListAgentsRequest()).agents}["ben"]
    assert ben.state == "ready"  # still rung by support
    assert [(p.queue, p.reason) for p in ben.paused_queues] == [("sales", "break")]
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    bad = a.ack(a.send(agent_ready=pb.AgentReady(agent="ben", queue="nope")))
    assert bad.code == grpc.StatusCode.NOT_FOUND.value[0]
    assert "agent_ready.queue" in bad.message
    bad = a.ack(a.send(agent_ready=pb.AgentReady(agent="ben", queue="support")))
    assert bad.code == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    assert "not paused" in bad.message
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == before
    assert a.ack(a.send(agent_ready=pb.AgentReady(agent="ben"))).code == 0
    c = a.find(lambda m: m.HasField("command") and m.command.HasField("agent_pause_changed")
               and not m.command.agent_pause_changed.paused).command.agent_pause_changed
    assert (c.queue, c.reason) == ("sales", "")
    ben = {x.name: x for x in stub.ListAgents(pb.ListAgentsRequest()).agents}["ben"]
    assert list(ben.paused_queues) == []


def test_an_unavailable_device_over_the_wire(server, adapter_factory):
    # Asterisk's CHANUNAVAIL for anna's leg: CallDecline.unavailable. Busy
    # and unavailable at once is refused, naming the field, the state
    # unchanged. Reloaded with sales counting unavailable devices at every
    # miss (autopauseunavail), the next one pauses her (reason no_answer).
    stub = server.stub()
    stub.ReloadConfig(pb.ConfigRequest(text=server.config.read_text().replace(
        "    max_misses: 3\n", "    max_misses: 1\n    auto_pause_unavailable: true\n", 1)))
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    a = adapter_factory(server.channel)
    a.send(call_arrive=pb.CallArrive(call="u1"))
    a.send(call_enqueue=pb.CallEnqueue(call="u1", queue="sales"))
    a.find(lambda m: m.HasField("command") and m.command.HasField("offer"))
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    bad = a.ack(a.send(call_decline=pb.CallDecline(call="u1", agent="anna", busy=True,
                                                   unavailable=True)))
    assert bad.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert "call_decline.unavailable" in bad.message
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == before
    ack = a.ack(a.send(call_decline=pb.CallDecline(call="u1", agent="anna", unavailable=True)))
    assert ack.code == 0, ack.message
    cancel = a.find(lambda m: m.HasField("command") and m.command.HasField("cancel_offer"))
    assert cancel.command.cancel_offer.reason == "agent_declined"
    anna = {x.name: x for x in stub.ListAgents(pb.ListAgentsRequest()).agents}["anna"]
    assert (anna.state, anna.reason) == ("not_ready", "no_answer")


def test_counters_per_queue_and_load_per_media_over_the_wire(server, adapter_factory):
    # ben (sales and support) answers a sales call for 6 s: counted in
    # sales' counters alone; while it rings and talks it loads his voice.
    stub = server.stub()
    stub.AgentAction(A(agent="ben", action=A.LOGIN))
    a = adapter_factory(server.channel)
    a.send(call_arrive=pb.CallArrive(call="k1"))
    a.send(call_enqueue=pb.CallEnqueue(call="k1", queue="sales"))
    a.find(lambda m: m.HasField("command") and m.command.HasField("offer"))

    def ben():
        return {x.name: x for x in stub.ListAgents(pb.ListAgentsRequest()).agents}["ben"]

    assert [(m.media, m.calls) for m in ben().load_by_media] == [("voice", 1)]
    assert [(q.queue, q.calls, q.ended) for q in ben().queue_counters] == [
        ("sales", 0, False), ("support", 0, False)]
    assert a.ack(a.send(call_answer=pb.CallAnswer(call="k1", agent="ben"))).code == 0
    stub.AdvanceClock(pb.AdvanceClockRequest(by_ms=6000))
    assert a.ack(a.send(call_end_talk=pb.CallEndTalk(call="k1"))).code == 0
    reply = stub.ListAgents(pb.ListAgentsRequest())
    figures = {x.name: x for x in reply.agents}["ben"]
    assert list(figures.load_by_media) == []
    sales, support = figures.queue_counters
    assert (sales.queue, sales.calls, sales.talk_ms, sales.ended) == ("sales", 1, 6000, True)
    assert sales.last_end_ms == reply.now_ms
    assert (support.queue, support.calls, support.ended, support.last_end_ms) == (
        "support", 0, False, 0)


def test_a_transferred_callers_wait_ends_at_its_first_answer(server, adapter_factory):
    stub = server.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    stub.AgentAction(A(agent="carla", action=A.LOGIN))
    a = adapter_factory(server.channel)
    a.send(call_arrive=pb.CallArrive(call="w1"))
    a.send(call_enqueue=pb.CallEnqueue(call="w1", queue="sales"))
    a.find(lambda m: m.HasField("command") and m.command.HasField("offer"))
    stub.AdvanceClock(pb.AdvanceClockRequest(by_ms=3000))
    assert a.ack(a.send(call_answer=pb.CallAnswer(call="w1", agent="anna"))).code == 0
    stub.AdvanceClock(pb.AdvanceClockRequest(by_ms=6000))
    assert a.ack(a.send(call_transfer=pb.CallTransfer(call="w1", queue="support"))).code == 0
    a.find(lambda m: m.HasField("command") and m.command.HasField("offer")
           and m.command.offer.agent == "carla")
    stub.AdvanceClock(pb.AdvanceClockRequest(by_ms=5000))
    assert a.ack(a.send(call_answer=pb.CallAnswer(call="w1", agent="carla"))).code == 0
    stub.AdvanceClock(pb.AdvanceClockRequest(by_ms=4000))
    assert a.ack(a.send(call_end_talk=pb.CallEndTalk(call="w1"))).code == 0
    ended = a.find(lambda m: m.HasField("command")
                   and m.command.HasField("call_ended")).command.call_ended
    assert (ended.agent, ended.wait_ms, ended.talk_ms) == ("carla", 3000, 4000)


def test_ring_timeout_follows_the_manual_clock(server, adapter_factory):
    stub = server.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    a = adapter_factory(server.channel)
    a.send(call_arrive=pb.CallArrive(call="r1"))
    a.send(call_enqueue=pb.CallEnqueue(call="r1", queue="sales"))
    a.find(lambda m: m.HasField("command") and m.command.HasField("offer"))
    now = stub.AdvanceClock(pb.AdvanceClockRequest(by_ms=10001)).now_ms
    cancel = a.find(lambda m: m.HasField("command") and m.command.HasField("cancel_offer"))
    assert cancel.command.cancel_offer.reason == "ring_timeout"
    assert cancel.command.cause_event_id == 0 and cancel.command.cause_adapter == ""
    assert stub.GetCall(pb.GetCallRequest(call="r1")).state in ("waiting", "offered")
    with pytest.raises(grpc.RpcError) as err:
        stub.AdvanceClock(pb.AdvanceClockRequest(to_ms=now - 1))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(grpc.RpcError) as err:
        stub.AdvanceClock(pb.AdvanceClockRequest())
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_validate_and_reload(server):
    stub = server.stub()
    good = server.config.read_text()
    reply = stub.ValidateConfig(pb.ConfigRequest(text=good))
    assert reply.valid and "2 queues" in reply.summary
    with pytest.raises(grpc.RpcError) as err:
        stub.ValidateConfig(pb.ConfigRequest(text="queues: [{name: a, strategy: nope}]"))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "strategy" in err.value.details()
    with pytest.raises(grpc.RpcError) as err:
        stub.ValidateConfig(pb.ConfigRequest(text="{}", format="xml"))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "format" in err.value.details()
    before = stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash
    with pytest.raises(grpc.RpcError):
        stub.ReloadConfig(pb.ConfigRequest(text="queues: [{name: a, strategy: nope}]"))
    assert stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash == before
    # A third queue appears by reload; the names follow.
    changed = good.replace("  - name: support\n", "  - name: billing\n    strategy: longest_idle\n"
                           "    max_wait_ms: 60000\n"
                           "    on_max_wait: {kind: voicemail, target: billing}\n"
                           "  - name: support\n", 1)
    reply = stub.ReloadConfig(pb.ConfigRequest(text=changed))
    assert reply.valid and reply.state_hash != 0
    names = [q.name for q in stub.ListQueues(pb.ListQueuesRequest()).queues]
    assert "billing" in names
    # No text: reread the file the server started with.
    reply = stub.ReloadConfig(pb.ConfigRequest())
    names = [q.name for q in stub.ListQueues(pb.ListQueuesRequest()).queues]
    assert "billing" not in names


def test_watch_streams_figures(server):
    stub = server.stub()
    got = []
    stream = stub.Watch(pb.WatchRequest(interval_ms=50, agents=True))
    for figures in stream:
        got.append(figures)
        if len(got) == 1:
            stub.AgentAction(A(agent="anna", action=A.LOGIN))
        if any(a.state == "ready" for f in got for a in f.agents):
            break
        if len(got) > 100:
            break
    stream.cancel()
    assert got[0].center == "small"
    assert {q.name for q in got[0].queues} == {"sales", "support"}
    assert any(a.name == "anna" and a.state == "ready" for a in got[-1].agents)
    with pytest.raises(grpc.RpcError) as err:
        list(stub.Watch(pb.WatchRequest(interval_ms=10)))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "interval_ms" in err.value.details()


def test_health_and_reflection(server):
    # grpc.health.v1.Health/Check with an empty request (all services):
    # the answer is HealthCheckResponse{status: SERVING}, i.e. field 1 = 1.
    check = server.channel.unary_unary("/grpc.health.v1.Health/Check")
    assert check(b"") == b"\x08\x01"
    # grpc.reflection.v1alpha.ServerReflection: list_services (field 7, "").
    info = server.channel.stream_stream(
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo")
    answers = b"".join(info(iter([b"\x3a\x00"])))
    assert b"acd.v1.Acd" in answers
    assert b"grpc.health.v1.Health" in answers
