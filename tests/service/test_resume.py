"""Resuming adapters: after a disconnect (same server: the missed commands
are sent again) and after the server was killed with SIGKILL and restarted
on its journal (the adapter gets a Resync of its live calls, resends what
was not acknowledged; nothing acknowledged is lost, nothing is applied
twice)."""
import signal
import time

import grpc

from acd.v1 import acd_service_pb2 as pb
from conftest import Adapter, ServerProcess

A = pb.AgentActionRequest


def cmd(kind):
    return lambda m: m.HasField("command") and m.command.HasField(kind)


def test_reconnect_receives_the_commands_it_missed(server):
    stub = server.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    a = Adapter(server.channel, name="pbx-a")
    a.send(call_arrive=pb.CallArrive(call="m1"))
    e = a.send(call_enqueue=pb.CallEnqueue(call="m1", queue="sales"))
    assert a.ack(e).code == 0
    offer = a.find(cmd("offer"))
    epoch = a.find(lambda m: m.HasField("welcome")).welcome.server_epoch
    last_seq = max(c.seq for c in a.commands())
    a.close()
    a.wait_end()
    # While the adapter is away the ring times out (a timer's commands).
    stub.AdvanceClock(pb.AdvanceClockRequest(by_ms=10001))
    b = Adapter(server.channel, name="pbx-a", epoch=epoch, last_seq=last_seq)
    welcome = b.find(lambda m: m.HasField("welcome")).welcome
    assert welcome.resumed
    cancel = b.find(cmd("cancel_offer"))
    assert cancel.command.cancel_offer.call == "m1"
    assert cancel.command.seq > last_seq
    seqs = [c.seq for c in b.commands()]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs))
    assert all(s > last_seq for s in seqs)
    assert not any(m.HasField("resync") for m in b.received)
    # A stale epoch gets a Resync of the adapter's live calls instead.
    b.close()
    c = Adapter(server.channel, name="pbx-a", epoch="0000000000000000", last_seq=last_seq)
    resync = c.find(lambda m: m.HasField("resync")).resync
    assert [call.call for call in resync.calls] == ["m1"]
    assert not c.find(lambda m: m.HasField("welcome")).welcome.resumed
    c.close()


def test_commands_of_other_adapters_calls_are_not_sent(server):
    stub = server.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    a = Adapter(server.channel, name="pbx-a")
    b = Adapter(server.channel, name="pbx-b")
    a.send(call_arrive=pb.CallArrive(call="mine"))
    e = a.send(call_enqueue=pb.CallEnqueue(call="mine", queue="sales"))
    assert a.ack(e).code == 0
    a.find(cmd("offer"))
    # pbx-b sees agent state changes but no command about pbx-a's call.
    b.find(lambda m: m.HasField("welcome"))
    eb = b.send(agent_login=pb.AgentLogin(agent="ben"))
    assert b.ack(eb).code == 0
    b.find(cmd("agent_state_changed"))
    time.sleep(0.2)
    assert not b.commands("offer") and not b.commands("call_queued")
    a.close()
    b.close()


