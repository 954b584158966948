// Expiry FIFOs (lib/core/expiry_fifo.h): trimming to a window drops the
// oldest records first, due or not; expiring drops the records before a
// time and no later one; a record erases its entry only while it is the
// entry's latest, so an entry renewed since survives its older record.
#include "core/expiry_fifo.h"

#include <cstdint>
#include <map>
#include <string>

#include "gtest/gtest.h"

namespace acd::core {
namespace {

struct Entry {
  TimeMs until_ms;
};

using Map = std::map<std::string, Entry>;

// Makes (or renews) `key`'s entry until `until_ms`, as the engine does.
void Put(Map& map, ExpiryFifo<std::string>& fifo, const std::string& key, TimeMs until_ms) {
  map[key] = Entry{until_ms};
  fifo.emplace_back(until_ms, key);
}

TEST(ExpiryFifo, TrimToWindowDropsTheOldestFirst) {
  Map map;
  ExpiryFifo<std::string> fifo;
  Put(map, fifo, "a", 100);
  Put(map, fifo, "b", 50);  // due sooner, but made later: kept before "a" goes
  Put(map, fifo, "c", 200);
  TrimToWindow(fifo, map, 2);
  EXPECT_EQ(fifo.size(), 2u);
  EXPECT_FALSE(map.contains("a"));
  EXPECT_TRUE(map.contains("b"));
  EXPECT_TRUE(map.contains("c"));
  TrimToWindow(fifo, map, 0);
  EXPECT_TRUE(fifo.empty());
  EXPECT_TRUE(map.empty());
}

TEST(ExpiryFifo, ExpireBeforeDropsOnlyTheRecordsBeforeTheTime) {
  Map map;
  ExpiryFifo<std::string> fifo;
  Put(map, fifo, "a", 100);
  Put(map, fifo, "b", 150);
  Put(map, fifo, "c", 200);
  ExpireBefore(fifo, map, 150);  // "b" is due at 150: not before it
  EXPECT_EQ(fifo.size(), 2u);
  EXPECT_FALSE(map.contains("a"));
  EXPECT_TRUE(map.contains("b"));
  ExpireBefore(fifo, map, 1000);
  EXPECT_TRUE(fifo.empty());
  EXPECT_TRUE(map.empty());
}

TEST(ExpiryFifo, ARenewedEntrySurvivesItsOlderRecord) {
  Map map;
  ExpiryFifo<std::string> fifo;
  Put(map, fifo, "a", 100);
  Put(map, fifo, "a", 300);  // renewed: two records, the entry is the later one's
  ExpireBefore(fifo, map, 200);
  ASSERT_TRUE(map.contains("a"));
  EXPECT_EQ(map.at("a").until_ms, 300);
  EXPECT_EQ(fifo.size(), 1u);
  TrimToWindow(fifo, map, 0);  // the latest record takes the entry with it
  EXPECT_TRUE(map.empty());
}

TEST(ExpiryFifo, AnEntryErasedElsewhereLeavesItsRecordHarmless) {
  Map map;
  ExpiryFifo<std::string> fifo;
  Put(map, fifo, "a", 100);
  map.erase("a");  // consumed (a callback filed, a place resumed)
  Put(map, fifo, "b", 120);
  ExpireBefore(fifo, map, 110);
  EXPECT_EQ(fifo.size(), 1u);
  EXPECT_TRUE(map.contains("b"));
}

}  // namespace
}  // namespace acd::core
