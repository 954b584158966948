"""A center's own labels over gRPC (issue 12): a declared not-ready reason or
intent is accepted by name on the stream and in AgentAction, goes out by name
in commands and views; an undeclared one is refused naming the field, the
state unchanged; a reload that drops a label in use is refused."""
import grpc
import pytest

from acd.v1 import acd_service_pb2 as pb

from conftest import HERE, ServerProcess

A = pb.AgentActionRequest
LABELLED = HERE / "data" / "labelled.yaml"


def is_cmd(kind):
    return lambda m: m.HasField("command") and m.command.HasField(kind)


@pytest.fixture
def labelled(tmp_path):
    srv = ServerProcess(tmp_path, config=LABELLED).start()
    yield srv
    if srv.proc is not None:
        code = srv.stop()
        assert code == 0, f"acd serve exited {code}: {srv.read_log()}"


def state_hash(stub):
    return stub.ListCenters(pb.ListCentersRequest()).centers[0].state_hash


def test_declared_labels_travel_by_name(labelled, adapter_factory):
    stub = labelled.stub()
    a = adapter_factory(labelled.channel)
    assert a.ack(a.send(agent_login=pb.AgentLogin(agent="anna"))).code == 0
    paused = a.send(agent_not_ready=pb.AgentNotReady(agent="anna", reason="coaching"))
    assert a.ack(paused).code == 0
    change = a.find(lambda m: is_cmd("agent_state_changed")(m)
                    and m.command.agent_state_changed.state == "not_ready")
    assert change.command.agent_state_changed.reason == "coaching"
    agents = {x.name: x for x in stub.ListAgents(pb.ListAgentsRequest()).agents}
    assert agents["anna"].reason == "coaching"
    stub.AgentAction(A(agent="anna", action=A.NOT_READY, reason="admin"))
    agents = {x.name: x for x in stub.ListAgents(pb.ListAgentsRequest()).agents}
    assert agents["anna"].reason == "admin"

    arrive = a.send(call_arrive=pb.CallArrive(call="c1",
                                              attributes=pb.CallAttributes(intent="cancel")))
    assert a.ack(arrive).code == 0
    a.send(call_classify=pb.CallClassify(call="c1", intent="billing"))
    queued = a.find(is_cmd("call_queued"))
    assert queued.command.call_queued.queue == "billing"


def test_undeclared_labels_are_refused_with_the_field(labelled, adapter_factory):
    stub = labelled.stub()
    a = adapter_factory(labelled.channel)
    assert a.ack(a.send(agent_login=pb.AgentLogin(agent="anna"))).code == 0
    before = state_hash(stub)
    coffee = a.send(agent_not_ready=pb.AgentNotReady(agent="anna", reason="coffee"))
    ack = a.ack(coffee)
    assert ack.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert ack.message == (
        "event.agent_not_ready.reason: 'coffee' is not a not-ready reason of this center; it "
        "declares none, unspecified, break, lunch, training, meeting, no_answer, coaching, admin")
    refund = a.send(call_arrive=pb.CallArrive(call="c2",
                                              attributes=pb.CallAttributes(intent="refund")))
    ack = a.ack(refund)
    assert ack.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert ack.message.startswith("event.call_arrive.attributes.intent: 'refund' is not an intent")
    with pytest.raises(grpc.RpcError) as e:
        stub.AgentAction(A(agent="anna", action=A.NOT_READY, reason="coffee"))
    assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "'coffee' is not a not-ready reason" in e.value.details()
    assert state_hash(stub) == before


def test_a_reload_that_drops_a_label_in_use_is_refused(labelled):
    stub = labelled.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    stub.AgentAction(A(agent="anna", action=A.NOT_READY, reason="admin"))
    text = LABELLED.read_text()
    dropped = text.replace("[coaching, admin]", "[coaching]")
    before = state_hash(stub)
    with pytest.raises(grpc.RpcError) as e:
        stub.ReloadConfig(pb.ConfigRequest(text=dropped))
    assert e.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "labels.not_ready_reasons: 'admin'" in e.value.details()
    assert state_hash(stub) == before
    stub.AgentAction(A(agent="anna", action=A.READY))
    assert stub.ReloadConfig(pb.ConfigRequest(text=dropped)).valid
