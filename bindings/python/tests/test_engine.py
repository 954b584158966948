"""The engine through Python: events in, typed commands out, views, snapshots."""

import pathlib

import acd
from conftest import CENTER_YAML, SMALL_CENTER


def test_import_and_docs():
    assert "Engine" in acd.__all__
    assert acd.Engine.__module__ == "acd"
    assert "deterministic" in acd.Engine.__doc__
    assert acd.Engine.apply.__doc__


def test_config_forms_give_the_same_engine():
    text = CENTER_YAML.read_text()
    by_path = acd.Engine(str(CENTER_YAML))
    by_pathlike = acd.Engine(pathlib.Path(CENTER_YAML))
    by_text = acd.Engine(text)
    by_name = acd.Engine("sales")
    center = acd.load_center(CENTER_YAML)
    assert center.queue_names == by_name.queue_names and 101 in center.agent_ids
    by_center = acd.Engine(center)
    hashes = {e.state_hash() for e in (by_path, by_pathlike, by_text, by_name, by_center)}
    assert len(hashes) == 1
    json_engine = acd.Engine('{"queues": [{"name": "q"}], "agents": [{"id": "1", "queues": [{"queue": "q"}]}]}')
    assert json_engine.queue_names == ["q"]


def test_offer_answer_end(engine):
    cmds = engine.apply(acd.AgentLogin(agent=1, time_ms=1000))
    assert cmds == engine.apply(acd.AgentLogin(agent=2, time_ms=1000)) or True
    assert engine.apply(acd.CallArrive(call=5, time_ms=2000)) == []
    cmds = engine.apply(acd.CallEnqueue(call=5, queue=0, time_ms=2000))
    kinds = [c.kind for c in cmds]
    assert kinds[0] == "call_queued" and "offer" in kinds
    offer = next(c for c in cmds if isinstance(c, acd.Offer))
    assert offer.call == 5 and offer.queue == 0 and offer.time_ms == 2000
    assert engine.call(5).state == "offered"
    assert engine.call(5).ringing == [offer.agent]
    cmds = engine.apply(acd.CallAnswer(call=5, agent=offer.agent, time_ms=4000))
    connected = next(c for c in cmds if isinstance(c, acd.CallConnected))
    assert connected.wait_ms == 2000
    assert engine.agent(offer.agent).state == "talking"
    cmds = engine.apply(acd.CallEndTalk(call=5, time_ms=64000))
    ended = next(c for c in cmds if c.kind == "call_ended")
    assert ended.disposition == "answered" and ended.talk_ms == 60000
    counts = engine.counts()
    assert counts.arrived == 1 and counts.ended == 1
    assert counts.by_disposition["answered"] == 1
    stats = engine.queue_stats("desk")
    assert stats.answered == 1 and stats == engine.queue_stats(0)
    assert engine.now_ms == 64000


def test_dict_events_equal_typed_events():
    typed = acd.Engine(SMALL_CENTER)
    dicts = acd.Engine(SMALL_CENTER)
    events = [
        acd.AgentLogin(agent=3, time_ms=10),
        acd.CallArrive(call=1, time_ms=20, attributes=acd.CallAttributes(ani="555", vip=True)),
        acd.CallEnqueue(call=1, queue=1, priority=5, time_ms=20, skills_expr="!french"),
        acd.AgentNotReady(agent=3, reason="lunch", time_ms=30),
    ]
    out_typed = [typed.apply(e) for e in events]
    out_dicts = [dicts.apply(e.to_dict()) for e in events]
    assert out_typed == out_dicts
    assert typed.state_hash() == dicts.state_hash()
    assert events[1].to_dict()["attributes"].vip is True


def test_apply_all_and_time_defaults_to_now(engine):
    engine.advance_to(5000)
    cmds = engine.apply_all([acd.AgentLogin(agent=1), {"kind": "agent_login", "agent": 2}])
    assert [c.time_ms for c in cmds] == [5000, 5000]
    assert engine.agent(2).state == "ready"


def test_event_repr_and_eq():
    e = acd.CallTransfer(call=3, queue=1)
    assert repr(e) == "CallTransfer(call=3, queue=1, priority=0, time_ms=None, id=0)"
    assert e == acd.CallTransfer(call=3, queue=1)
    assert e != acd.CallTransfer(call=3, queue=0)
    e.priority = 9
    assert e.priority == 9 and acd.CallTransfer.kind == "call_transfer"


def event_classes():
    return [getattr(acd, n) for n in acd.__all__
            if isinstance(getattr(acd, n), type) and isinstance(getattr(getattr(acd, n), "id", None), property)
            and hasattr(getattr(acd, n), "kind")]


def test_every_event_class_round_trips_through_its_dict():
    classes = event_classes()
    assert len({c.kind for c in classes}) == len(classes) >= 17
    for cls in classes:
        event = cls(time_ms=5, id=9)
        fields = event.to_dict()
        assert fields.pop("kind") == cls.kind
        assert cls(**fields) == event, cls.__name__


def test_ring_timeout_through_advance_to(busy_engine):
    waiting = busy_engine.call(11)
    assert waiting.state == "offered"
    deadline = busy_engine.next_deadline_ms
    assert deadline is not None
    cmds = busy_engine.advance_to(deadline)
    assert any(c.kind == "cancel_offer" and c.reason == "ring_timeout" for c in cmds)


