"""The type stubs (acd/__init__.pyi) declare exactly the module's public names,
and every public class and function has a docstring for help()."""

import ast
import pathlib

import acd

STUBS = pathlib.Path(__file__).resolve().parents[1] / "acd" / "__init__.pyi"
# Names the stubs define for their own use only.
STUB_ONLY = {"Config", "SkillLevels", "AgentStateName", "ReasonName", "IntentName",
             "DispositionName", "DialOutcomeName", "EndedByName", "AnyEvent", "AnyCommand", "ArrayLike",
             "Figures", "ForecastLike", "ScheduleLike", "_Event", "_Command"}


def stub_names():
    names = set()
    for node in ast.parse(STUBS.read_text()).body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_stubs_match_the_module():
    declared = stub_names() - STUB_ONLY
    assert declared == set(acd.__all__), (declared ^ set(acd.__all__))


def stub_fields(cls_name):
    for node in ast.parse(STUBS.read_text()).body:
        if isinstance(node, ast.ClassDef) and node.name == cls_name:
            fields = {t.target.id for t in node.body if isinstance(t, ast.AnnAssign)}
            fields |= {f.name for f in node.body if isinstance(f, ast.FunctionDef)
                       and any(getattr(d, "id", "") == "property" for d in f.decorator_list)}
            return fields
    raise AssertionError(cls_name)


def test_event_command_and_view_stubs_list_every_field():
    checked = 0
    for name in acd.__all__:
        cls = getattr(acd, name)
        if not isinstance(cls, type) or issubclass(cls, BaseException):
            continue
        fields = {k for k, v in vars(cls).items() if isinstance(v, property)}
        if fields and name not in {"Engine", "Forecast", "SimRun", "Plan"}:
            declared = stub_fields(name)
            if hasattr(cls, "kind"):  # events and commands: time_ms and id are in the base
                fields -= {"time_ms", "id"}
                declared -= {"time_ms", "id"}
            assert fields == declared, (name, fields ^ declared)
            checked += 1
    assert checked >= 17 + 11 + 5


def test_docstrings():
    for name in acd.__all__:
        obj = getattr(acd, name)
        assert obj.__doc__, name
    assert "snapshot" in acd.Engine.restore.__doc__
