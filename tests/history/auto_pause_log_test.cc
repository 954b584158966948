// The queue log of max_misses' automatic pause, as app_queue writes it:
// after the RINGNOANSWER line, autopause = yes writes
// `support|NONE|member|PAUSE|Auto-Pause` (set_member_paused with the
// queue's name), autopause = all `NONE|NONE|member|PAUSEALL|Auto-Pause`
// and a PAUSE line per queue. acd writes the pause in one queue
// (auto_pause_here_only) as its PAUSE line under the queue's name with
// reason no_answer, and the pause everywhere as the agent line PAUSE under
// NONE, as for any pause of either kind.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "acd/engine.h"
#include "acd/queue_log.h"
#include "gtest/gtest.h"

namespace acd {
namespace {

// Anna (101) in support and sales, max_misses 1; a support call rings her
// from 1 s for 10 s: the queue log's lines of the ring's end (the call
// back in line last).
std::vector<std::string> LinesOfAMiss(bool here_only) {
  CenterConfig c;
  QueueConfig support;
  support.name = "support";
  support.max_misses = 1;
  support.auto_pause_here_only = here_only;
  QueueConfig sales = support;
  sales.name = "sales";
  c.queues = {support, sales};
  AgentConfig anna;
  anna.id = 101;
  anna.name = "Anna";
  anna.queues = {Membership{0, 5, 0, 0, 1.0}, Membership{1, 5, 0, 0, 1.0}};
  c.agents = {anna};
  VectorSink sink;
  auto engine = Engine::Create(c, &sink, EngineOptions{1});
  EXPECT_TRUE(engine.ok()) << engine.status();
  if (!engine.ok()) return {};
  CallEnqueue enqueue;  // field by field: GCC 12 misreads a braced empty InlinedVector
  enqueue.call = 7;
  for (const Event& e : {Event{0, 0, AgentLogin{101, true}}, Event{0, 1'000, CallArrive{7, {}}},
                         Event{0, 1'000, enqueue}}) {
    EXPECT_TRUE((*engine)->Apply(e).ok()) << DescribeEvent(e);
  }
  EXPECT_TRUE((*engine)->AdvanceTo(11'000).ok());
  QueueLogFormatter f(c);
  std::vector<std::string> lines;
  for (const Command& cmd : sink.commands) {
    std::string line = FormatQueueLogLine(f.Format(cmd));
    if (cmd.time_ms == 11'000 && !absl::StrContains(line, "|ENTERQUEUE|")) {
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

TEST(AutoPauseLog, HereOnlyIsAPauseLineUnderTheQueue) {
  EXPECT_EQ(LinesOfAMiss(/*here_only=*/true),
            (std::vector<std::string>{
                "11000|1970-01-01T00:00:11.000Z|7|support|Anna|RINGNOANSWER|10000",
                "11000|1970-01-01T00:00:11.000Z|NONE|NONE|Anna|READY|ready|none",
                "11000|1970-01-01T00:00:11.000Z|NONE|support|Anna|PAUSE|not_ready|no_answer",
                "11000|1970-01-01T00:00:11.000Z|7|support|NONE|REQUEUE|1"}));
}

TEST(AutoPauseLog, EverywhereIsTheAgentsPauseLine) {
  EXPECT_EQ(LinesOfAMiss(/*here_only=*/false),
            (std::vector<std::string>{
                "11000|1970-01-01T00:00:11.000Z|7|support|Anna|RINGNOANSWER|10000",
                "11000|1970-01-01T00:00:11.000Z|NONE|NONE|Anna|PAUSE|not_ready|no_answer",
                "11000|1970-01-01T00:00:11.000Z|7|support|NONE|REQUEUE|1"}));
}

}  // namespace
}  // namespace acd
