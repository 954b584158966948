"""Shared fixtures: a two-queue center as a dict, and the repository's paths."""

import pathlib

import pytest

import acd

ROOT = pathlib.Path(__file__).resolve().parents[3]
CENTER_YAML = ROOT / "examples" / "centers" / "sales.yaml"
FORECAST_CSV = ROOT / "examples" / "planning" / "forecast.csv"
SCHEDULE_CSV = ROOT / "examples" / "planning" / "schedule.csv"

# Queue "desk" (id 0) and "backoffice" (id 1); agents 1 and 2 in desk, 3 in
# both; skills german (0) and french (1).
SMALL_CENTER = {
    "skills": ["german", "french"],
    "queues": [{"name": "desk"}, {"name": "backoffice"}],
    "agents": [
        {"id": 1, "queues": [{"queue": "desk"}], "skills": [{"skill": "german", "level": 5}]},
        {"id": 2, "queues": [{"queue": "desk"}]},
        {"id": 3, "queues": [{"queue": "desk"}, {"queue": "backoffice"}]},
    ],
}


@pytest.fixture
def engine():
    return acd.Engine(SMALL_CENTER, seed=7, check_invariants=True)


@pytest.fixture
def busy_engine(engine):
    """Agents 1 and 2 ready, call 10 talking to one of them, call 11 ringing, call
    12 arrived (in the IVR)."""
    engine.apply(acd.AgentLogin(agent=1, time_ms=1000))
    engine.apply(acd.AgentLogin(agent=2, time_ms=1000))
    engine.apply(acd.CallArrive(call=10, time_ms=2000))
    offers = engine.apply(acd.CallEnqueue(call=10, queue=0, time_ms=2000))
    offer = next(c for c in offers if isinstance(c, acd.Offer))
    engine.apply(acd.CallAnswer(call=10, agent=offer.agent, time_ms=3000))
    engine.apply(acd.CallArrive(call=11, time_ms=4000))
    engine.apply(acd.CallEnqueue(call=11, queue=0, time_ms=4000))
    engine.apply(acd.CallArrive(call=12, time_ms=4500))
    return engine
