"""Erlang B, C, A and the staffing solver over numpy arrays: each element is
the library's scalar answer, shapes broadcast, bad elements are named."""

import math

import numpy as np
import pytest

import acd


def test_erlang_b_known_values_and_shapes():
    assert acd.erlang_b(0, 1.0) == 1.0
    assert acd.erlang_b(5, 0.0) == 0.0
    # B(1, a) = a / (1 + a)
    assert acd.erlang_b(1, 3.0) == pytest.approx(0.75)
    grid = acd.erlang_b(np.arange(1, 7).reshape(2, 3), np.array([[2.0], [4.0]]))
    assert grid.shape == (2, 3)
    assert grid[0, 0] == pytest.approx(2.0 / 3.0)
    assert isinstance(acd.erlang_b(3, 2.0), float)


def test_erlang_c_vector_equals_scalars():
    agents = np.arange(9, 16)
    out = acd.erlang_c(180.0, 180.0, agents, threshold_s=20)
    assert out["service_level"].shape == (7,)
    for i, n in enumerate(agents):
        one = acd.erlang_c(180.0, 180.0, int(n))
        assert out["service_level"][i] == one["service_level"]
        assert out["asa_s"][i] == one["asa_s"]
    assert np.all(np.diff(out["service_level"]) > 0)
    assert out["erlangs"][0] == pytest.approx(9.0)
    # Unstable: 9 erlangs on 9 agents.
    assert not out["stable"][0] and math.isinf(out["asa_s"][0])


def test_erlang_a_limits():
    c = acd.erlang_c(120, 180, 7)
    a = acd.erlang_a(120, 180, 7, patience_s=math.inf)
    assert a["service_level"] == pytest.approx(c["service_level"])
    impatient = acd.erlang_a(120, 180, 7, patience_s=np.array([30.0, 90.0, 300.0]))
    assert np.all(impatient["p_abandon"] > 0)
    assert np.all(np.diff(impatient["p_abandon"]) < 0)


def test_solve_staffing_vectorised():
    cph = np.array([60.0, 120.0, 240.0])
    out = acd.solve_staffing(cph, 180.0, service_level=0.8, threshold_s=20)
    for i in range(3):
        n = int(out["agents"][i])
        assert acd.erlang_c(cph[i], 180, n)["service_level"] >= 0.8
        assert acd.erlang_c(cph[i], 180, n - 1)["service_level"] < 0.8
    a = acd.solve_staffing(cph, 180.0, model="erlang_a", patience_s=60.0, abandon_max=0.05)
    assert np.all(a["p_abandon"] <= 0.05)
    assert acd.headcount(10, 0.3) == 15
    assert list(acd.headcount(np.array([10, 20]), 0.5)) == [20, 40]


@pytest.mark.parametrize("call,words", [
    (lambda: acd.erlang_c([100, 100], [180, -1], 8), ["element 1", "aht_s"]),
    (lambda: acd.erlang_c(100, 180, 8.5), ["agents", "whole"]),
    (lambda: acd.erlang_c(-5, 180, 8), ["calls_per_hour"]),
    (lambda: acd.erlang_c([1, 2, 3], [1, 2], 8), ["do not broadcast"]),
    (lambda: acd.erlang_c("many", 180, 8), ["calls_per_hour", "number"]),
    (lambda: acd.erlang_a(100, 180, 8, patience_s=-1), ["patience"]),
    (lambda: acd.erlang_b(-1, 2.0), ["lines"]),
    (lambda: acd.erlang_b(3, math.nan), ["erlangs"]),
    (lambda: acd.solve_staffing(100, 180, model="erlang_x"), ["model", "erlang_x"]),
    (lambda: acd.solve_staffing(100, 180, service_level=1.5), ["service_level"]),
    (lambda: acd.solve_staffing(100, 180, model="erlang_a"), ["patience"]),
    (lambda: acd.headcount(10, 1.0), ["shrinkage"]),
])
def test_bad_inputs(call, words):
    with pytest.raises(acd.InvalidArgument) as info:
        call()
    for word in words:
        assert word in str(info.value), str(info.value)
