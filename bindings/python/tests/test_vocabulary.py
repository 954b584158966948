"""The PBX vocabulary through Python: hold and resume, who hung up, CRM
updates, priority changes and outbound calls."""

import pytest

import acd


def connect(engine, call=5, agent=1, t=1000):
    engine.apply(acd.AgentLogin(agent=agent, time_ms=t))
    engine.apply(acd.CallArrive(call=call, time_ms=t))
    engine.apply(acd.CallEnqueue(call=call, queue=0, time_ms=t))
    engine.apply(acd.CallAnswer(call=call, agent=agent, time_ms=t + 1000))


def test_hold_resume_and_who_hung_up(engine):
    connect(engine)
    engine.apply(acd.CallHold(call=5, time_ms=3000))
    assert engine.call(5).on_hold
    engine.apply(acd.CallResume(call=5, time_ms=7000))
    assert not engine.call(5).on_hold and engine.call(5).hold_ms == 4000
    cmds = engine.apply(acd.CallEndTalk(call=5, by="agent", time_ms=9000))
    ended = next(c for c in cmds if isinstance(c, acd.CallEnded))
    assert ended.hold_ms == 4000 and ended.ended_by == "agent"
    assert ended.disposition == "answered"


def test_counters_since_ready_restart_at_a_pause(engine):
    # FreeSWITCH resets an agent's calls and talk time when it becomes
    # Available again; the day's counters go on.
    connect(engine)
    engine.apply(acd.CallEndTalk(call=5, by="caller", time_ms=5000))
    a = engine.agent(1)
    assert (a.calls_today, a.talk_ms_today) == (1, 3000)
    assert (a.calls_since_ready, a.talk_ms_since_ready) == (1, 3000)
    engine.apply(acd.AgentNotReady(agent=1, reason="break", time_ms=6000))
    engine.apply(acd.AgentReady(agent=1, time_ms=7000))
    a = engine.agent(1)
    assert (a.calls_today, a.calls_since_ready, a.talk_ms_since_ready) == (1, 0, 0)


def test_hold_of_a_waiting_call_is_refused_and_changes_nothing(engine):
    engine.apply(acd.CallArrive(call=9, time_ms=1000))
    before = engine.state_hash()
    with pytest.raises(acd.FailedPrecondition):
        engine.apply(acd.CallHold(call=9, time_ms=1000))
    with pytest.raises(ValueError) as e:
        engine.apply(acd.CallEndTalk(call=9, by="nobody", time_ms=1000))
    assert "by" in str(e.value)
    assert engine.state_hash() == before


def test_outbound_call_and_counts(engine):
    engine.apply(acd.AgentLogin(agent=1, time_ms=1000))
    engine.apply(acd.OutboundCall(call=70, agent=1, time_ms=2000))
    assert engine.call(70).outbound
    assert engine.counts().outbound == 1
    cmds = engine.apply(acd.CallHangup(call=70, time_ms=5000))
    ended = next(c for c in cmds if isinstance(c, acd.CallEnded))
    assert ended.disposition == "outbound" and ended.ended_by == "caller"
    assert engine.agent(1).outbound_today == 1


def test_update_and_priority(engine):
    engine.apply(acd.CallArrive(call=8, time_ms=1000))
    engine.apply(acd.CallEnqueue(call=8, queue=0, priority=1, time_ms=1000))
    engine.apply(acd.CallSetPriority(call=8, priority=7, time_ms=2000))
    assert engine.call(8).priority == 7
    engine.apply(acd.CallUpdate(call=8, fields=acd.UPDATE_VIP, attributes={"vip": True},
                                time_ms=3000))
    with pytest.raises(ValueError) as e:
        engine.apply(acd.CallUpdate(call=8, fields=0, time_ms=3000))
    assert "fields" in str(e.value)


def test_transfer_to_a_named_agent(engine):
    connect(engine)  # call 5 with agent 1
    engine.apply(acd.AgentLogin(agent=2, time_ms=2500))
    cmds = engine.apply(acd.CallTransferToAgent(call=5, agent=2, time_ms=3000))
    offer = next(c for c in cmds if isinstance(c, acd.Offer))
    assert offer.agent == 2 and offer.transfer_from == 1 and not offer.ring_all
    view = engine.call(5)
    assert view.transferring and view.transfers == 1 and view.ringing == [2]
    engine.apply(acd.CallAnswer(call=5, agent=2, time_ms=4000))
    assert engine.call(5).agent == 2 and not engine.call(5).transferring


