"""The simulator through Python: forecasts in every form give the same runs,
per-interval arrays, replications with progress, the GIL released."""

import threading
import time

import numpy as np
import pytest

import acd
from conftest import CENTER_YAML, FORECAST_CSV, SCHEDULE_CSV

STARTS = ["08:00", "08:15", "08:30", "08:45"]
CALLS = [10.0, 12.5, 14.0, 9.0]


def columns_csv():
    rows = "\n".join(f"{s},{c!r}" for s, c in zip(STARTS, CALLS))
    return "interval_start,calls\n" + rows + "\n"


def test_forecast_forms_give_the_same_day():
    forms = [
        columns_csv(),
        {"interval_start": STARTS, "calls": CALLS},
        {"interval_start": np.array([480, 495, 510, 525]), "calls": np.array(CALLS)},
        acd.Forecast.from_columns(STARTS, CALLS),
        acd.Forecast.parse(columns_csv()),
    ]
    hashes = {acd.simulate_day("sales", f, seed=3).state_hash for f in forms}
    assert len(hashes) == 1


def test_forecast_from_pandas():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"interval_start": STARTS, "calls": CALLS, "aht_s": [200.0] * 4})
    by_frame = acd.simulate_day("sales", frame, seed=3)
    by_dict = acd.simulate_day("sales", {"interval_start": STARTS, "calls": CALLS,
                                         "aht_s": [200.0] * 4}, seed=3)
    assert by_frame.state_hash == by_dict.state_hash
    table = by_frame.to_pandas()
    assert list(table["start"]) == STARTS
    assert np.array_equal(table["answered"].to_numpy(), by_frame.intervals["answered"])


def test_forecast_properties():
    f = acd.Forecast.read(FORECAST_CSV)
    assert f.interval_minutes == 15 and f.days == 1 and len(f) == 40
    assert f.start_ms[0] == 8 * 3_600_000
    assert f.calls_per_hour[0] == pytest.approx(f.calls[0] * 4)
    assert "queue:sales" in f.mix_names
    assert np.isnan(f.aht_s).all()


def test_day_from_files_matches_the_run_it_reports():
    run = acd.simulate_day(str(CENTER_YAML), str(FORECAST_CSV), str(SCHEDULE_CSV), seed=1)
    again = acd.simulate_day("sales", FORECAST_CSV, SCHEDULE_CSV.read_text(), seed=1)
    assert run.state_hash == again.state_hash
    center = acd.load_center("sales")
    schedule = acd.load_schedule(SCHEDULE_CSV, center)
    assert len(schedule) > 0 and set(schedule.agents) <= set(center.agent_ids)
    loaded = acd.simulate_day(center, acd.Forecast.read(FORECAST_CSV), schedule, seed=1)
    assert loaded.state_hash == run.state_hash
    other_seed = acd.simulate_day("sales", FORECAST_CSV, SCHEDULE_CSV, seed=2)
    assert other_seed.state_hash != run.state_hash
    iv = run.intervals
    assert len(run.interval_start_ms) == 40 and iv["offered"].shape == (40,)
    assert iv["arrived"].sum() == run.calls_arrived
    sl = iv["service_level"]
    assert np.all((sl >= 0) & (sl <= 1))
    assert run.totals["answered"] == iv["answered"].sum()
    assert run.counts.arrived == run.calls_arrived
    assert run.events_applied > run.calls_arrived


def test_default_morning_without_forecast():
    run = acd.simulate_day("sales", seed=4, interval_minutes=30)
    assert run.interval_minutes == 30 and run.calls_arrived > 100
    assert run.start_ms == 8 * 3_600_000 and run.end_ms == 12 * 3_600_000


def test_replications_and_progress():
    seen = []
    plan = acd.simulate("sales", {"interval_start": STARTS, "calls": CALLS}, replications=5,
                        seed=9, threads=2, progress=lambda done, total: seen.append((done, total)))
    assert sorted(seen) == [(i, 5) for i in range(1, 6)]
    assert plan.replications == 5 and plan.days == 1 and len(plan.runs) == 5
    assert plan.mean["answered"].shape == (4,) and plan.half_width["answered"].shape == (4,)
    per_run = np.array([r.intervals["answered"] for r in plan.runs])
    assert np.allclose(plan.mean["answered"], per_run.mean(axis=0))
    mean, half_width, n = plan.per_day["answered"]
    assert n == 5 and mean == pytest.approx(per_run.sum(axis=1).mean())
    # The same seed on one thread: the same runs.
    again = acd.simulate("sales", {"interval_start": STARTS, "calls": CALLS}, replications=5,
                         seed=9, threads=1)
    assert [r.state_hash for r in again.runs] == [r.state_hash for r in plan.runs]
    assert list(acd.kpi_names())[:3] == ["attempts", "retrials", "blocked"]


def test_time_to_reach_a_seller_follows_the_center_files_sellers():
    forecast = {"interval_start": STARTS, "calls": CALLS}
    sales = acd.simulate("sales", forecast, replications=2, seed=3, threads=1)
    mean, _, n = sales.per_day["time_to_seller_s"]
    assert n == 2 and mean > 0
    # The same center without its `sellers` entry has no such figure.
    text = CENTER_YAML.read_text(encoding="utf-8")
    assert "sellers: {queue: sales}" in text
    none = acd.simulate(text.replace("sellers: {queue: sales}", ""), forecast, replications=2,
                        seed=3, threads=1)
    assert none.per_day["time_to_seller_s"][2] == 0


