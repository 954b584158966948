// acd.Engine and the view classes (engine.h).
#include "engine.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/stl.h>

#include "absl/strings/str_cat.h"
#include "acd/config.h"
#include "acd/engine.h"
#include "commands.h"
#include "config_arg.h"
#include "errors.h"
#include "events.h"
#include "labels.h"
#include "record.h"

namespace acd::python {
namespace {

class PyEngine {
 public:
  static std::unique_ptr<PyEngine> Create(py::handle config, uint64_t seed, bool check_invariants) {
    auto e = std::unique_ptr<PyEngine>(new PyEngine(*LoadConfig(config), seed, check_invariants));
    e->engine_ = Check(Engine::Create(e->center_, &e->sink_, e->options_));
    return e;
  }
  static std::unique_ptr<PyEngine> Restore(py::handle config, const py::bytes& snapshot,
                                           uint64_t seed, bool check_invariants) {
    auto e = std::unique_ptr<PyEngine>(new PyEngine(*LoadConfig(config), seed, check_invariants));
    const std::string bytes = snapshot;
    e->engine_ = Check(Engine::Restore(e->center_, bytes, &e->sink_, e->options_));
    return e;
  }

  py::list Apply(py::handle event) {
    const Event e = ToEvent(event, center_, engine_->now_ms());
    Check(engine_->Apply(e));
    return TakeCommands();
  }
  py::list ApplyAll(py::iterable events) {
    size_t i = 0;
    for (py::handle event : events) {
      Event e;
      try {
        e = ToEvent(event, center_, engine_->now_ms());
      } catch (py::error_already_set& error) {
        if (!IsInvalidArgument(error)) throw;
        RaiseInvalid(absl::StrCat("events[", i, "]: ", std::string(py::str(error.value()))));
      }
      if (absl::Status s = engine_->Apply(e); !s.ok()) {
        Raise(absl::Status(s.code(), absl::StrCat("events[", i, "]: ", s.message())));
      }
      ++i;
    }
    return TakeCommands();
  }
  py::list AdvanceTo(TimeMs time_ms) {
    Check(engine_->AdvanceTo(time_ms));
    return TakeCommands();
  }
  void Reconfigure(py::handle config) {
    CenterConfig next = *LoadConfig(config);
    Check(engine_->Reconfigure(next));
    center_ = std::move(next);
    names_ = CenterNames(center_);
  }

  QueueId QueueIdOf(py::handle queue) const {
    if (py::isinstance<py::str>(queue)) {
      const std::string name = py::str(queue);
      if (std::optional<QueueId> id = names_.Queue(name)) return *id;
      Raise(absl::NotFoundError(absl::StrCat("queue: no queue named '", name, "'")));
    }
    return Codec<QueueId>::Load(queue, "queue");
  }

  const Engine& engine() const { return *engine_; }
  Engine& engine() { return *engine_; }
  const CenterConfig& center() const { return center_; }
  // The view with its reason in Python's label ids (labels.h).
  AgentView View(AgentView view) const {
    view.reason = FromCenter(view.reason, center_.labels);
    for (AgentView::QueuePause& p : view.paused_queues) {
      p.reason = FromCenter(p.reason, center_.labels);
    }
    return view;
  }

 private:
  PyEngine(CenterConfig center, uint64_t seed, bool check_invariants)
      : center_(std::move(center)), names_(center_) {
    options_.seed = seed;
    options_.check_invariants = check_invariants;
  }
  py::list TakeCommands() {
    for (Command& c : sink_.commands) {
      if (auto* change = std::get_if<AgentStateChanged>(&c.body)) {
        change->reason = FromCenter(change->reason, center_.labels);
      } else if (auto* pause = std::get_if<AgentPauseChanged>(&c.body)) {
        pause->reason = FromCenter(pause->reason, center_.labels);
      }
    }
    py::list out = ToPython(sink_.commands);
    sink_.commands.clear();
    return out;
  }