def test_transfer_to_an_unavailable_agent_is_refused_and_changes_nothing(engine):
    connect(engine)
    before = engine.state_hash()
    with pytest.raises(acd.FailedPrecondition) as e:
        engine.apply(acd.CallTransferToAgent(call=5, agent=2, time_ms=3000))  # logged out
    assert "agent" in str(e.value)
    with pytest.raises(acd.NotFound):
        engine.apply(acd.CallTransferToAgent(call=5, agent=99, time_ms=3000))
    assert engine.state_hash() == before


def test_a_supervisor_moves_a_waiting_call(engine):
    for call in (11, 12, 13):
        engine.apply(acd.CallArrive(call=call, time_ms=1000))
        engine.apply(acd.CallEnqueue(call=call, queue=0, time_ms=1000))
    assert [engine.call(c).position for c in (11, 12, 13)] == [1, 2, 3]
    engine.apply({"kind": "call_move", "call": 13, "position": 1, "time_ms": 2000})
    assert [engine.call(c).position for c in (13, 11, 12)] == [1, 2, 3]
    before = engine.state_hash()
    with pytest.raises(ValueError) as e:
        engine.apply(acd.CallMove(call=12, position=0, time_ms=3000))
    assert "position" in str(e.value)
    with pytest.raises(acd.NotFound):
        engine.apply(acd.CallMove(call=99, position=1, time_ms=3000))
    assert engine.state_hash() == before
    engine.apply(acd.AgentLogin(agent=1, time_ms=4000))
    assert engine.call(13).ringing == [1] and engine.call(13).position == 0


def test_an_attended_transfer_hands_the_caller_to_the_colleague(engine):
    connect(engine, call=5, agent=1)
    engine.apply(acd.AgentLogin(agent=2, time_ms=2500))
    engine.apply(acd.CallConsult(call=5, consult=6, agent=2, time_ms=3000))
    assert engine.call(5).on_hold and engine.call(5).consult == 6
    assert engine.call(6).consult_leg and engine.call(6).agent == 2
    assert engine.counts().consults == 1
    cmds = engine.apply({"kind": "call_consult_end", "call": 5, "complete": True,
                         "time_ms": 8000})
    connected = next(c for c in cmds if isinstance(c, acd.CallConnected))
    assert (connected.call, connected.agent, connected.transfer_from) == (5, 2, 1)
    leg = next(c for c in cmds if isinstance(c, acd.CallEnded))
    assert (leg.call, leg.disposition) == (6, "consult")
    assert engine.call(5).agent == 2 and not engine.call(5).on_hold
    assert engine.call(5).hold_ms == 5000


def test_a_consult_that_cannot_be_refuses_and_changes_nothing(engine):
    connect(engine, call=5, agent=1)
    before = engine.state_hash()
    with pytest.raises(acd.FailedPrecondition) as e:
        engine.apply(acd.CallConsult(call=5, consult=6, agent=2, time_ms=3000))  # logged out
    assert "agent" in str(e.value)
    with pytest.raises(acd.NotFound):
        engine.apply(acd.CallConsult(call=5, consult=6, queue=7, time_ms=3000))
    with pytest.raises(acd.FailedPrecondition):
        engine.apply(acd.CallConsultEnd(call=5, complete=True, time_ms=3000))
    assert engine.state_hash() == before


def test_a_caller_joins_at_a_requested_place(engine):
    for call in (11, 12, 13):
        engine.apply(acd.CallArrive(call=call, time_ms=1000))
        engine.apply(acd.CallEnqueue(call=call, queue=0, time_ms=1000))
    engine.apply(acd.CallArrive(call=14, time_ms=2000))
    engine.apply({"kind": "call_enqueue", "call": 14, "queue": 0, "position": 2,
                  "time_ms": 2000})
    assert [engine.call(c).position for c in (11, 14, 12, 13)] == [1, 2, 3, 4]


