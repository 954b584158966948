// HugePageAllocator (lib/core/huge_pages.h): small blocks from operator new,
// large ones mapped on their own and aligned to a huge page; a vector grown
// across the threshold keeps its elements.
#include "lib/core/huge_pages.h"

#include <cstdint>
#include <cstring>
#include <new>
#include <vector>

#include "gtest/gtest.h"

namespace acd::core {
namespace {

struct Record {
  uint64_t id = 0;
  char pad[56] = {};
};

TEST(HugePageAllocator, ASmallBlockComesFromTheHeapAndIsUsable) {
  HugePageAllocator<Record> alloc;
  Record* p = alloc.allocate(16);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % alignof(Record), 0u);
  for (int i = 0; i < 16; ++i) p[i].id = static_cast<uint64_t>(i);
  EXPECT_EQ(p[15].id, 15u);
  alloc.deallocate(p, 16);
}

TEST(HugePageAllocator, ALargeBlockIsAlignedToAHugePageAndWritableToItsEnd) {
  HugePageAllocator<Record> alloc;
  const size_t n = 3 * kHugePageBytes / sizeof(Record) + 7;  // not a whole number of pages
  Record* p = alloc.allocate(n);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kHugePageBytes, 0u);
  std::memset(static_cast<void*>(p), 0xab, n * sizeof(Record));
  p[n - 1].id = 42;
  EXPECT_EQ(p[n - 1].id, 42u);
  EXPECT_EQ(p[0].pad[0], static_cast<char>(0xab));
  alloc.deallocate(p, n);
}

TEST(HugePageAllocator, AVectorGrownAcrossTheThresholdKeepsItsElements) {
  std::vector<Record, HugePageAllocator<Record>> records;
  const size_t n = 2 * kHugePageBytes / sizeof(Record) + 1000;
  for (size_t i = 0; i < n; ++i) {
    Record r;
    r.id = i * 7 + 1;
    records.push_back(r);
  }
  EXPECT_EQ(reinterpret_cast<uintptr_t>(records.data()) % kHugePageBytes, 0u);
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(records[i].id, i * 7 + 1) << "at " << i;
  records.resize(10);  // shrinking keeps the block; clearing and freeing it
  records.shrink_to_fit();
  EXPECT_EQ(records[9].id, 9u * 7 + 1);
}

TEST(HugePageAllocator, AnImpossibleSizeThrowsAsOperatorNewDoes) {
  HugePageAllocator<Record> alloc;
  // More bytes than size_t counts, and a count no memory holds.
  EXPECT_THROW(alloc.allocate(SIZE_MAX / sizeof(Record) + 1), std::bad_array_new_length);
  EXPECT_THROW(alloc.allocate(SIZE_MAX / sizeof(Record)), std::bad_alloc);
  EXPECT_THROW(alloc.allocate((SIZE_MAX >> 8) / sizeof(Record)), std::bad_alloc);
}

}  // namespace
}  // namespace acd::core