def test_plan_to_pandas():
    pytest.importorskip("pandas")
    plan = acd.simulate("sales", FORECAST_CSV, replications=2, threads=1)
    table = plan.to_pandas()
    assert len(table) == 40 and "service_level_hw" in table.columns
    assert table["start"].iloc[0] == "08:00"


def test_progress_error_is_raised_after_the_run():
    def boom(done, total):
        raise KeyError("stop")
    with pytest.raises(KeyError):
        acd.simulate("sales", {"interval_start": STARTS, "calls": CALLS}, replications=3,
                     threads=1, progress=boom)


def test_gil_is_released_during_runs():
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    try:
        start = time.perf_counter()
        acd.simulate("sales", FORECAST_CSV, replications=20, days=5, threads=1)
        end = time.perf_counter()
    finally:
        stop.set()
        t.join()
    during = [x for x in ticks if start < x < end]
    # A run that held the GIL would let the ticker run once at most.
    assert end - start > 0.05
    assert len(during) >= 5, (len(during), end - start)


@pytest.mark.parametrize("call,error,words", [
    (lambda: acd.simulate_day("sales", {"interval_start": STARTS, "calls": [1, 2, -3, 4]}),
     acd.InvalidArgument, ["row 2", "calls", "-3"]),
    (lambda: acd.simulate_day("sales", {"interval_start": STARTS, "calls": [1, 2]}),
     acd.InvalidArgument, ["calls", "2 values", "4"]),
    (lambda: acd.simulate_day("sales", {"interval_start": ["08:00", "08:07"], "calls": [1, 2]}),
     acd.InvalidArgument, ["interval"]),
    (lambda: acd.simulate_day("sales", {"interval_start": ["8 o'clock"], "calls": [1]}),
     acd.InvalidArgument, ["interval_start"]),
    (lambda: acd.simulate_day("sales", {"interval_start": [2000], "calls": [1]}),
     acd.InvalidArgument, ["interval_start[0]", "1440"]),
    (lambda: acd.simulate_day("sales", {"interval_start": STARTS, "calls": ["x"] * 4}),
     acd.InvalidArgument, ["calls[0]", "number"]),
    (lambda: acd.simulate_day("sales", {"calls": CALLS}), acd.InvalidArgument, ["interval_start"]),
    (lambda: acd.simulate_day("sales", {"interval_start": STARTS, "calls": CALLS, "mood": [1] * 4}),
     acd.InvalidArgument, ["mood"]),
    (lambda: acd.simulate_day("sales", {"interval_start": STARTS, "calls": CALLS,
                                        "queue:nowhere": [1] * 4}),
     acd.InvalidArgument, ["nowhere"]),
    (lambda: acd.simulate_day("sales", "/no/such/forecast.csv"), acd.NotFound, ["forecast.csv"]),
    (lambda: acd.Forecast.read("/no/such/forecast.csv"), acd.NotFound, ["forecast.csv"]),
    (lambda: acd.Forecast.parse("interval_start,calls\n08:00,ten\n", name="f.csv"),
     acd.InvalidArgument, ["f.csv:2:2", "calls", "ten"]),
    (lambda: acd.Forecast.from_columns(STARTS, CALLS, aht_s=[1, 2]), acd.InvalidArgument,
     ["aht_s", "2 values"]),
    (lambda: acd.Forecast.from_columns(STARTS, CALLS, mix=[1, 2]), acd.InvalidArgument, ["mix"]),
    (lambda: acd.Forecast.from_columns("08:00", CALLS), acd.InvalidArgument, ["interval_start"]),
    (lambda: acd.simulate_day("sales", 3.5), acd.InvalidArgument, ["forecast"]),
    (lambda: acd.simulate_day("sales", FORECAST_CSV, "agent,login,logout\nNobody,08:00,09:00\n"),
     acd.InvalidArgument, ["Nobody"]),
    (lambda: acd.simulate_day("sales", FORECAST_CSV, 7), acd.InvalidArgument, ["schedule"]),
    (lambda: acd.load_schedule(None, "sales"), acd.InvalidArgument, ["schedule"]),
    (lambda: acd.load_schedule("/no/such/schedule.csv", "sales"), acd.NotFound, ["schedule.csv"]),
    (lambda: acd.simulate_day("sales", FORECAST_CSV, day=3), acd.InvalidArgument, ["day"]),
    (lambda: acd.simulate_day("sales", sl_threshold_s=-1), acd.InvalidArgument, ["sl_threshold_s"]),
    (lambda: acd.simulate_day("sales", interval_minutes=7), acd.InvalidArgument, ["interval_minutes"]),
    (lambda: acd.simulate_day("sales", patience_s=0), acd.InvalidArgument, ["patience_s"]),
    (lambda: acd.simulate("sales", FORECAST_CSV, replications=1), acd.InvalidArgument,
     ["replications"]),
    (lambda: acd.simulate("sales", FORECAST_CSV, days=0), acd.InvalidArgument, ["days"]),
    (lambda: acd.simulate("sales", FORECAST_CSV, threads=-2), acd.InvalidArgument, ["threads"]),
    (lambda: acd.simulate("sales", FORECAST_CSV, progress=5), acd.InvalidArgument, ["progress"]),
])
def test_bad_simulation_inputs(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value), str(info.value)
