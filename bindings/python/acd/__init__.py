"""acd: the call-center routing engine, its simulator and the Erlang models.

The engine (acd.Engine) takes events (acd.CallArrive, acd.AgentLogin, ...,
or dicts with a "kind") and returns the commands it decides (acd.Offer,
acd.CallEnded, ...). acd.erlang_b / erlang_c / erlang_a and
acd.solve_staffing work on numbers or numpy arrays. acd.simulate_day and
acd.simulate run the simulator on a forecast. Errors raise acd.Error
subclasses whose message names the field and the reason.
"""

from acd import _acd
from acd._acd import *  # noqa: F401,F403  (the classes and functions below)

__all__ = [name for name in dir(_acd) if not name.startswith("_")]

# Show the public names as acd.X (help(), repr()), not acd._acd.X.
for _name in __all__:
    _obj = getattr(_acd, _name)
    if isinstance(_obj, type):
        try:
            _obj.__module__ = "acd"
        except (AttributeError, TypeError):
            pass
del _name, _obj
