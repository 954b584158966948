// Scenario tests of channels: a queue's media and an agent's capacity per
// media beside its total. The peers' documented example (Genesys Cloud
// utilization: "if you want to alert an agent of an incoming call while
// they currently handle a chat, then on the Chat row, add Voice"; Amazon
// Connect's routing profile: chat concurrency 2, cross-channel behaviour
// ROUTE_ANY_CHANNEL or ROUTE_CURRENT_CHANNEL_ONLY): an agent with chat
// capacity 2 on two chats is offered a voice call when chat may be
// interrupted by voice, not when it may not; a third chat is never
// offered. A call keeps its media (moves into another media's queue are
// refused), and a snapshot and a reload keep the load per media.
#include <array>
#include <vector>

#include "absl/strings/match.h"
#include "tests/core/scenario_test.h"

namespace acd::testing {
namespace {

constexpr QueueId kVoice = 0;
constexpr QueueId kChat = 1;

// Queue "phone" (voice) and queue "web" (chat); agent 1 is a member of both
// with voice 1 and chat 2 (total 3); chat is interrupted by voice when
// `voice_interrupts_chat`. Agent 2 takes voice only.
CenterConfig Blended(bool voice_interrupts_chat) {
  CenterConfig c;
  QueueConfig phone;
  phone.name = "phone";
  QueueConfig web;
  web.name = "web";
  web.media = Media::kChat;
  c.queues = {phone, web};
  AgentConfig a;
  a.id = 1;
  a.capacity = 3;
  a.queues = {Membership{kVoice, 10, 0, 0, 1.0}, Membership{kChat, 10, 0, 0, 1.0}};
  a.channels = {ChannelConfig{Media::kVoice, 1, 0},
                ChannelConfig{Media::kChat, 2,
                              static_cast<uint8_t>(voice_interrupts_chat ? 1u << 0 : 0)}};
  c.agents.push_back(a);
  return c;
}

class ChannelsTest : public ScenarioTest {
 protected:
  // Agent 1 logs in and answers chats 10 and 11.
  void OnTwoChats(bool voice_interrupts_chat) {
    Start(Blended(voice_interrupts_chat));
    Login(0, {1});
    Connected(1, 10, 1, kChat);
    Connected(2, 11, 1, kChat);
    EXPECT_EQ(engine_->GetAgent(1)->load, 2u);
    EXPECT_EQ(engine_->GetAgent(1)->load_by_media, (std::array<uint32_t, kMediaCount>{0, 2, 0, 0}));
  }
};

TEST_F(ChannelsTest, VoiceInterruptsTwoChatsWhenAllowed) {
  OnTwoChats(/*voice_interrupts_chat=*/true);
  Clear();
  NewCall(3, 12, kChat);  // a third chat: chat capacity 2 is reached
  EXPECT_TRUE(OfferedTo(12).empty());
  NewCall(4, 20, kVoice);  // voice may interrupt chat: offered beside them
  EXPECT_EQ(OfferedTo(20), std::vector<AgentId>{1});
  ASSERT_TRUE(At(5, CallAnswer{20, 1}).ok());
  Clear();
  ASSERT_TRUE(At(6, CallEndTalk{10}).ok());  // a chat ends, but the voice call
  EXPECT_TRUE(OfferedTo(12).empty());        // may not be interrupted by chat
  ASSERT_TRUE(At(7, CallEndTalk{20}).ok());
  EXPECT_EQ(OfferedTo(12), std::vector<AgentId>{1});
}

TEST_F(ChannelsTest, NoVoiceOnChatsWhenNotAllowed) {
  OnTwoChats(/*voice_interrupts_chat=*/false);
  Clear();
  NewCall(3, 20, kVoice);  // total capacity 3 has room, chat's rule forbids
  EXPECT_TRUE(OfferedTo(20).empty());
  ASSERT_TRUE(At(4, CallEndTalk{10}).ok());
  EXPECT_TRUE(OfferedTo(20).empty());  // still on a chat
  ASSERT_TRUE(At(5, CallEndTalk{11}).ok());
  EXPECT_EQ(OfferedTo(20), std::vector<AgentId>{1});
}

// Without channels an agent takes any media up to its capacity (the
// behaviour before channels); the total bounds the channels too.
TEST_F(ChannelsTest, TotalCapacityBoundsEveryMedia) {
  CenterConfig c = Blended(true);
  c.agents[0].channels.clear();
  c.agents[0].capacity = 2;
  Start(c);
  Login(0, {1});
  Connected(1, 10, 1, kChat);
  Clear();
  NewCall(2, 20, kVoice);
  EXPECT_EQ(OfferedTo(20), std::vector<AgentId>{1});
  ASSERT_TRUE(At(3, CallAnswer{20, 1}).ok());
  NewCall(4, 11, kChat);
  EXPECT_TRUE(OfferedTo(11).empty());  // 2 calls: full
}

// A call keeps its media: moving it into a queue of another refuses, state
// unchanged; a colleague without room for the media refuses a transfer.
TEST_F(ChannelsTest, ACallKeepsItsMedia) {
  CenterConfig c = Blended(false);
  QueueConfig phone2;
  phone2.name = "phone2";
  c.queues.push_back(phone2);
  AgentConfig voice_only;
  voice_only.id = 2;
  voice_only.queues = {Membership{kVoice, 10, 0, 0, 1.0}};
  voice_only.channels = {ChannelConfig{Media::kVoice, 1, 0}};
  c.agents.push_back(voice_only);
  Start(c);
  Login(0, {1, 2});
  Connected(1, 10, 1, kChat);
  ExpectRejected(2, CallTransfer{10, 0, 0}, absl::StatusCode::kFailedPrecondition, "queue");
  ExpectRejected(2, CallTransferToAgent{10, 2}, absl::StatusCode::kFailedPrecondition, "agent");
  // A voice call may go to another voice queue.
  Connected(3, 20, 2, kVoice);
  EXPECT_TRUE(At(4, CallTransfer{20, 2, 0}).ok());
}

// The load per media survives a snapshot (derived from the calls' media)
// and a reload; a reload that would give a live call's queue another media
// is refused.
TEST_F(ChannelsTest, SnapshotAndReloadKeepTheLoadPerMedia) {
  OnTwoChats(/*voice_interrupts_chat=*/false);
  NewCall(3, 20, kVoice);
  auto restored = Engine::Restore(engine_->center(), engine_->Snapshot(), &sink_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  engine_ = std::move(*restored);
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  CenterConfig other = engine_->center();
  other.queues[kChat].media = Media::kEmail;
  other.agents[0].channels[1].media = Media::kEmail;
  const absl::Status refused = engine_->Reconfigure(other);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
  EXPECT_TRUE(absl::StrContains(refused.message(), "media")) << refused;
  // Voice may now interrupt chat: the waiting voice call is offered.
  Clear();
  ASSERT_TRUE(engine_->Reconfigure(Blended(true)).ok());
  ASSERT_TRUE(engine_->CheckInvariants().ok()) << engine_->CheckInvariants();
  EXPECT_EQ(OfferedTo(20), std::vector<AgentId>{1});
}

// The center names the field and the reason.
TEST_F(ChannelsTest, ValidationNamesTheField) {
  CenterConfig c = Blended(true);
  c.agents[0].channels[1].capacity = 5;  // above the total 3
  EXPECT_TRUE(absl::StrContains(ValidateCenter(c).message(), "agents[0].channels[1].capacity"));
  c = Blended(true);
  c.agents[0].channels[1].interrupted_by = 1u << 2;  // email: not a channel of the agent
  EXPECT_TRUE(absl::StrContains(ValidateCenter(c).message(), "agents[0].channels[1].interrupted_by"));
  c = Blended(true);
  c.agents[0].channels.pop_back();  // a member of the chat queue without chat
  EXPECT_TRUE(absl::StrContains(ValidateCenter(c).message(), "agents[0].queues[1].queue"));
  c = Blended(true);
  c.queues[kVoice].on_full = OverflowAction{OverflowKind::kQueue, kChat, ""};
  EXPECT_TRUE(absl::StrContains(ValidateCenter(c).message(), "queues[0].on_full.queue"));
}

}  // namespace
}  // namespace acd::testing
