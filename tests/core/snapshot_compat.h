// The stored snapshots of tests/core/data and how a test plays them: a
// snapshot of each version and the commands the build that wrote it issued
// afterwards (snapshot_compat_test.cc, snapshot_compat_v11_test.cc).
//
// Write a version's files only when the format version is bumped, never to
// make a test pass (ACD_WRITE_SNAPSHOT_FIXTURE=1, see the tests).
#ifndef ACD_TESTS_CORE_SNAPSHOT_COMPAT_H_
#define ACD_TESTS_CORE_SNAPSHOT_COMPAT_H_

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "gtest/gtest.h"
#include "tests/core/describe.h"
#include "tests/core/scripted_engine.h"

namespace acd::testing {

inline const std::string kSnapshotDir = ACD_CORE_TEST_DATA_DIR;

inline std::string SnapshotFile(int version) {
  return kSnapshotDir + "/snapshot_v" + std::to_string(version) + ".bin";
}
inline std::string CommandsFile(int version) {
  return kSnapshotDir + "/snapshot_v" + std::to_string(version) + "_after.txt";
}

using EventList = std::vector<Event> (*)();

// Call `call` enters `queue` at at_ms (event `id`).
inline Event EnqueueAt(EventId id, TimeMs at_ms, CallId call, QueueId queue) {
  CallEnqueue e;
  e.call = call;
  e.queue = queue;
  return {id, at_ms, e};
}

inline std::string Play(Engine& engine, VectorSink& sink, EventList afterwards) {
  sink.commands.clear();
  for (const Event& e : afterwards()) {
    absl::Status s = engine.Apply(e);
    if (!s.ok()) return "rejected " + DescribeEvent(e) + ": " + s.ToString();
  }
  if (!engine.AdvanceTo(600'000).ok()) return "AdvanceTo failed";
  std::string out;
  for (const Command& c : sink.commands) out += DescribeCommand(c) + "\n";
  return out;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void ExpectRestoresAndDecidesAlike(int version, EventList afterwards,
                                          const CenterConfig& center) {
  const std::string bytes = ReadFile(SnapshotFile(version));
  ASSERT_FALSE(bytes.empty()) << "cannot read " << SnapshotFile(version);
  VectorSink sink;
  auto restored = Engine::Restore(center, bytes, &sink);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_TRUE(sink.commands.empty());
  const std::string expected = ReadFile(CommandsFile(version));
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(Play(**restored, sink, afterwards), expected);
}

}  // namespace acd::testing

#endif  // ACD_TESTS_CORE_SNAPSHOT_COMPAT_H_