def test_a_wait_credit_orders_a_caller_as_if_it_had_come_earlier(engine):
    engine.apply(acd.CallArrive(call=21, time_ms=1000))
    engine.apply(acd.CallEnqueue(call=21, queue=0, time_ms=1000))
    engine.apply(acd.CallArrive(call=22, time_ms=5000))
    engine.apply(acd.CallEnqueue(call=22, queue=0, time_ms=5000))
    engine.apply(acd.CallArrive(call=23, time_ms=10000))
    engine.apply({"kind": "call_enqueue", "call": 23, "queue": 0, "wait_credit_ms": 6000,
                  "time_ms": 10000})
    assert [engine.call(c).position for c in (21, 23, 22)] == [1, 2, 3]
    engine.apply(acd.CallArrive(call=24, time_ms=11000))
    with pytest.raises(acd.InvalidArgument):
        engine.apply(acd.CallEnqueue(call=24, queue=0, wait_credit_ms=86_400_001, time_ms=11000))


def test_set_level_in_one_queue_or_all(engine):
    # Agent 3 is in desk and backoffice (level 10 in both); QueuePenalty's
    # penalty 2 is level 8.
    cmds = engine.apply(acd.AgentSetLevel(agent=3, queue=1, level=8, time_ms=1000))
    assert [(c.agent, c.queue, c.level) for c in cmds] == [(3, 1, 8)]
    assert isinstance(cmds[0], acd.AgentLevelChanged)
    cmds = engine.apply(acd.AgentSetLevel(agent=3, queue=None, level=8, time_ms=2000))
    assert [(c.agent, c.queue, c.level) for c in cmds] == [(3, 0, 8)]  # backoffice already 8
    assert engine.apply(acd.AgentSetLevel(agent=3, level=8, time_ms=3000)) == []
    event = acd.AgentSetLevel(agent=3, level=4)
    assert event.queue is None
    # A caller waiting for level 6 or better is offered to a raised agent at once.
    engine.apply(acd.AgentSetLevel(agent=2, queue=0, level=5, time_ms=4000))
    engine.apply(acd.AgentLogin(agent=2, time_ms=4000))
    engine.apply(acd.CallArrive(call=20, time_ms=4000))
    cmds = engine.apply(acd.CallEnqueue(call=20, queue=0, min_level=9, time_ms=4000))
    assert not any(isinstance(c, acd.Offer) for c in cmds)
    cmds = engine.apply(acd.AgentSetLevel(agent=2, queue=0, level=9, time_ms=6000))
    assert [type(c).__name__ for c in cmds][:2] == ["AgentLevelChanged", "Offer"]


def test_pause_in_one_queue(engine):
    # Agent 3 is in desk (0) and backoffice (1): paused in backoffice alone
    # (QueuePause with a Queue), it stays ready for desk.
    engine.apply(acd.AgentLogin(agent=3, time_ms=1000))
    cmds = engine.apply(acd.AgentNotReady(agent=3, reason="break", queue=1, time_ms=2000))
    assert [(type(c).__name__, c.queue, c.paused, c.reason) for c in cmds] == [
        ("AgentPauseChanged", 1, True, "break")]
    assert engine.agent(3).state == "ready"
    assert engine.agent(3).paused_queues == [(1, "break")]
    with pytest.raises(acd.FailedPrecondition):
        engine.apply(acd.AgentReady(agent=3, queue=0, time_ms=3000))  # not paused in desk
    cmds = engine.apply(acd.AgentReady(agent=3, time_ms=4000))  # everywhere: ends it
    assert [(c.queue, c.paused) for c in cmds if isinstance(c, acd.AgentPauseChanged)] == [
        (1, False)]
    assert engine.agent(3).paused_queues == []
    assert acd.AgentReady(agent=3).queue is None


def test_counters_of_each_queue(engine):
    # Agent 3 (desk and backoffice) answers a desk call: counted in desk's
    # counters alone (what a queue with counters_here_only orders by).
    engine.apply(acd.AgentLogin(agent=3, time_ms=1000))
    engine.apply(acd.CallArrive(call=5, time_ms=1000))
    engine.apply(acd.CallEnqueue(call=5, queue=0, time_ms=1000))
    assert engine.agent(3).load_by_media == {"voice": 1}  # the offer counts
    engine.apply(acd.CallAnswer(call=5, agent=3, time_ms=2000))
    engine.apply(acd.CallEndTalk(call=5, time_ms=6000))
    assert engine.agent(3).load_by_media == {}
    assert engine.agent(3).queue_counters == [
        {"queue": 0, "calls": 1, "talk_ms": 4000, "last_end_ms": 6000},
        {"queue": 1, "calls": 0, "talk_ms": 0, "last_end_ms": None}]
