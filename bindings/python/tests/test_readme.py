"""The README's notebook-style example runs as written, and prints what its
comments say."""

import contextlib
import io
import os
import re

from conftest import ROOT


def test_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Python"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        scope = {}
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), scope)
    finally:
        os.chdir(cwd)
    printed = out.getvalue()
    assert "refused: agent: 999 is not in the roster" in printed
    assert "Offer(time_ms=28816000, call=1, agent=111, queue=1" in printed
    assert list(scope["needed"]["agents"][:8]) == [5, 6, 7, 8, 9, 10, 10, 11]
    mean, half_width, n = scope["plan"].per_day["answered"]
    assert (round(mean, 1), round(half_width, 1), n) == (665.2, 11.1, 20)