def test_sigkill_in_the_middle_of_a_stream_loses_nothing_acknowledged(tmp_path):
    srv = ServerProcess(tmp_path).start()
    stub = srv.stub()
    stub.AgentAction(A(agent="anna", action=A.LOGIN))
    a = Adapter(srv.channel, name="pbx-k")
    epoch = a.find(lambda m: m.HasField("welcome")).welcome.server_epoch
    calls = 300
    sent = {}  # event id -> event kwargs, to resend
    for i in range(calls):
        for body in (dict(call_arrive=pb.CallArrive(call=f"k{i}")),
                     dict(call_enqueue=pb.CallEnqueue(call=f"k{i}", queue="support"))):
            eid = a.send(**body)
            sent[eid] = body
        if i == calls // 2:
            # Wait for some acknowledgements, then kill in the middle.
            a.ack(eid)
            srv.proc.send_signal(signal.SIGKILL)
            break
    srv.proc.wait()
    a.wait_end()
    acked_ok = {m.ack.event_id for m in a.received if m.HasField("ack") and m.ack.code == 0}
    assert acked_ok, "nothing was acknowledged before the kill"
    bad = [m.ack for m in a.received if m.HasField("ack") and m.ack.code != 0]
    assert not bad, bad[:3]
    last_seq = max([c.seq for c in a.commands()] or [0])
    srv.proc = None
    srv.log.close()

    srv.start()  # same journal
    stub = srv.stub()
    # The journal keeps the numbering of commands and its epoch: the adapter
    # resumes and gets what it missed. It claims 5 fewer than it had, so the
    # overlap shows the numbers and contents are those it was sent live.
    before = {c.seq: c for c in a.commands()}
    overlap = min(5, len(before))
    b = Adapter(srv.channel, name="pbx-k", epoch=epoch, last_seq=last_seq - overlap)
    welcome = b.find(lambda m: m.HasField("welcome")).welcome
    assert welcome.resumed and welcome.server_epoch == epoch, welcome
    assert "inputs_recovered=" in srv.read_log()
    replayed = b.find_all(lambda m: m.HasField("command"), count=overlap)
    for m in replayed[:overlap]:
        assert m.command == before[m.command.seq]
    assert not any(m.HasField("resync") for m in b.received)
    # Together, the commands before the crash and those resent name every
    # call whose enqueue was acknowledged, once each, in gapless order.
    time.sleep(0.3)
    resumed = [c for c in b.commands() if c.seq > last_seq]
    seqs = sorted(before) + [c.seq for c in resumed]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "a gap or a repeat in numbering"
    queued = {c.call_queued.call for c in list(before.values()) + resumed
              if c.HasField("call_queued")}
    for eid in acked_ok:
        if "call_enqueue" in sent[eid]:
            assert sent[eid]["call_enqueue"].call in queued, sent[eid]
    # The adapter resends every event after the last one it has an ack for
    # (and, to be thorough here, every one it sent at all).
    for eid in sorted(sent):
        b.send(event_id=eid, **sent[eid])
    acks = {}
    for eid in sorted(sent):
        ack = b.ack(eid)
        acks[eid] = ack
        assert ack.code == 0, (eid, sent[eid], ack)
        if eid in acked_ok:
            assert ack.repeat, ("applied twice", eid)
    # Each call arrived exactly once and waits in support.
    centers = stub.ListCenters(pb.ListCentersRequest())
    queues = {q.name: q for q in stub.ListQueues(pb.ListQueuesRequest()).queues}
    n_calls = sum(1 for body in sent.values() if "call_arrive" in body)
    assert queues["support"].waiting == n_calls
    for i in range(n_calls):
        assert stub.GetCall(pb.GetCallRequest(call=f"k{i}")).state == "waiting"
    b.close()
    assert srv.stop() == 0, srv.read_log()
    assert centers.centers[0].failure == ""


def test_graceful_stop_answers_in_flight_events(tmp_path):
    srv = ServerProcess(tmp_path).start()
    a = Adapter(srv.channel, name="pbx-g")
    ids = [a.send(call_arrive=pb.CallArrive(call=f"g{i}")) for i in range(200)]
    a.ack(ids[10])
    srv.proc.send_signal(signal.SIGTERM)
    error = a.wait_end(timeout=30)
    assert srv.proc.wait(timeout=30) == 0, srv.read_log()
    acked = {m.ack.event_id for m in a.received if m.HasField("ack")}
    # The stream ended UNAVAILABLE after answering what it had read.
    assert error is not None and error.code() == grpc.StatusCode.UNAVAILABLE
    srv.proc = None
    srv.log.close()
    srv.start()
    stub = srv.stub()
    for i in ids:
        info = None
        try:
            info = stub.GetCall(pb.GetCallRequest(call=f"g{i - 1}"))
        except grpc.RpcError as e:
            assert e.code() == grpc.StatusCode.NOT_FOUND
            assert i not in acked, f"acknowledged g{i - 1} was lost"
        if i in acked:
            assert info is not None
    srv.stop()
