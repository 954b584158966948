// Outbound calls: an agent dials out (OutboundCall). The call is connected
// to the agent from the dial on and sits in no queue; it ends, like any
// connected call, with CallEndTalk or CallHangup (disposition kOutbound).
#include "absl/strings/str_cat.h"
#include "core/engine_impl.h"

namespace acd::core {

absl::Status EngineImpl::CheckEvent(const OutboundCall& e) const {
  // The call id: as for an arriving call (new, not recently ended, a bound).
  if (absl::Status s = CheckEvent(CallArrive{e.call, {}}); !s.ok()) return s;
  const Agent* a;
  if (absl::Status s = CheckAgent(e.agent, &a); !s.ok()) return s;
  return CheckRoomForCall(e.agent, *a, Media::kVoice);
}

absl::Status EngineImpl::CheckRoomForCall(AgentId id, const Agent& a, Media media) const {
  if (a.presence == Presence::kLoggedOut) {
    return absl::FailedPreconditionError(
        absl::StrCat("agent: ", id, " is logged out; log in first"));
  }
  if (a.load() >= a.capacity) {
    return absl::FailedPreconditionError(absl::StrCat(
        "agent: ", id, " has no spare capacity (", a.talking, " connected, ", a.offers,
        " ringing, capacity ", a.capacity, ")"));
  }
  if (!a.RoomFor(media)) {
    const int m = static_cast<int>(media);
    return absl::FailedPreconditionError(absl::StrCat(
        "agent: ", id, " has no room for a ", NameOf(media), " call (",
        a.media_cap[m] == 0 ? "no such channel"
        : a.media_load[m] >= a.media_cap[m]
            ? absl::StrCat(a.media_load[m], " held, channel capacity ", a.media_cap[m])
            : std::string("a call it holds may not be interrupted by one"),
        ")"));
  }
  return absl::OkStatus();
}

void EngineImpl::DoEvent(const OutboundCall& e) {
  const uint32_t slot = NewCallSlot();
  const uint32_t agent_slot = AgentSlot(e.agent);
  Call& c = calls_[slot];
  c.id = e.call;
  c.outbound = true;
  c.media = Media::kVoice;
  c.media_fixed = true;
  c.state = CallState::kArrived;
  c.arrived_ms = now_ms_;
  c.answered_ms = now_ms_;
  c.agent = agent_slot;
  if (keep_attributes_) attributes_[slot] = CallAttributes{};
  live_calls_.emplace(e.call, slot);
  ++counts_.outbound;
  ++counts_.in_ivr;  // every call starts out arrived
  SetCallState(slot, CallState::kTalking);
  Agent& a = agents_[agent_slot];
  a.calls.push_back(slot);
  ++a.talking;
  a.HoldMedia(Media::kVoice);
  ++a.outbound_today;
  RefreshAgent(agent_slot);
  Drain();
}

}  // namespace acd::core
