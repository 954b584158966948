"""Every bad input: the exception class, a message naming the field and the
reason, and an engine left exactly as it was (equal state_hash)."""

import pytest

import acd
from conftest import SMALL_CENTER

# (event, exception class, words the message must hold)
BAD_EVENTS = [
    (acd.CallAnswer(call=99, agent=1, time_ms=5000), acd.NotFound, ["call", "99"]),
    (acd.CallHangup(call=12345, time_ms=5000), acd.NotFound, ["call"]),
    (acd.AgentLogin(agent=42, time_ms=5000), acd.NotFound, ["agent", "42"]),
    (acd.CallEnqueue(call=11, queue=0, time_ms=5000), acd.FailedPrecondition, ["call"]),
    (acd.CallArrive(call=13, time_ms=10), acd.InvalidArgument, ["time"]),
    (acd.CallArrive(call=10, time_ms=5000), acd.AlreadyExists, ["call"]),
    (acd.CallArrive(call=0, time_ms=5000), acd.InvalidArgument, ["call"]),
    (acd.CallTransfer(call=10, queue=7, time_ms=5000), acd.NotFound, ["queue"]),
    (acd.CallEnqueue(call=12, queue=0, skills_expr="german &", time_ms=5000),
     acd.InvalidArgument, ["skills_expr"]),
    (acd.CallEnqueue(call=12, queue=0, skills_expr="klingon", time_ms=5000),
     acd.InvalidArgument, ["skills_expr", "klingon"]),
    (acd.CallEnqueue(call=12, queue=0, priority=5000, time_ms=5000),
     acd.Error, ["priority"]),
    (acd.AgentSetSkills(agent=1, skills=[(9, 5)], time_ms=5000), acd.Error, ["skill"]),
    (acd.AgentSetSkills(agent=1, skills=[(0, 11)], time_ms=5000), acd.InvalidArgument, ["level"]),
    (acd.AgentSetLevel(agent=1, queue=0, level=11, time_ms=5000), acd.InvalidArgument, ["level"]),
    (acd.AgentSetLevel(agent=1, queue=1, level=5, time_ms=5000), acd.FailedPrecondition,
     ["queue", "not a member"]),
    (acd.AgentSetLevel(agent=1, queue=9, level=5, time_ms=5000), acd.NotFound, ["queue"]),
    ({"kind": "teleport", "call": 1}, acd.InvalidArgument, ["kind", "teleport"]),
    ({"call": 1}, acd.InvalidArgument, ["kind"]),
    ({"kind": "call_hangup", "call": 10, "colour": "red"}, acd.InvalidArgument,
     ["call_hangup", "colour"]),
    ({"kind": "call_hangup", "call": "ten"}, acd.InvalidArgument, ["call_hangup.call", "integer"]),
    (42, acd.InvalidArgument, ["event"]),
    ("call_arrive", acd.InvalidArgument, ["event"]),
]


@pytest.mark.parametrize("event,error,words", BAD_EVENTS, ids=[repr(e[0])[:40] for e in BAD_EVENTS])
def test_bad_event_changes_nothing(busy_engine, event, error, words):
    before = busy_engine.state_hash()
    counts = busy_engine.counts()
    with pytest.raises(error) as info:
        busy_engine.apply(event)
    for word in words:
        assert word in str(info.value), str(info.value)
    assert busy_engine.state_hash() == before
    assert busy_engine.counts() == counts


def test_exception_hierarchy():
    assert issubclass(acd.InvalidArgument, ValueError)
    assert issubclass(acd.InvalidArgument, acd.Error)
    assert issubclass(acd.NotFound, LookupError)
    assert issubclass(acd.AlreadyExists, ValueError)
    assert issubclass(acd.FailedPrecondition, RuntimeError)
    assert issubclass(acd.DataLoss, ValueError)
    assert issubclass(acd.ResourceExhausted, RuntimeError)


