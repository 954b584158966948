// Reads on the shard thread (Shard::SubmitRead), the event behind each
// command (SequencedCommand::cause_event), the release listener, and the
// readers' view being published before the acknowledgement when the inbox
// is empty.
#include <algorithm>
#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/runtime/runtime_testkit.h"

namespace acd {
namespace {

using testing::TinyCenter;
using testing::WaitFor;

TEST(ShardRead, SeesEveryInputSubmittedBeforeIt) {
  auto shard = Shard::Start("s", TinyCenter(2));
  ASSERT_TRUE(shard.ok()) << shard.status();
  std::promise<absl::Status> acked;
  ASSERT_TRUE((*shard)->Submit(Event{1, 0, AgentLogin{1}}, [&](const absl::Status& s) {
    acked.set_value(s);
  }).ok());
  std::promise<AgentState> state;
  std::promise<uint64_t> seq;
  ASSERT_TRUE((*shard)->SubmitRead([&](const Engine& engine, uint64_t last_seq) {
    state.set_value(engine.GetAgent(1)->state);
    seq.set_value(last_seq);
  }).ok());
  EXPECT_TRUE(acked.get_future().get().ok());
  EXPECT_EQ(state.get_future().get(), AgentState::kReady);
  EXPECT_EQ(seq.get_future().get(), 1u);  // the login's AgentStateChanged
}

TEST(ShardRead, IsRefusedOnceStoppedAndNeverRun) {
  auto shard = Shard::Start("s", TinyCenter(1));
  ASSERT_TRUE(shard.ok());
  (*shard)->Stop();
  std::atomic<bool> ran{false};
  absl::Status s = (*shard)->SubmitRead([&](const Engine&, uint64_t) { ran = true; });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(ran.load());
}

TEST(ShardRead, StopRunsEveryAcceptedRead) {
  auto shard = Shard::Start("s", TinyCenter(1));
  ASSERT_TRUE(shard.ok());
  std::atomic<int> ran{0};
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE((*shard)->SubmitRead([&](const Engine&, uint64_t) { ++ran; }).ok());
  }
  (*shard)->Stop();  // returns only after every accepted item was taken
  EXPECT_EQ(ran.load(), 100);
}

TEST(ShardCause, CommandsCarryTheEventThatCausedThemAndTimersNone) {
  ManualClock clock(1000);
  ShardOptions options;
  options.clock = &clock;
  auto shard = Shard::Start("s", TinyCenter(1, /*ring_ms=*/5000), options);
  ASSERT_TRUE(shard.ok());
  auto sub = (*shard)->Subscribe("t");
  ASSERT_TRUE((*shard)->Submit(Event{11, 0, AgentLogin{1}}, nullptr).ok());
  ASSERT_TRUE((*shard)->Submit(Event{12, 0, CallArrive{77, {}}}, nullptr).ok());
  ASSERT_TRUE((*shard)->Submit(testing::EnqueueEvent(13, 77), nullptr).ok());
  std::vector<SequencedCommand> got;
  ASSERT_TRUE(WaitFor([&] {
    (void)sub->Take(&got, 100, std::chrono::milliseconds(1));
    for (const auto& c : got) {
      if (std::holds_alternative<Offer>(c.command.body)) return true;
    }
    return false;
  }));
  for (const SequencedCommand& c : got) {
    if (std::holds_alternative<Offer>(c.command.body)) {
      EXPECT_EQ(c.cause_event, 13u);
    }
    if (std::holds_alternative<AgentStateChanged>(c.command.body) &&
        std::get<AgentStateChanged>(c.command.body).state == AgentState::kReady) {
      EXPECT_EQ(c.cause_event, 11u);
    }
  }
  clock.Advance(6000);  // the ring times out: a timer, no event
  ASSERT_TRUE(WaitFor([&] {
    (void)sub->Take(&got, 100, std::chrono::milliseconds(1));
    for (const auto& c : got) {
      if (std::holds_alternative<CancelOffer>(c.command.body)) return true;
    }
    return false;
  }));
  for (const SequencedCommand& c : got) {
    if (std::holds_alternative<CancelOffer>(c.command.body)) {
      EXPECT_EQ(c.cause_event, 0u);
    }
  }
}

TEST(ShardView, IsPublishedBeforeTheAckWhenTheInboxIsEmpty) {
  auto shard = Shard::Start("s", TinyCenter(3));
  ASSERT_TRUE(shard.ok());
  for (AgentId agent = 1; agent <= 3; ++agent) {
    std::promise<void> acked;
    ASSERT_TRUE((*shard)->Submit(Event{agent, 0, AgentLogin{agent}}, [&](const absl::Status&) {
      acked.set_value();
    }).ok());
    acked.get_future().wait();
    // Nothing else was submitted: the view already shows the login.
    EXPECT_EQ((*shard)->Snapshot()->agents[agent - 1].state, AgentState::kReady) << agent;
  }
}

// The listener: every released command once, in seq order with no gap,
// each batch before its acks (an ack's event's commands were all seen),
// and OnReleaseDone after the batch's acks.
class RecordingListener : public ReleaseListener {
 public:
  void OnRelease(const std::vector<SequencedCommand>& commands) override {
    EXPECT_FALSE(open_) << "a release began inside another";
    open_ = true;
    for (const SequencedCommand& c : commands) {
      EXPECT_EQ(c.seq, last_seq_ + 1) << "a gap or a repeat in the released numbering";
      last_seq_ = c.seq;
      if (c.cause_event != 0) seen_causes_.push_back(c.cause_event);
    }
  }
  void OnReleaseDone() override {
    EXPECT_TRUE(open_);
    open_ = false;
    ++batches_;
  }
  // On the shard thread, from an ack: the event's commands were released.
  bool Saw(EventId cause) const {
    return std::find(seen_causes_.begin(), seen_causes_.end(), cause) != seen_causes_.end();
  }
  bool open() const { return open_; }
  uint64_t last_seq() const { return last_seq_; }

