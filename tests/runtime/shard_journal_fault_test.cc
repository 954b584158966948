// ShardJournal under I/O faults (tests/env's FaultInjectionEnv): a failed
// write or sync, or a full disk, fails the journal for good with a clear
// status, and recovery still has every input that was synced before.
#include <functional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/env/fault_injection_env.h"
#include "tests/env/temp_dir.h"
#include "tests/runtime/shard_test_util.h"

namespace acd {
namespace {

using test_env::FaultInjectionEnv;
using test_env::TempDir;
using test_runtime::Feed;
using test_runtime::HashAfter;
using test_runtime::InputStream;
using test_runtime::MakeStream;
using ::testing::HasSubstr;

// Journals 300 inputs and syncs, then 200 more with `fault` armed before
// their Sync; the Sync must fail with `code` and the journal stay failed.
// Then a power loss and recovery: at least the 300 synced inputs, replayed
// to the hash of an engine that applied exactly what was recovered.
void SyncFailsThenRecover(const std::function<void(FaultInjectionEnv&)>& fault,
                          absl::StatusCode code, std::string_view message) {
  TempDir dir;
  FaultInjectionEnv env;
  const InputStream stream = MakeStream(11, 600);
  ASSERT_GE(stream.inputs.size(), 500u);
  ShardJournalOptions options;
  options.journal.buffer_bytes = 1 << 20;  // nothing written before Sync
  NullSink sink;
  auto opened = ShardJournal::Create(env, dir.path(), stream.center, stream.engine_seed, &sink,
                                     options);
  ASSERT_TRUE(opened.ok()) << opened.status();
  size_t i = 0;
  for (; i < 300; ++i) ASSERT_TRUE(Feed(*opened->journal, *opened->engine, stream.inputs[i]).ok());
  ASSERT_TRUE(opened->journal->Sync().ok());
  for (; i < 500; ++i) ASSERT_TRUE(Feed(*opened->journal, *opened->engine, stream.inputs[i]).ok());
  fault(env);
  const absl::Status failed = opened->journal->Sync();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.code(), code) << failed;
  EXPECT_THAT(failed.message(), HasSubstr(message));
  env.ClearFaults();
  // Failed for good: the first error, from every later call.
  EXPECT_EQ(opened->journal->status(), failed);
  EXPECT_EQ(opened->journal->AppendAdvance(opened->engine->now_ms()), failed);
  EXPECT_EQ(opened->journal->Sync(), failed);
  EXPECT_EQ(opened->journal->MaybeSnapshot(*opened->engine), failed);
  opened->journal.reset();
  ASSERT_TRUE(env.DropUnsyncedData().ok());
  auto recovered = ShardJournal::Open(env, dir.path(), &sink, options);
  ASSERT_TRUE(recovered.ok()) << recovered.status();
  const uint64_t inputs = recovered->summary.journal.next_seq - 2;
  EXPECT_GE(inputs, 300u);
  EXPECT_EQ(recovered->engine->StateHash(), HashAfter(stream, stream.inputs, inputs));
}

TEST(ShardJournalFault, FailedSyncFailsForGoodAndRecoveryKeepsTheSynced) {
  SyncFailsThenRecover([](FaultInjectionEnv& env) { env.FailSyncs(1); },
                       absl::StatusCode::kInternal, "");
}

TEST(ShardJournalFault, FailedWriteFailsForGoodAndRecoveryKeepsTheSynced) {
  SyncFailsThenRecover([](FaultInjectionEnv& env) { env.FailWrites(1); },
                       absl::StatusCode::kInternal, "");
}

TEST(ShardJournalFault, DiskFullDuringSyncFailsForGoodAndRecoveryKeepsTheSynced) {
  SyncFailsThenRecover([](FaultInjectionEnv& env) { env.SetDiskBudget(100); },
                       absl::StatusCode::kResourceExhausted, "disk full");
}

TEST(ShardJournalFault, AFailedSnapshotWriteLeavesTheJournalUsable) {
  TempDir dir;
  FaultInjectionEnv env;
  const InputStream stream = MakeStream(12, 400);
  NullSink sink;
  auto opened = ShardJournal::Create(env, dir.path(), stream.center, stream.engine_seed, &sink,
                                     {});
  ASSERT_TRUE(opened.ok()) << opened.status();
  for (const ShardRecord& input : stream.inputs) {
    ASSERT_TRUE(Feed(*opened->journal, *opened->engine, input).ok());
  }
  env.FailRenames(1);  // the snapshot's atomic rename
  EXPECT_FALSE(opened->journal->SnapshotNow(*opened->engine).ok());
  EXPECT_TRUE(opened->journal->status().ok());
  EXPECT_TRUE(opened->journal->SnapshotNow(*opened->engine).ok());
  opened->journal.reset();
  auto recovered = ShardJournal::Open(env, dir.path(), &sink, {});
  ASSERT_TRUE(recovered.ok()) << recovered.status();
  EXPECT_TRUE(recovered->summary.journal.snapshot_seq.has_value());
  EXPECT_EQ(recovered->engine->StateHash(), opened->engine->StateHash());
}

}  // namespace
}  // namespace acd
