"""A center's own labels (issue 12): not-ready reasons and intents declared in
the center file travel by name through events, commands and views; a name
the engine's center does not declare is refused, the engine unchanged."""

import pytest

import acd

LABELLED = {
    "labels": {"not_ready_reasons": ["coaching", "admin"], "intents": ["billing", "cancel"]},
    "queues": [{"name": "desk"}, {"name": "billing"}],
    "agents": [{"id": 1, "queues": [{"queue": "desk"}]},
               {"id": 2, "queues": [{"queue": "billing"}]}],
    "entry_rules": [{"name": "money", "match": {"intents": ["billing"]},
                     "route": {"kind": "queue", "queue": "billing"}}],
    "entry_default": {"kind": "queue", "queue": "desk"},
}


def test_a_declared_reason_goes_in_and_comes_out_by_name():
    engine = acd.Engine(LABELLED, check_invariants=True)
    engine.apply(acd.AgentLogin(agent=1, time_ms=1000))
    cmds = engine.apply(acd.AgentNotReady(agent=1, reason="coaching", time_ms=2000))
    change = next(c for c in cmds if c.kind == "agent_state_changed")
    assert change.state == "not_ready" and change.reason == "coaching"
    assert engine.agent(1).reason == "coaching"
    assert [a.reason for a in engine.agents()] == ["coaching", "none"]
    engine.apply({"kind": "agent_not_ready", "agent": 1, "reason": "admin", "time_ms": 3000})
    assert engine.agent(1).reason == "admin"
    engine.apply(acd.AgentNotReady(agent=1, reason="lunch", time_ms=4000))
    assert engine.agent(1).reason == "lunch"


def test_a_declared_intent_routes_by_entry_rule():
    engine = acd.Engine(LABELLED, check_invariants=True)
    engine.apply(acd.CallArrive(call=5, attributes={"intent": "cancel"}, time_ms=1000))
    cmds = engine.apply(acd.CallClassify(call=5, intent="billing", time_ms=2000))
    queued = next(c for c in cmds if c.kind == "call_queued")
    assert engine.queue_names[queued.queue] == "billing"
    assert acd.CallClassify(call=5, intent="billing").intent == "billing"


def test_an_undeclared_label_is_refused_and_the_engine_unchanged():
    engine = acd.Engine(LABELLED)
    engine.apply(acd.AgentLogin(agent=1, time_ms=1000))
    before = engine.state_hash()
    with pytest.raises(acd.InvalidArgument) as error:
        engine.apply(acd.AgentNotReady(agent=1, reason="coffee", time_ms=2000))
    assert str(error.value) == (
        "agent_not_ready.reason: 'coffee' is not a not-ready reason of this center; it declares "
        "none, unspecified, break, lunch, training, meeting, no_answer, coaching, admin")
    with pytest.raises(acd.InvalidArgument, match="call_arrive.attributes.intent: 'refund'"):
        engine.apply(acd.CallArrive(call=5, attributes={"intent": "refund"}, time_ms=2000))
    assert engine.state_hash() == before
    # The same name is fine for a center that declares it.
    plain = acd.Engine({"queues": [{"name": "q"}], "agents": [{"id": 1, "queues": [{"queue": "q"}]}],
                        "labels": {"not_ready_reasons": ["coffee"]}})
    plain.apply(acd.AgentLogin(agent=1, time_ms=1000))
    plain.apply(acd.AgentNotReady(agent=1, reason="coffee", time_ms=2000))
    assert plain.agent(1).reason == "coffee"


def test_a_name_that_cannot_be_a_label_is_refused_at_once():
    with pytest.raises(acd.InvalidArgument, match="agent_not_ready.reason: expected one of"):
        acd.AgentNotReady(agent=1, reason="Coffee Break")
    with pytest.raises(acd.InvalidArgument, match="call_classify.intent"):
        acd.CallClassify(call=1, intent=3)


def test_a_reload_keeps_a_label_in_use():
    engine = acd.Engine(LABELLED)
    engine.apply(acd.AgentLogin(agent=1, time_ms=1000))
    engine.apply(acd.AgentNotReady(agent=1, reason="admin", time_ms=2000))
    dropped = dict(LABELLED, labels={"not_ready_reasons": ["coaching"], "intents": ["billing"]})
    with pytest.raises(acd.FailedPrecondition, match="labels.not_ready_reasons: 'admin'"):
        engine.reconfigure(dropped)
    engine.apply(acd.AgentReady(agent=1, time_ms=3000))
    engine.reconfigure(dropped)
    assert engine.agent(1).reason == "none"


def test_labels_survive_the_snapshot():
    engine = acd.Engine(LABELLED)
    engine.apply(acd.AgentLogin(agent=1, time_ms=1000))
    engine.apply(acd.AgentNotReady(agent=1, reason="coaching", time_ms=2000))
    restored = acd.Engine.restore(LABELLED, engine.snapshot())
    assert restored.agent(1).reason == "coaching"
    assert restored.state_hash() == engine.state_hash()
