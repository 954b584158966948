"""examples/planning/staffing.py writes its PNG and never over an input."""

import shutil
import subprocess
import sys

from conftest import FORECAST_CSV, ROOT

SCRIPT = ROOT / "examples" / "planning" / "staffing.py"


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), "--replications", "2", *args],
                          capture_output=True, text=True)


def test_writes_a_png(tmp_path):
    out = tmp_path / "plot.png"
    result = run("--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"wrote {out}" in result.stdout


def test_refuses_to_write_over_its_input(tmp_path):
    forecast = tmp_path / "forecast.csv"
    shutil.copyfile(FORECAST_CSV, forecast)
    before = forecast.read_bytes()
    result = run("--forecast", str(forecast), "--out", str(forecast))
    assert result.returncode != 0
    assert "is one of the inputs" in result.stderr
    assert forecast.read_bytes() == before