def test_repeated_event_id_is_refused_and_changes_nothing(busy_engine):
    busy_engine.apply(acd.CallArrive(call=20, id=77, time_ms=5000))
    before = busy_engine.state_hash()
    with pytest.raises(acd.AlreadyExists):
        busy_engine.apply(acd.CallArrive(call=21, id=77, time_ms=5000))
    assert busy_engine.state_hash() == before


@pytest.mark.parametrize("kwargs,words", [
    ({"call": -1}, ["call_arrive.call", "-1"]),
    ({"call": 2**64}, ["call_arrive.call"]),
    ({"call": 1.5}, ["call_arrive.call", "integer"]),
    ({"call": True}, ["call_arrive.call", "integer"]),
    ({"time_ms": "soon"}, ["call_arrive.time_ms"]),
    ({"id": -3}, ["call_arrive.id"]),
    ({"attributes": 5}, ["attributes"]),
    # A name that could be a label waits for the engine's center (test_labels.py).
    ({"attributes": {"intent": "to steal"}}, ["intent", "steal", "buy"]),
    ({"attributes": {"vip": "yes"}}, ["vip", "True or False"]),
    ({"attributes": {"ani": 555}}, ["ani", "string"]),
    ({"attributes": {"shoe_size": 9}}, ["shoe_size"]),
    ({"colour": "red"}, ["call_arrive", "colour", "attributes"]),
])
def test_bad_fields_are_refused_at_construction(kwargs, words):
    with pytest.raises(acd.InvalidArgument) as info:
        acd.CallArrive(**kwargs)
    for word in words:
        assert word in str(info.value), str(info.value)


@pytest.mark.parametrize("cls,kwargs,words", [
    (acd.AgentNotReady, {"reason": "Nap!"}, ["agent_not_ready.reason", "lunch"]),
    (acd.CallDecline, {"reason": "tired"}, ["call_decline.reason", "busy", "unavailable"]),
    (acd.CallRoute, {"disposition": "lost"}, ["call_route.disposition", "voicemail"]),
    (acd.CallbackResult, {"outcome": 3}, ["callback_result.outcome", "connected"]),
    (acd.CallEnqueue, {"queue": 2**32}, ["call_enqueue.queue"]),
    (acd.CallEnqueue, {"priority": 2**31}, ["call_enqueue.priority"]),
    (acd.CallEnqueue, {"required_skills": "german"}, ["required_skills", "pairs"]),
    (acd.CallEnqueue, {"required_skills": [(0,)]}, ["required_skills[0]"]),
    (acd.CallEnqueue, {"required_skills": [{"skill": 0, "lvl": 3}]}, ["required_skills[0]", "lvl"]),
    (acd.CallEnqueue, {"skills_expr": 7}, ["call_enqueue.skills_expr", "string"]),
    (acd.AgentLogin, {"ready": "no"}, ["agent_login.ready"]),
])
def test_bad_field_values(cls, kwargs, words):
    with pytest.raises(acd.InvalidArgument) as info:
        cls(**kwargs)
    for word in words:
        assert word in str(info.value), str(info.value)


def test_setter_checks_and_keeps_the_old_value():
    e = acd.CallHangup(call=3)
    with pytest.raises(acd.InvalidArgument):
        e.call = -1
    assert e.call == 3


def test_commands_and_views_are_read_only(busy_engine):
    cmd = busy_engine.apply(acd.CallHangup(call=11, time_ms=6000))[0]
    with pytest.raises(AttributeError):
        cmd.call = 3
    with pytest.raises(AttributeError):
        busy_engine.agent(1).state = "ready"


def test_bad_advance_and_views(busy_engine):
    before = busy_engine.state_hash()
    with pytest.raises(acd.InvalidArgument) as info:
        busy_engine.advance_to(10)
    assert "time" in str(info.value)
    with pytest.raises(acd.NotFound):
        busy_engine.agent(999)
    with pytest.raises(acd.NotFound):
        busy_engine.call(999)
    with pytest.raises(acd.NotFound) as info:
        busy_engine.queue_stats("nowhere")
    assert "nowhere" in str(info.value)
    with pytest.raises(acd.NotFound):
        busy_engine.queue_stats(9)
    with pytest.raises(acd.InvalidArgument):
        busy_engine.queue_stats(-1)
    with pytest.raises(TypeError):
        busy_engine.advance_to("later")
    assert busy_engine.state_hash() == before