  CenterConfig center_;
  CenterNames names_;
  EngineOptions options_;
  VectorSink sink_;  // the engine's commands since the last call
  std::unique_ptr<Engine> engine_;
};

void RegisterViews(py::module_& m) {
  FieldList<AgentView> agent = FieldsOf<AgentView>(
      "AgentView", false, F("id", &AgentView::id), F("state", &AgentView::state),
      F("reason", &AgentView::reason), F("load", &AgentView::load),
      F("calls_today", &AgentView::calls_today), F("talk_ms_today", &AgentView::talk_ms_today),
      F("calls_since_ready", &AgentView::calls_since_ready),
      F("talk_ms_since_ready", &AgentView::talk_ms_since_ready),
      F("misses_in_row", &AgentView::misses_in_row),
      F("state_since_ms", &AgentView::state_since_ms),
      F("outbound_today", &AgentView::outbound_today),
      F("paused_queues", &AgentView::paused_queues));
  // Its counters of each queue's calls alone (counters_here_only), in
  // membership order: one dict per queue; last_end_ms None before any end.
  agent.push_back({"queue_counters",
                   [](const AgentView& v) {
                     py::list out;
                     for (const AgentView::QueueCounters& q : v.queue_counters) {
                       py::dict d;
                       d["queue"] = q.queue;
                       d["calls"] = q.calls;
                       d["talk_ms"] = q.talk_ms;
                       d["last_end_ms"] = q.ended ? py::object(py::int_(q.last_end_ms))
                                                  : py::object(py::none());
                       out.append(std::move(d));
                     }
                     return py::object(std::move(out));
                   },
                   {}});
  // The calls it holds (offers and connections) per media, for the media
  // with any: {"chat": 2, "voice": 1}.
  agent.push_back({"load_by_media",
                   [](const AgentView& v) {
                     py::dict out;
                     for (int media = 0; media < kMediaCount; ++media) {
                       if (v.load_by_media[media] == 0) continue;
                       out[py::str(std::string(ToString(static_cast<Media>(media))))] =
                           v.load_by_media[media];
                     }
                     return py::object(std::move(out));
                   },
                   {}});
  BindRecord<AgentView>(m, "AgentView", "One agent as the floor sees it.", "", std::move(agent),
                        false);
  BindRecord<CallView>(
      m, "CallView", "One live call as the floor sees it.", "",
      FieldsOf<CallView>("CallView", false, F("id", &CallView::id), F("state", &CallView::state),
                         F("disposition", &CallView::disposition), F("queued", &CallView::queued),
                         F("queue", &CallView::queue), F("priority", &CallView::priority),
                         F("min_level", &CallView::min_level),
                         F("max_level", &CallView::max_level),
                         F("level_cap", &CallView::level_cap),
                         F("arrived_ms", &CallView::arrived_ms),
                         F("enqueued_ms", &CallView::enqueued_ms),
                         F("callback", &CallView::callback),
                         F("failed_attempts", &CallView::failed_attempts),
                         F("held_until_ms", &CallView::held_until_ms),
                         F("ringing", &CallView::ringing), F("agent", &CallView::agent),
                         F("outbound", &CallView::outbound), F("on_hold", &CallView::on_hold),
                         F("hold_ms", &CallView::hold_ms),
                         F("transfers", &CallView::transfers),
                         F("transferring", &CallView::transferring),
                         F("position", &CallView::position),
                         F("consult", &CallView::consult),
                         F("consult_leg", &CallView::consult_leg)),
      false);
  BindRecord<QueueStats>(
      m, "QueueStats", "Live figures for one queue.", "",
      FieldsOf<QueueStats>(
          "QueueStats", false, F("waiting", &QueueStats::waiting),
          F("ringing", &QueueStats::ringing), F("talking", &QueueStats::talking),
          F("oldest_wait_ms", &QueueStats::oldest_wait_ms), F("entered", &QueueStats::entered),
          F("answered", &QueueStats::answered), F("abandoned", &QueueStats::abandoned),
          F("overflowed", &QueueStats::overflowed),
          F("ring_no_answer", &QueueStats::ring_no_answer),
          F("agents_logged_in", &QueueStats::agents_logged_in),
          F("agents_ready", &QueueStats::agents_ready),
          F("callbacks_pending", &QueueStats::callbacks_pending),
          F("callbacks_completed", &QueueStats::callbacks_completed),
          F("callbacks_failed", &QueueStats::callbacks_failed)),
      false);
  FieldList<CallCounts> counts = FieldsOf<CallCounts>(
      "CallCounts", false, F("arrived", &CallCounts::arrived),
      F("callbacks", &CallCounts::callbacks), F("in_ivr", &CallCounts::in_ivr),
      F("waiting", &CallCounts::waiting), F("offered", &CallCounts::offered),
      F("dialing", &CallCounts::dialing), F("talking", &CallCounts::talking),
      F("ended", &CallCounts::ended), F("outbound", &CallCounts::outbound),
      F("consults", &CallCounts::consults));
  counts.push_back({"by_disposition",
                    [](const CallCounts& c) {
                      py::dict d;
                      for (int i = 0; i < kDispositionCount; ++i) {
                        d[py::str(EnumNames<Disposition>()[static_cast<size_t>(i)])] =
                            c.by_disposition[i];
                      }
                      return py::object(std::move(d));
                    },
                    {}});
  BindRecord<CallCounts>(m, "CallCounts",
                         "Engine-wide counters: arrived + callbacks = in_ivr + waiting + offered "
                         "+ dialing + talking + ended.",
                         "", std::move(counts), false);
}

}  // namespace

void RegisterEngine(py::module_& m) {
  RegisterViews(m);
  py::class_<PyEngine>(m, "Engine", R"doc(
The routing engine: a deterministic, single-threaded state machine.

Events in (apply), time in (advance_to), commands out (their return
value). The same center, seed and events always give the same commands and
the same state_hash().

config: a path to a YAML or JSON center file, YAML or JSON text, the name
of an embedded center ("sales", "sales-direct"), a dict shaped like the
YAML file, or an acd.Center (acd.load_center). seed: for the random
strategies. check_invariants: check DESIGN.md's invariants after every step
(slow; for tests): a broken invariant is a bug in the engine and stops the
process with the message, as in C++.

Errors raise acd.InvalidArgument (a ValueError), acd.NotFound (a
LookupError), acd.AlreadyExists, acd.FailedPrecondition, ...; the message
names the field and the reason, and the engine is unchanged.
)doc")
      .def(py::init(&PyEngine::Create), py::arg("config"), py::kw_only(), py::arg("seed") = 1,
           py::arg("check_invariants") = false)
      .def_static("restore", &PyEngine::Restore, py::arg("config"), py::arg("snapshot"),
                  py::kw_only(), py::arg("seed") = 1, py::arg("check_invariants") = false,
                  "An engine in the state of `snapshot` (from snapshot()), taken under the same "
                  "center. Raises acd.DataLoss for damaged bytes, acd.FailedPrecondition for "
                  "another center.")
      .def("apply", &PyEngine::Apply, py::arg("event"),
           "Applies one event (an acd event object or a dict with 'kind'); returns the commands "
           "it caused, in order. An event's time_ms of None means now_ms.")
      .def("apply_all", &PyEngine::ApplyAll, py::arg("events"),
           "Applies events in order and returns all their commands. Stops at the first error, "
           "which names its index (events[i]: ...); the events before it stay applied and their "
           "commands come with the next call.")
      .def("advance_to", &PyEngine::AdvanceTo, py::arg("time_ms"),
           "Moves the clock to time_ms, firing due timers; returns their commands.")
      .def("reconfigure", &PyEngine::Reconfigure, py::arg("config"),
           "Live reload: applies a changed center without losing a call (Engine::Reconfigure).")
      .def_property_readonly("now_ms", [](const PyEngine& e) { return e.engine().now_ms(); },
                             "The engine's clock, in ms.")
      .def_property_readonly(
          "next_deadline_ms",
          [](const PyEngine& e) -> py::object {
            if (std::optional<TimeMs> t = e.engine().NextDeadlineMs()) return py::int_(*t);
            return py::none();
          },
          "The earliest pending timer, or None.")
      .def(
          "agent", [](const PyEngine& e, AgentId id) { return e.View(Check(e.engine().GetAgent(id))); },
          py::arg("id"), "The agent's view; acd.NotFound for an unknown id.")
      .def("agents",
           [](const PyEngine& e) {
             std::vector<AgentView> views = e.engine().AllAgents();
             for (AgentView& v : views) v = e.View(v);
             return views;
           },
           "Every agent's view, in roster order.")
      .def(
          "call", [](const PyEngine& e, CallId id) { return Check(e.engine().GetCall(id)); },
          py::arg("id"), "A live call's view; acd.NotFound for an unknown or ended call.")
      .def(
          "queue_stats",
          [](const PyEngine& e, py::handle queue) {
            return Check(e.engine().GetQueueStats(e.QueueIdOf(queue)));
          },
          py::arg("queue"), "Live figures of a queue, by id or name.")
      .def(
          "queue_id", [](const PyEngine& e, py::handle name) { return e.QueueIdOf(name); },
          py::arg("name"), "The id of the queue with this name; acd.NotFound if none.")
      .def_property_readonly(
          "queue_names",
          [](const PyEngine& e) {
            py::list names;
            for (const QueueConfig& q : e.center().queues) names.append(q.name);
            return names;
          },
          "The queues' names, by id.")
      .def_property_readonly(
          "skill_names", [](const PyEngine& e) { return py::cast(e.center().skills); },
          "The skills' names, by id.")
      .def("counts", [](const PyEngine& e) { return e.engine().counts(); },
           "Engine-wide call counters (acd.CallCounts).")
      .def("snapshot", [](const PyEngine& e) { return py::bytes(e.engine().Snapshot()); },
           "The whole state as bytes (versioned; Engine.restore reads it).")
      .def("state_hash", [](const PyEngine& e) { return e.engine().StateHash(); },
           "A stable 64-bit hash of snapshot(): equal hashes, equal futures.")
      .def("check_invariants", [](const PyEngine& e) { Check(e.engine().CheckInvariants()); },
           "Walks the state and checks DESIGN.md's invariants; raises acd.Internal if one is "
           "broken.");
}

}  // namespace acd::python
