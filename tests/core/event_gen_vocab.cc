// EventGenerator: the PBX vocabulary beyond calls moving through queues:
// hold and resume of connected calls, the CRM's attribute updates, a
// supervisor's priority changes and moves, outbound calls, transfers to a
// named agent and attended transfers. Every draw is from vocab_rng_.
#include <algorithm>
#include <string>
#include <type_traits>
#include <variant>

#include "tests/core/event_gen.h"

namespace acd::testing {

CallAttributes EventGenerator::RandomAttributes(uint32_t fields) {
  CallAttributes a;
  TestRng& r = vocab_rng_;
  if (fields & CallUpdate::kAni) a.ani = "+3361" + std::to_string(r.Below(40));
  if (fields & CallUpdate::kDnis) a.dnis = "+49301" + std::to_string(r.Below(3));
  if (fields & CallUpdate::kDigits) a.digits = std::to_string(r.Below(10));
  if (fields & CallUpdate::kLanguage) a.language = r.PerMille(500) ? "de" : "en";
  if (fields & CallUpdate::kMarketingSource) a.marketing_source = r.PerMille(500) ? "web" : "";
  if (fields & CallUpdate::kIntent) a.intent = MaybeDeclared(static_cast<Intent>(r.Below(6)));
  a.vip = r.PerMille(200);
  a.returning = r.PerMille(500);
  a.internal = r.PerMille(200);
  if ((fields & CallUpdate::kOwnerAgent) && !center_->agents.empty() && r.PerMille(800)) {
    a.owner_agent = center_->agents[r.Below(center_->agents.size())].id;
  }
  return a;
}

bool EventGenerator::VocabStep(const Look& look, Step* step) {
  Event& ev = step->event;
  switch (vocab_rng_.Below(5)) {
    case 0: {  // hold or resume a connected call
      if (look.talking.empty()) return false;
      const CallId call = vocab_rng_.Pick(look.talking);
      const bool held = std::find(look.on_hold.begin(), look.on_hold.end(), call) !=
                        look.on_hold.end();
      if (held) {
        ev.body = CallResume{call};
      } else {
        ev.body = CallHold{call};
      }
      return true;
    }
    case 1: {  // the CRM identified the caller (often: the owner seller)
      if (look.all.empty()) return false;
      CallUpdate e;
      e.call = vocab_rng_.Pick(look.all);
      e.fields = vocab_rng_.PerMille(500)
                     ? CallUpdate::kOwnerAgent | CallUpdate::kReturning
                     : static_cast<uint32_t>(vocab_rng_.Between(1, CallUpdate::kAll));
      e.attributes = RandomAttributes(e.fields);
      ev.body = e;
      return true;
    }
    case 3: {  // an agent dials out (the engine refuses an agent with no spare capacity)
      if (look.logged_in.empty()) return false;
      const bool free = !look.ready.empty() && vocab_rng_.PerMille(800);
      ev.body = OutboundCall{next_call_id_++, vocab_rng_.Pick(free ? look.ready : look.logged_in)};
      return true;
    }
    case 4: {  // the agent transfers the caller to a colleague (mostly a ready one)
      if (look.talking.empty() || look.logged_in.empty()) return false;
      if (vocab_rng_.PerMille(450)) {  // an attended transfer: consult, then complete or cancel
        if (!look.consulting.empty() && vocab_rng_.PerMille(600)) {
          ev.body = CallConsultEnd{vocab_rng_.Pick(look.consulting), vocab_rng_.PerMille(650)};
          return true;
        }
        CallConsult e;
        e.call = vocab_rng_.Pick(look.talking);
        e.consult = next_call_id_++;
        if (vocab_rng_.PerMille(600)) {  // a colleague (mostly a ready one), else a queue
          const bool ready = !look.ready.empty() && vocab_rng_.PerMille(850);
          e.agent = vocab_rng_.Pick(ready ? look.ready : look.logged_in);
        } else {
          e.queue = static_cast<QueueId>(vocab_rng_.Below(center_->queues.size()));
        }
        ev.body = e;
        return true;
      }
      const bool ready = !look.ready.empty() && vocab_rng_.PerMille(850);
      ev.body = CallTransferToAgent{vocab_rng_.Pick(look.talking),
                                    vocab_rng_.Pick(ready ? look.ready : look.logged_in)};
      return true;
    }
    default: {  // a supervisor changes a waiting call's priority
      if (look.waiting.empty()) return false;
      const int priority = vocab_rng_.PerMille(100)
                               ? (vocab_rng_.PerMille(500) ? 1000 : -1000)
                               : static_cast<int>(vocab_rng_.Between(-5, 5));
      if (vocab_rng_.PerMille(400)) {  // or moves it in its line (often to the head)
        const uint32_t position = vocab_rng_.PerMille(500)
                                      ? 1
                                      : static_cast<uint32_t>(vocab_rng_.Between(2, 12));
        ev.body = CallMove{vocab_rng_.Pick(look.waiting), position};
      } else {
        ev.body = CallSetPriority{vocab_rng_.Pick(look.waiting), priority};
      }
      return true;
    }
  }
}

// A supervisor pauses or unpauses an agent in one queue: a ready agent
// (a pause in one queue is for one), mostly one of its own queues.
void EventGenerator::QueuePauseStep(const Look& look, Step* step) {
  TestRng& r = pauses_rng_;
  if (look.ready.empty() || !r.PerMille(350)) return;
  const AgentId id = r.Pick(look.ready);
  const AgentConfig* agent = nullptr;
  for (const AgentConfig& a : center_->agents) {
    if (a.id == id) agent = &a;
  }
  QueueId queue = static_cast<QueueId>(r.Below(center_->queues.size()));
  if (!r.PerMille(80) && agent != nullptr && !agent->queues.empty()) {
    queue = agent->queues[r.Below(agent->queues.size())].queue;
  }
  std::visit(
      [&](auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, AgentReady> || std::is_same_v<T, AgentNotReady>) {
          e.agent = id;
          e.queue = queue;
        }
      },
      step->event.body);
}

// A supervisor sets an agent's level: in one of its queues (mostly), in
// all of them, or (rarely) in a queue it is not a member of (refused).
bool EventGenerator::LevelStep(Step* step) {
  TestRng& r = levels_rng_;
  if (center_->agents.empty() || !r.PerMille(550)) return false;
  const AgentConfig& agent = center_->agents[r.Below(center_->agents.size())];
  AgentSetLevel e;
  e.agent = agent.id;
  e.level = static_cast<int>(r.PerMille(300) ? (r.PerMille(500) ? kMinLevel : kMaxLevel)
                                              : r.Between(kMinLevel, kMaxLevel));
  const uint64_t how = r.Below(10);
  if (how < 6 && !agent.queues.empty()) {
    e.queue = agent.queues[r.Below(agent.queues.size())].queue;
  } else if (how == 9) {
    e.queue = static_cast<QueueId>(r.Below(center_->queues.size()));
  }
  step->event.body = e;
  return true;
}

}  // namespace acd::testing