 private:
  bool open_ = false;
  uint64_t last_seq_ = 0;
  uint64_t batches_ = 0;
  std::vector<EventId> seen_causes_;
};

TEST(ShardListener, SeesEveryCommandInOrderBeforeTheAcks) {
  RecordingListener listener;
  ShardOptions options;
  options.listener = &listener;
  auto shard = Shard::Start("s", TinyCenter(4), options);
  ASSERT_TRUE(shard.ok()) << shard.status();
  auto sub = (*shard)->Subscribe("t");
  constexpr int kCalls = 200;
  std::atomic<int> acked{0};
  std::atomic<int> unseen{0};
  // With `commands`, the event causes one (a login a state change, an
  // enqueue an offer or a CallQueued, a hang-up a CallEnded; an arrival
  // none).
  auto submit = [&](Event event, bool commands) {
    const EventId id = event.id;
    ASSERT_TRUE((*shard)->Submit(std::move(event), [&, id, commands](const absl::Status& s) {
      EXPECT_TRUE(s.ok()) << s;
      if (!listener.open() || (commands && !listener.Saw(id))) ++unseen;
      ++acked;
    }).ok());
  };
  for (AgentId agent = 1; agent <= 4; ++agent) submit(Event{agent, 0, AgentLogin{agent}}, true);
  EventId next = 10;
  for (CallId call = 1; call <= kCalls; ++call) {
    submit(Event{next++, 0, CallArrive{call, {}}}, false);
    submit(testing::EnqueueEvent(next++, call), true);
    submit(Event{next++, 0, CallHangup{call}}, true);
  }
  const int events = 4 + 3 * kCalls;
  ASSERT_TRUE(WaitFor([&] { return acked.load() == events; }));
  (*shard)->Stop();
  EXPECT_EQ(unseen.load(), 0) << "an ack ran before its event's commands were released";
  EXPECT_FALSE(listener.open());
  // The listener saw exactly what a subscriber got.
  std::vector<SequencedCommand> got;
  while (sub->Take(&got, 4096, std::chrono::milliseconds(1)).value_or(0) > 0) {
  }
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(listener.last_seq(), got.back().seq);
}

// Two threads take turns submitting through one producer (each Submit
// returns before the other thread's begins): the shard applies them in
// that order, as the acks (run in apply order) show.
TEST(ShardProducerOrder, KeepsTheOrderOfSubmitsFromTakingTurnsThreads) {
  auto shard = Shard::Start("s", TinyCenter(1));
  ASSERT_TRUE(shard.ok());
  std::unique_ptr<ShardProducer> producer = (*shard)->NewProducer();
  constexpr int kEvents = 4000;
  std::vector<int> applied;  // shard thread only
  std::atomic<int> turn{0};
  std::atomic<int> acked{0};
  auto run = [&](int parity) {
    for (int i = parity; i < kEvents; i += 2) {
      while (turn.load() != i) std::this_thread::yield();
      // Login and logout alternate: each is accepted only in its turn.
      EventBody body = i % 4 < 2 ? EventBody{AgentLogin{1}} : EventBody{AgentLogout{1}};
      absl::Status s;
      do {
        s = (*shard)->Submit(Event{static_cast<EventId>(i + 1), 0, body},
                             [&, i](const absl::Status& status) {
                               applied.push_back(i);
                               ++acked;
                             },
                             producer.get());
      } while (s.code() == absl::StatusCode::kResourceExhausted);
      ASSERT_TRUE(s.ok()) << s;
      turn.store(i + 1);
    }
  };
  std::thread even(run, 0), odd(run, 1);
  even.join();
  odd.join();
  ASSERT_TRUE(WaitFor([&] { return acked.load() == kEvents; }));
  (*shard)->Stop();
  for (int i = 0; i < kEvents; ++i) ASSERT_EQ(applied[i], i) << "applied out of order";
}

}  // namespace
}  // namespace acd
