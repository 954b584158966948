// ScriptedEngine: stamping and recording for hand-written scripts.
#include "tests/core/scripted_engine.h"

#include <utility>

namespace acd::testing {

absl::StatusOr<std::unique_ptr<ScriptedEngine>> ScriptedEngine::Create(
    const CenterConfig& center, uint64_t seed) {
  std::unique_ptr<ScriptedEngine> out(new ScriptedEngine());
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Create(center, &out->sink_, EngineOptions{seed});
  if (!engine.ok()) return engine.status();
  out->engine_ = *std::move(engine);
  return out;
}

absl::Status ScriptedEngine::Send(EventBody body, TimeMs after_ms) {
  time_ms_ = std::max(time_ms_, engine_->now_ms()) + after_ms;
  return SendRaw(Event{next_id_++, time_ms_, std::move(body)});
}

absl::Status ScriptedEngine::SendRaw(const Event& event) {
  const size_t first = sink_.commands.size();
  absl::Status status = engine_->Apply(event);
  Collect(first);
  return status;
}

absl::Status ScriptedEngine::AdvanceBy(TimeMs ms) {
  time_ms_ = std::max(time_ms_, engine_->now_ms()) + ms;
  const size_t first = sink_.commands.size();
  absl::Status status = engine_->AdvanceTo(time_ms_);
  Collect(first);
  return status;
}

void ScriptedEngine::Collect(size_t first) {
  last_.assign(sink_.commands.begin() + static_cast<std::ptrdiff_t>(first), sink_.commands.end());
}

std::optional<AgentId> ScriptedEngine::OfferedTo(CallId call) const {
  std::optional<AgentId> agent;
  for (const Command& c : last_) {
    if (const auto* offer = std::get_if<Offer>(&c.body); offer && offer->call == call) {
      agent = offer->agent;
    }
  }
  return agent;
}

}  // namespace acd::testing
