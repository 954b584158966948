"""Type stubs of acd (the extension acd._acd, re-exported by acd)."""

import os
from typing import Any, Callable, Iterable, Literal, Mapping, Optional, Sequence, Union

import numpy
import numpy.typing

# ---- errors ----
class Error(Exception): ...
class InvalidArgument(Error, ValueError): ...
class NotFound(Error, LookupError): ...
class AlreadyExists(Error, ValueError): ...
class FailedPrecondition(Error, RuntimeError): ...
class ResourceExhausted(Error, RuntimeError): ...
class DataLoss(Error, ValueError): ...
class Internal(Error, RuntimeError): ...

class Center:
    """A center's configuration, loaded and checked once; accepted wherever a config is."""
    @property
    def queue_names(self) -> list[str]: ...
    @property
    def skill_names(self) -> list[str]: ...
    @property
    def agent_ids(self) -> list[int]: ...

Config = Union[Center, str, os.PathLike[str], Mapping[str, Any]]

def load_center(config: Config) -> Center: ...
SkillLevels = Sequence[Union[tuple[int, int], Mapping[str, int]]]
AgentStateName = Literal["logged_out", "ready", "reserved", "talking", "wrap_up", "not_ready"]
# Not-ready reasons and intents: the built-in names, or a label the
# engine's center declares (labels: {not_ready_reasons: [...], intents: [...]}).
ReasonName = Union[Literal["none", "unspecified", "break", "lunch", "training", "meeting",
                           "no_answer"], str]
IntentName = Union[Literal["unknown", "buy", "existing_order", "support", "sell_to_us",
                           "other"], str]
DispositionName = Literal[
    "none", "answered", "abandoned_in_ivr", "abandoned_in_queue", "abandoned_ringing",
    "overflowed", "callback_captured", "voicemail", "rejected", "callback_completed",
    "callback_failed", "callback_expired", "callback_cancelled", "outbound", "consult"]
EndedByName = Literal["unknown", "caller", "agent"]
DialOutcomeName = Literal["connected", "no_answer", "busy", "failed", "invalid_number"]

# ---- events (include/acd/event.h); every field is a keyword argument ----
class CallAttributes:
    ani: str
    dnis: str
    digits: str
    language: str
    marketing_source: str
    intent: IntentName
    vip: bool
    returning: bool
    internal: bool
    owner_agent: int
    def __init__(self, **fields: Any) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class _Event:
    kind: str
    time_ms: Optional[int]  # None: the engine's now
    id: int  # the PBX's event id; 0 = no de-duplication
    def to_dict(self) -> dict[str, Any]: ...

