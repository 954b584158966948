// The fuzz driver's live reloads (Engine::Reconfigure), see fuzz_run.h.
#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/core/center_mutate.h"
#include "tests/core/describe.h"
#include "tests/core/fuzz_run.h"

namespace acd::testing {
namespace {

constexpr uint64_t kReloadEvery = 300;  // steps, on average
constexpr uint64_t kMutatedOneIn = 3;   // of the reloads in ReloadMode::kMutated
constexpr size_t kReloadsReported = 8;  // the last reloads a failure report lists

absl::Status Broken(absl::string_view what) { return absl::InternalError(what); }

std::string FirstCommand(const std::vector<Command>& commands) {
  return commands.empty() ? "none" : DescribeCommand(commands[0]);
}

// The engine's views, one line each, so that a reload that should have
// changed nothing can say what it changed.
std::vector<std::string> Views(const Engine& engine, const std::set<CallId>& calls) {
  std::vector<std::string> out;
  absl::StrAppend(&out.emplace_back(), "now ", engine.now_ms(), " next deadline ",
                  engine.NextDeadlineMs().value_or(-1));
  for (const AgentView& a : engine.AllAgents()) {
    out.push_back(absl::StrCat("agent ", a.id, " ", Name(a.state), "/", Name(a.reason), " load ",
                               a.load, " calls ", a.calls_today, " talk ", a.talk_ms_today,
                               " misses ", a.misses_in_row, " since ", a.state_since_ms));
  }
  for (CallId id : calls) {
    const absl::StatusOr<CallView> c = engine.GetCall(id);
    if (!c.ok()) continue;
    std::string line = absl::StrCat("call ", id, " ", Name(c->state), " queued ", c->queued,
                                    " queue ", c->queue, " priority ", c->priority, " min_level ",
                                    c->min_level, " enqueued ", c->enqueued_ms, " held ",
                                    c->held_until_ms, " agent ", c->agent, " ringing");
    for (AgentId a : c->ringing) absl::StrAppend(&line, " ", a);
    out.push_back(line);
  }
  for (size_t q = 0; q < engine.center().queues.size(); ++q) {
    const absl::StatusOr<QueueStats> s = engine.GetQueueStats(static_cast<QueueId>(q));
    if (!s.ok()) continue;
    out.push_back(absl::StrCat("queue ", q, " waiting ", s->waiting, " ringing ", s->ringing,
                               " talking ", s->talking, " oldest ", s->oldest_wait_ms,
                               " logged in ", s->agents_logged_in, " ready ", s->agents_ready,
                               " callbacks ", s->callbacks_pending));
  }
  return out;
}

std::string ViewsDiff(const std::vector<std::string>& before,
                      const std::vector<std::string>& after) {
  std::string out;
  for (size_t i = 0; i < std::max(before.size(), after.size()); ++i) {
    const std::string b = i < before.size() ? before[i] : "(none)";
    const std::string a = i < after.size() ? after[i] : "(none)";
    if (a != b) absl::StrAppend(&out, "\n    before: ", b, "\n    after:  ", a);
  }
  return out.empty() ? " (the views are alike: the difference is internal)" : out;
}

// Where two snapshots first differ, with the bytes around it.
std::string SnapshotDiff(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  auto hex = [i](const std::string& s) {
    std::string out;
    for (size_t k = i < 8 ? 0 : i - 8; k < std::min(s.size(), i + 8); ++k) {
      absl::StrAppend(&out, k == i ? "[" : "", absl::Hex(static_cast<uint8_t>(s[k])),
                      k == i ? "]" : "", " ");
    }
    return out;
  };
  return absl::StrCat("snapshots of ", a.size(), " and ", b.size(), " bytes differ first at byte ",
                      i, ": before ", hex(a), "/ after ", hex(b));
}

}  // namespace

bool FuzzRun::ReloadDue() {
  return options_.reloads != ReloadMode::kOff && reload_rng_.Below(kReloadEvery) == 0;
}

absl::Status FuzzRun::Reload(int index) {
  const bool mutated =
      options_.reloads == ReloadMode::kRules ||
      (options_.reloads == ReloadMode::kMutated && reload_rng_.Below(kMutatedOneIn) == 0);
  sink_.commands.clear();
  twin_sink_.commands.clear();
  const uint64_t hash_before = Hash(*engine_);
  const size_t reloads_before = reloads_.size();
  absl::Status broken = mutated ? MutatedReload(hash_before) : IdentityReload(hash_before);
  if (reloads_.size() == reloads_before) reloads_.push_back("?");
  reloads_.back() = absl::StrCat("before step ", index, ": ", reloads_.back(), ", ",
                                 sink_.commands.size(), " commands");
  for (const Command& c : sink_.commands) {
    absl::StrAppend(&reloads_.back(), "\n        ", DescribeCommand(c));
  }
  if (reloads_.size() > kReloadsReported) reloads_.erase(reloads_.begin());
  return broken;
}

// To the engine's own center (passed by reference: the engine must cope
// with the aliasing). Nothing may change; the twin is not reloaded, so the
// comparisons after every following step check that nothing did.
absl::Status FuzzRun::IdentityReload(uint64_t hash_before) {
  ++result_.stats.reloads_identity;
  const std::set<CallId> calls =
      shadowed() ? std::set<CallId>() : tracker_.live();
  std::set<CallId> all_calls = calls;
  if (shadowed()) {
    for (const auto& [id, call] : checker_.shadow().live()) all_calls.insert(id);
  }
  const std::vector<std::string> before = Views(*engine_, all_calls);
  const std::string snapshot_before = engine_->Snapshot();
  const absl::Status status = engine_->Reconfigure(engine_->center());
  reloads_.push_back(absl::StrCat("identity reload -> ", status.ToString()));
  if (!status.ok()) return Broken(absl::StrCat("a reload to the same center failed: ", status.ToString()));
  if (!sink_.commands.empty()) {
    return Broken(absl::StrCat("a reload to the same center emitted commands, first: ",
                               FirstCommand(sink_.commands)));
  }
  if (Hash(*engine_) != hash_before) {
    return Broken(absl::StrCat("a reload to the same center changed the StateHash",
                               ViewsDiff(before, Views(*engine_, all_calls)), "; ",
                               SnapshotDiff(snapshot_before, engine_->Snapshot())));
  }
  return absl::OkStatus();
}

// To a changed center, the twin alike. Refused: nothing changed. Accepted:
// every call live before is live after or ended by a reported CallEnded,
// and from now on the LiveTracker checks the steps.
absl::Status FuzzRun::MutatedReload(uint64_t hash_before) {
  const CenterConfig next = options_.reloads == ReloadMode::kRules
                                ? MutateRules(engine_->center(), reload_rng_)
                                : MutateCenter(engine_->center(), reload_rng_);
  const CallCounts counts_before = engine_->counts();
  const absl::Status status = engine_->Reconfigure(next);
  reloads_.push_back(absl::StrCat("reload to a changed center (", next.queues.size(), " queues, ",
                                  next.agents.size(), " agents) -> ", status.ToString()));
  if (twin_) {
    const absl::Status twin_status = twin_->Reconfigure(next);
    if (twin_status.code() != status.code()) {
      return Broken(absl::StrCat("the twin engine answered the same reload with ",
                                 twin_status.ToString()));
    }
    if (!SameCommands(twin_sink_.commands, sink_.commands)) {
      return Broken(absl::StrCat("the twin engine's reload emitted other commands, first: ",
                                 FirstCommand(twin_sink_.commands)));
    }
  }
  if (!status.ok()) {
    ++result_.stats.reloads_refused_by_code[static_cast<int>(status.code()) % 17];
    if (status.code() != absl::StatusCode::kFailedPrecondition) {
      return Broken(absl::StrCat("a reload to a valid center failed other than with "
                                 "FailedPrecondition: ", status.ToString()));
    }
    if (!sink_.commands.empty()) {
      return Broken(absl::StrCat("a refused reload emitted commands, first: ",
                                 FirstCommand(sink_.commands)));
    }
    if (Hash(*engine_) != hash_before) return Broken("a refused reload changed the StateHash");
    return absl::OkStatus();
  }
  ++result_.stats.reloads_accepted;
  return AcceptReload(next, counts_before);
}

absl::Status FuzzRun::AcceptReload(const CenterConfig& next, const CallCounts& counts_before) {
  if (shadowed()) tracker_.Start(checker_.shadow(), counts_before, engine_->now_ms());
  live_center_ = next;
  gen_.SetCenter(live_center_);
  tracker_.BeginStep();
  for (const Command& c : sink_.commands) {
    if (c.time_ms != engine_->now_ms()) return Broken("a reload command not stamped with now");
  }
  if (absl::Status s = tracker_.OnCommands(sink_.commands); !s.ok()) return s;
  // Conservation (no call arrived or was made by the reload), and every call
  // live before still answers GetCall unless a CallEnded was reported for it.
  if (absl::Status s = tracker_.Check(*engine_); !s.ok()) return s;
  if (twin_ && Hash(*twin_) != Hash(*engine_)) {
    return Broken("the twin engine's StateHash differs after the same reload");
  }
  Count(sink_.commands);
  return absl::OkStatus();
}

}  // namespace acd::testing