def test_snapshot_restore_same_future(busy_engine):
    snap = busy_engine.snapshot()
    assert isinstance(snap, bytes)
    twin = acd.Engine.restore(SMALL_CENTER, snap, seed=7)
    assert twin.state_hash() == busy_engine.state_hash()
    follow = [acd.CallHangup(call=11, time_ms=9000), acd.CallEndTalk(call=10, time_ms=9500)]
    assert [busy_engine.apply(e) for e in follow] == [twin.apply(e) for e in follow]
    assert twin.state_hash() == busy_engine.state_hash()


def test_same_seed_same_hash():
    def run():
        e = acd.Engine("sales", seed=5)
        for a in e.agents():
            e.apply(acd.AgentLogin(agent=a.id, time_ms=28_800_000))
        for i in range(1, 30):
            e.apply(acd.CallArrive(call=i, time_ms=28_800_000 + i * 1000,
                                   attributes={"digits": "1"}))
            e.apply(acd.CallClassify(call=i, time_ms=28_800_000 + i * 1000 + 500))
        return e.state_hash()
    assert run() == run()


def test_reconfigure_keeps_calls(busy_engine):
    changed = dict(SMALL_CENTER, queues=[{"name": "desk", "ring_timeout_ms": 20000},
                                         {"name": "backoffice"}])
    busy_engine.reconfigure(changed)
    assert busy_engine.call(10).state == "talking"


def test_refused_join_reaches_python_with_its_cause():
    engine = acd.Engine(
        '{"queues": [{"name": "q", "join_empty": {"factors": ["unavailable"],'
        ' "action": {"kind": "voicemail", "target": "box"}}}],'
        ' "agents": [{"id": "1", "queues": [{"queue": "q"}]}]}')
    engine.apply(acd.CallArrive(call=7, time_ms=1000))
    cmds = engine.apply(acd.CallEnqueue(call=7, queue=0, time_ms=1000))
    kinds = [c.kind for c in cmds]
    assert "call_queued" not in kinds
    route = next(c for c in cmds if isinstance(c, acd.RouteCall))
    assert route.cause == "join_empty" and route.path == "voicemail"
    ended = next(c for c in cmds if c.kind == "call_ended")
    assert ended.disposition == "voicemail" and not ended.queued


def test_a_busy_line_counted_as_a_miss_pauses_the_agent():
    # Asterisk's autopausebusy with autopause at every miss: the busy line
    # pauses the agent (no_answer); an unavailable device only rests it.
    engine = acd.Engine(
        '{"queues": [{"name": "q", "max_misses": 1, "auto_pause_busy": true}],'
        ' "agents": [{"id": "1", "queues": [{"queue": "q"}]},'
        ' {"id": "2", "queues": [{"queue": "q"}]}]}', check_invariants=True)
    engine.apply(acd.AgentLogin(agent=1, time_ms=0))
    engine.apply(acd.AgentLogin(agent=2, time_ms=500))
    engine.apply(acd.CallArrive(call=7, time_ms=1000))
    offer = next(c for c in engine.apply(acd.CallEnqueue(call=7, queue=0, time_ms=1000))
                 if isinstance(c, acd.Offer))
    assert offer.agent == 1
    cmds = engine.apply(acd.CallDecline(call=7, agent=1, reason="unavailable", time_ms=2000))
    assert engine.agent(1).state == "ready"
    offer = next(c for c in cmds if isinstance(c, acd.Offer))
    assert offer.agent == 2
    engine.apply(acd.CallDecline(call=7, agent=2, reason="busy", time_ms=3000))
    assert (engine.agent(2).state, engine.agent(2).reason) == ("not_ready", "no_answer")


def test_level_bounds_rule_moves_the_callers_bounds():
    # queuerules.conf's "penaltychange => 30,+3" on acd's scale: the
    # minimum level drops by 3 at 30 s; a cap lets better members count
    # as lower.
    engine = acd.Engine(
        "skills: [s]\n"
        "queues:\n"
        "  - name: q\n"
        "    skill: s\n"
        "    rules:\n"
        "      - {name: start, action: set_level_bounds, min_level_change: '9',\n"
        "         max_level_change: '9', level_cap_change: '9'}\n"
        "      - {name: wider, after_ms: 30000, action: set_level_bounds,\n"
        "         min_level_change: '-3', level_cap_change: '-3'}\n"
        "agents:\n"
        "  - {id: 1, skills: [{skill: s, level: 6}], queues: [{queue: q}]}\n"
    )
    engine.apply(acd.AgentLogin(agent=1, time_ms=0))
    engine.apply(acd.CallArrive(call=5, time_ms=0))
    engine.apply(acd.CallEnqueue(call=5, queue=0, time_ms=0))
    view = engine.call(5)
    assert (view.state, view.min_level, view.max_level, view.level_cap) == ("waiting", 9, 9, 9)
    engine.advance_to(30000)
    view = engine.call(5)
    assert (view.state, view.min_level, view.max_level, view.level_cap) == ("offered", 6, 9, 6)