class AgentLogin(_Event):
    agent: int
    ready: bool
    def __init__(self, *, agent: int = ..., ready: bool = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class AgentLogout(_Event):
    agent: int
    def __init__(self, *, agent: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class AgentReady(_Event):
    agent: int
    queue: Optional[int]
    def __init__(self, *, agent: int = ..., queue: Optional[int] = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class AgentNotReady(_Event):
    agent: int
    reason: ReasonName
    queue: Optional[int]
    def __init__(self, *, agent: int = ..., reason: ReasonName = ..., queue: Optional[int] = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class AgentSetSkills(_Event):
    agent: int
    skills: list[tuple[int, int]]
    def __init__(self, *, agent: int = ..., skills: SkillLevels = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class AgentSetLevel(_Event):
    agent: int
    queue: Optional[int]
    level: int
    def __init__(self, *, agent: int = ..., queue: Optional[int] = ..., level: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class AgentOutsideCall(_Event):
    agent: int
    on_call: bool
    def __init__(self, *, agent: int = ..., on_call: bool = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallArrive(_Event):
    call: int
    attributes: CallAttributes
    def __init__(self, *, call: int = ..., attributes: Union[CallAttributes, Mapping[str, Any]] = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallClassify(_Event):
    call: int
    digits: str
    intent: IntentName
    def __init__(self, *, call: int = ..., digits: str = ..., intent: IntentName = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallEnqueue(_Event):
    call: int
    queue: int
    priority: int
    min_level: int
    required_skills: list[tuple[int, int]]
    skills_expr: str  # e.g. "support & (english | german>=7)"; "" = none
    position: int  # a requested place in line within its priority; 0 = none
    wait_credit_ms: int  # ordered as if it had waited this much longer; negative: shorter
    def __init__(self, *, call: int = ..., queue: int = ..., priority: int = ..., min_level: int = ..., required_skills: SkillLevels = ..., skills_expr: str = ..., position: int = ..., wait_credit_ms: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallAnswer(_Event):
    call: int
    agent: int
    def __init__(self, *, call: int = ..., agent: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallDecline(_Event):
    call: int
    agent: int
    reason: Literal["declined", "busy", "unavailable"]
    def __init__(self, *, call: int = ..., agent: int = ..., reason: Literal["declined", "busy", "unavailable"] = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallHangup(_Event):
    call: int
    def __init__(self, *, call: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallEndTalk(_Event):
    call: int
    by: EndedByName
    def __init__(self, *, call: int = ..., by: EndedByName = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallHold(_Event):
    call: int
    def __init__(self, *, call: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallResume(_Event):
    call: int
    def __init__(self, *, call: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallUpdate(_Event):
    call: int
    fields: int
    attributes: CallAttributes
    def __init__(self, *, call: int = ..., fields: int = ..., attributes: Union[CallAttributes, Mapping[str, Any]] = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallSetPriority(_Event):
    call: int
    priority: int
    def __init__(self, *, call: int = ..., priority: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class OutboundCall(_Event):
    call: int
    agent: int
    def __init__(self, *, call: int = ..., agent: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallTransferToAgent(_Event):
    call: int
    agent: int
    def __init__(self, *, call: int = ..., agent: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallMove(_Event):
    call: int
    position: int
    def __init__(self, *, call: int = ..., position: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallConsult(_Event):
    call: int
    consult: int
    agent: int
    queue: int
    def __init__(self, *, call: int = ..., consult: int = ..., agent: int = ..., queue: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallConsultEnd(_Event):
    call: int
    complete: bool
    def __init__(self, *, call: int = ..., complete: bool = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
UPDATE_ANI: int
UPDATE_DNIS: int
UPDATE_DIGITS: int
UPDATE_LANGUAGE: int
UPDATE_MARKETING_SOURCE: int
UPDATE_INTENT: int
UPDATE_VIP: int
UPDATE_RETURNING: int
UPDATE_INTERNAL: int
UPDATE_OWNER_AGENT: int
class CallTransfer(_Event):
    call: int
    queue: int
    priority: int
    def __init__(self, *, call: int = ..., queue: int = ..., priority: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallRoute(_Event):
    call: int
    disposition: DispositionName
    def __init__(self, *, call: int = ..., disposition: DispositionName = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallbackRequest(_Event):
    callback: int
    from_call: int
    number: str
    window_from_ms: int
    window_to_ms: int
    def __init__(self, *, callback: int = ..., from_call: int = ..., number: str = ..., window_from_ms: int = ..., window_to_ms: int = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...
class CallbackResult(_Event):
    callback: int
    outcome: DialOutcomeName
    def __init__(self, *, callback: int = ..., outcome: DialOutcomeName = ..., time_ms: Optional[int] = ..., id: int = ...) -> None: ...

AnyEvent = Union[_Event, Mapping[str, Any]]

# ---- commands (include/acd/command.h); read-only ----
class _Command:
    kind: str
    @property
    def time_ms(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...

class Offer(_Command):
    call: int; agent: int; queue: int; ring_timeout_ms: int
    ring_all: bool; preferred: bool; callback: bool; transfer_from: int
class CancelOffer(_Command):
    call: int; agent: int
    reason: Literal["answered_elsewhere", "caller_hangup", "ring_timeout", "agent_declined",
                    "agent_unavailable", "call_moved", "reconfigured"]
class CallQueued(_Command):
    call: int; queue: int; waiting: int
class CallConnected(_Command):
    call: int; agent: int; queue: int; wait_ms: int; transfer_from: int
class RouteCall(_Command):
    call: int; from_queue: int; to_queue: int; rule: int; target: str
    path: Literal["none", "queue", "callback", "voicemail", "external", "disconnect", "reject"]
    cause: Literal["queue_full", "max_wait", "rule", "entry_rule", "entry_default",
                   "leave_when_empty", "declined", "queue_removed", "join_empty"]
class CallEnded(_Command):
    call: int; disposition: DispositionName; queued: bool; queue: int; agent: int
    wait_ms: int; talk_ms: int; hold_ms: int; ended_by: EndedByName
class AgentStateChanged(_Command):
    agent: int; state: AgentStateName; reason: ReasonName
class RuleApplied(_Command):
    call: int; queue: int; rule: int; held: bool; name: str
class Announce(_Command):
    call: int; queue: int; position: int; more_than: bool; ewt_ms: int
class DialCallback(_Command):
    callback: int; agent: int; queue: int; number: str; attempt: int
class CallbackHeld(_Command):
    callback: int; queue: int; until_ms: int; failed_attempts: int
class AgentLevelChanged(_Command):
    agent: int; queue: int; level: int
class AgentPauseChanged(_Command):
    agent: int; queue: int; paused: bool; reason: ReasonName

AnyCommand = Union[Offer, CancelOffer, CallQueued, CallConnected, RouteCall, CallEnded,
                   AgentStateChanged, RuleApplied, Announce, DialCallback, CallbackHeld,
                   AgentLevelChanged, AgentPauseChanged]

# ---- views ----
class AgentView:
    id: int; state: AgentStateName; reason: ReasonName; load: int; calls_today: int
    talk_ms_today: int; calls_since_ready: int; talk_ms_since_ready: int
    misses_in_row: int; state_since_ms: int; outbound_today: int
    paused_queues: list[tuple[int, ReasonName]]
    # per queue, in membership order, what counters_here_only orders by:
    # {"queue", "calls", "talk_ms", "last_end_ms" (None before any end)}
    queue_counters: list[dict[str, Optional[int]]]
    # the calls it holds per media, the media with any: {"chat": 2, "voice": 1}
    load_by_media: dict[Literal["voice", "chat", "email", "task"], int]
    def to_dict(self) -> dict[str, Any]: ...
class CallView:
    id: int
    state: Literal["arrived", "waiting", "offered", "dialing", "talking", "ended"]
    disposition: DispositionName; queued: bool; queue: int; priority: int; min_level: int
    max_level: int; level_cap: int
    arrived_ms: int; enqueued_ms: int; callback: bool; failed_attempts: int
    held_until_ms: int; ringing: list[int]; agent: int; outbound: bool; on_hold: bool
    hold_ms: int; transfers: int; transferring: bool; position: int; consult: int
    consult_leg: bool
    def to_dict(self) -> dict[str, Any]: ...
class QueueStats:
    waiting: int; ringing: int; talking: int; oldest_wait_ms: int; entered: int
    answered: int; abandoned: int; overflowed: int; ring_no_answer: int
    agents_logged_in: int; agents_ready: int; callbacks_pending: int
    callbacks_completed: int; callbacks_failed: int
    def to_dict(self) -> dict[str, Any]: ...
class CallCounts:
    arrived: int; callbacks: int; in_ivr: int; waiting: int; offered: int; dialing: int
    talking: int; ended: int; outbound: int; consults: int; by_disposition: dict[str, int]
    def to_dict(self) -> dict[str, Any]: ...

class Engine:
    """The routing engine: events in, time in, commands out; deterministic."""
    def __init__(self, config: Config, *, seed: int = 1, check_invariants: bool = False) -> None: ...
    @staticmethod
    def restore(config: Config, snapshot: bytes, *, seed: int = 1, check_invariants: bool = False) -> Engine: ...
    def apply(self, event: AnyEvent) -> list[AnyCommand]: ...
    def apply_all(self, events: Iterable[AnyEvent]) -> list[AnyCommand]: ...
    def advance_to(self, time_ms: int) -> list[AnyCommand]: ...
    def reconfigure(self, config: Config) -> None: ...
    @property
    def now_ms(self) -> int: ...
    @property
    def next_deadline_ms(self) -> Optional[int]: ...
    def agent(self, id: int) -> AgentView: ...
    def agents(self) -> list[AgentView]: ...
    def call(self, id: int) -> CallView: ...
    def queue_stats(self, queue: Union[int, str]) -> QueueStats: ...
    def queue_id(self, name: str) -> int: ...
    @property
    def queue_names(self) -> list[str]: ...
    @property
    def skill_names(self) -> list[str]: ...
    def counts(self) -> CallCounts: ...
    def snapshot(self) -> bytes: ...
    def state_hash(self) -> int: ...
    def check_invariants(self) -> None: ...

# ---- Erlang models and staffing: numbers or arrays, broadcast together ----
ArrayLike = numpy.typing.ArrayLike
Figures = dict[str, Any]  # erlangs, agents, stable, p_wait, ..., each a number or an array

def erlang_b(lines: ArrayLike, erlangs: ArrayLike) -> Any: ...
def erlang_c(calls_per_hour: ArrayLike, aht_s: ArrayLike, agents: ArrayLike, threshold_s: ArrayLike = 20.0) -> Figures: ...
def erlang_a(calls_per_hour: ArrayLike, aht_s: ArrayLike, agents: ArrayLike, patience_s: ArrayLike, threshold_s: ArrayLike = 20.0) -> Figures: ...
def solve_staffing(calls_per_hour: ArrayLike, aht_s: ArrayLike, *, model: Literal["erlang_c", "erlang_a"] = "erlang_c", patience_s: ArrayLike = ..., threshold_s: float = 20.0, service_level: float = 0.8, abandon_max: Optional[float] = None, asa_s_max: Optional[float] = None, occupancy_max: Optional[float] = None) -> Figures: ...
def headcount(agents: ArrayLike, shrinkage: ArrayLike) -> Any: ...

# ---- the simulator ----
class Forecast:
    @staticmethod
    def read(path: Union[str, os.PathLike[str]]) -> Forecast: ...
    @staticmethod
    def parse(text: str, name: str = "forecast") -> Forecast: ...
    @staticmethod
    def from_columns(interval_start: Sequence[Any], calls: ArrayLike, aht_s: Optional[ArrayLike] = None, mix: Optional[Mapping[str, ArrayLike]] = None, name: str = "forecast") -> Forecast: ...
    @property
    def name(self) -> str: ...
    @property
    def interval_minutes(self) -> int: ...
    @property
    def days(self) -> int: ...
    @property
    def start_ms(self) -> numpy.ndarray: ...
    @property
    def calls(self) -> numpy.ndarray: ...
    @property
    def calls_per_hour(self) -> numpy.ndarray: ...
    @property
    def aht_s(self) -> numpy.ndarray: ...
    @property
    def mix_names(self) -> list[str]: ...
    def __len__(self) -> int: ...

ForecastLike = Union[Forecast, str, os.PathLike[str], Mapping[str, Any], Any]  # Any: a DataFrame
class Schedule:
    """Agents' shifts read once for a center; accepted wherever a schedule is."""
    @property
    def agents(self) -> list[int]: ...
    def __len__(self) -> int: ...

def load_schedule(schedule: Union[str, os.PathLike[str]], config: Config) -> Schedule: ...

ScheduleLike = Union[None, Schedule, str, os.PathLike[str]]

class SimRun:
    seed: int; day: int; replication: int; start_ms: int; end_ms: int; state_hash: int
    calls_arrived: int; events_applied: int; commands: int; first_attempts: int
    retrials: int; blocked_trunk: int; blocked_line: int; gave_up: int
    last_call_ended_ms: int; counts: CallCounts; interval_minutes: int
    interval_start_ms: numpy.ndarray
    intervals: dict[str, numpy.ndarray]
    totals: dict[str, float]
    def to_pandas(self) -> Any: ...

class Plan:
    days: int; replications: int; interval_minutes: int; runs: list[SimRun]
    day: numpy.ndarray; interval_start_ms: numpy.ndarray
    mean: dict[str, numpy.ndarray]; half_width: dict[str, numpy.ndarray]
    per_day: dict[str, tuple[float, float, int]]
    by_day: list[dict[str, tuple[float, float, int]]]
    def to_pandas(self) -> Any: ...

def kpi_names() -> dict[str, str]: ...
def simulate_day(config: Config, forecast: Optional[ForecastLike] = None, schedule: ScheduleLike = None, *, day: int = 0, seed: int = 1, sl_threshold_s: float = 20.0, interval_minutes: Optional[float] = None, patience_s: Optional[float] = None, check_invariants_every: int = 0) -> SimRun: ...
def simulate(config: Config, forecast: ForecastLike, schedule: ScheduleLike = None, *, replications: int = 10, days: Optional[int] = None, seed: int = 1, threads: int = 0, sl_threshold_s: float = 20.0, interval_minutes: Optional[float] = None, patience_s: Optional[float] = None, progress: Optional[Callable[[int, int], object]] = None) -> Plan: ...