def test_bad_configs():
    with pytest.raises(acd.InvalidArgument) as info:
        acd.Engine({"queues": [{"name": "a", "strategy": "fastest"}]})
    assert "strategy" in str(info.value)
    with pytest.raises(acd.InvalidArgument) as info:
        acd.Engine({"queues": [{"name": "a"}], "agents": [{"id": 1, "queues": [{"queue": "b"}]}]})
    assert "queue" in str(info.value) and '"b"' in str(info.value)
    with pytest.raises(acd.NotFound) as info:
        acd.Engine("/no/such/center.yaml")
    assert "/no/such/center.yaml" in str(info.value)
    with pytest.raises(acd.NotFound) as info:
        acd.Engine("marketing")
    assert "sales" in str(info.value)
    with pytest.raises(acd.InvalidArgument):
        acd.Engine("queues: [1, 2")
    with pytest.raises(acd.InvalidArgument):
        acd.Engine('{"queues": 3}')
    with pytest.raises(acd.InvalidArgument) as info:
        acd.Engine(42)
    assert "config" in str(info.value)
    with pytest.raises(TypeError):
        acd.Engine(SMALL_CENTER, seed=-1)


def test_bad_reconfigure_changes_nothing(busy_engine):
    before = busy_engine.state_hash()
    with pytest.raises(acd.Error):
        busy_engine.reconfigure({"queues": [{"name": "backoffice"}], "agents": []})
    with pytest.raises(acd.InvalidArgument):
        busy_engine.reconfigure({"queues": [{"name": "x", "strategy": "fastest"}]})
    assert busy_engine.state_hash() == before


def test_bad_snapshots(busy_engine):
    snap = busy_engine.snapshot()
    bad_magic = bytes([snap[0] ^ 0xFF]) + snap[1:]
    with pytest.raises(acd.DataLoss) as info:
        acd.Engine.restore(SMALL_CENTER, bad_magic)
    assert "magic" in str(info.value)
    bad_end = snap[:-1] + bytes([snap[-1] ^ 0xFF])
    with pytest.raises(acd.DataLoss) as info:
        acd.Engine.restore(SMALL_CENTER, bad_end)
    assert "offset" in str(info.value)
    with pytest.raises(acd.DataLoss):
        acd.Engine.restore(SMALL_CENTER, snap[: len(snap) // 2])
    with pytest.raises(acd.FailedPrecondition):
        acd.Engine.restore("sales", snap)
    with pytest.raises(TypeError):
        acd.Engine.restore(SMALL_CENTER, "not bytes")


def test_rejected_event_keeps_the_commands_of_timers_it_fired(busy_engine):
    # As in the library: timers due by a rejected event's time fire; their
    # commands come back with the next call that succeeds.
    deadline = busy_engine.next_deadline_ms
    with pytest.raises(acd.NotFound):
        busy_engine.apply(acd.CallHangup(call=999, time_ms=deadline))
    assert busy_engine.now_ms == deadline
    cmds = busy_engine.advance_to(deadline)
    assert any(c.kind == "cancel_offer" and c.reason == "ring_timeout" for c in cmds)


def test_apply_all_names_the_failing_index(engine):
    with pytest.raises(acd.NotFound) as info:
        engine.apply_all([acd.AgentLogin(agent=1, time_ms=10), acd.AgentLogin(agent=77, time_ms=10)])
    assert str(info.value).startswith("events[1]: ")
    assert engine.agent(1).state == "ready"  # the first one stays applied
    cmds = engine.advance_to(20)
    assert [c.kind for c in cmds] == ["agent_state_changed"]  # its command, not lost
    with pytest.raises(acd.InvalidArgument) as info:
        engine.apply_all([acd.AgentLogin(agent=2), "junk"])
    assert str(info.value).startswith("events[1]: event: expected")
