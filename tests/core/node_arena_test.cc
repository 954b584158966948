// NodeArena (lib/core/node_arena.h): blocks of a size class are aligned,
// distinct and reused once freed; large or over-aligned blocks bypass the
// chunks; the arena grows from its first chunk into huge pages; a btree set
// over the arena behaves as std::set under a seeded random stream, and
// moving or swapping sets carries each one's arena with it; an object made
// in the arena goes back to it; a waiting index emptied and filled again
// takes no new chunk.
#include "core/node_arena.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "core/call_index.h"
#include "gtest/gtest.h"

namespace acd::core {
namespace {

using ArenaSet = absl::btree_set<uint64_t, std::less<uint64_t>, NodeArenaAllocator<uint64_t>>;

bool Aligned(const void* p, size_t align) {
  return reinterpret_cast<uintptr_t>(p) % align == 0;
}

TEST(NodeArena, BlocksOfAClassAreAlignedDistinctAndReusedOnceFreed) {
  NodeArena arena;
  std::vector<std::pair<char*, size_t>> blocks;
  for (size_t bytes : {8u, 16u, 24u, 200u, 256u, 520u, 2048u}) {
    for (int i = 0; i < 50; ++i) {
      char* p = static_cast<char*>(arena.Allocate(bytes, 8));
      ASSERT_TRUE(Aligned(p, NodeArena::kGrain)) << bytes;
      std::memset(p, static_cast<int>(blocks.size() & 0xff), bytes);
      blocks.emplace_back(p, bytes);
    }
  }
  // No two blocks overlap: each still holds what was written to it.
  for (size_t i = 0; i < blocks.size(); ++i) {
    for (size_t b = 0; b < blocks[i].second; ++b) {
      ASSERT_EQ(static_cast<unsigned char>(blocks[i].first[b]), i & 0xff) << i;
    }
  }
  const size_t reserved = arena.reserved_bytes();
  EXPECT_GT(reserved, 0u);
  // A freed block is the next one handed out for its class (the last freed
  // first), and a different class does not take it.
  auto [p200, n200] = blocks[150];
  arena.Deallocate(p200, n200, 8);
  char* other = static_cast<char*>(arena.Allocate(520, 8));
  EXPECT_NE(other, p200);
  EXPECT_EQ(arena.Allocate(208, 8), p200) << "200 and 208 bytes round to one class";
  arena.Deallocate(blocks[0].first, 8, 8);
  arena.Deallocate(blocks[1].first, 8, 8);
  EXPECT_EQ(arena.Allocate(8, 8), blocks[1].first);
  EXPECT_EQ(arena.Allocate(8, 8), blocks[0].first);
  EXPECT_EQ(arena.reserved_bytes(), reserved) << "reuse and a carve within the chunk";
}

TEST(NodeArena, LargeAndOverAlignedBlocksBypassTheChunks) {
  NodeArena arena;
  void* large = arena.Allocate(NodeArena::kMaxBlockBytes + 1, 8);
  void* aligned = arena.Allocate(64, 64);
  void* huge = arena.Allocate(kHugePageBytes, 8);
  EXPECT_EQ(arena.reserved_bytes(), 0u);
  EXPECT_TRUE(Aligned(aligned, 64));
  EXPECT_TRUE(Aligned(huge, kHugePageBytes));
  std::memset(large, 1, NodeArena::kMaxBlockBytes + 1);
  std::memset(aligned, 2, 64);
  std::memset(huge, 3, kHugePageBytes);
  arena.Deallocate(large, NodeArena::kMaxBlockBytes + 1, 8);
  arena.Deallocate(aligned, 64, 64);
  arena.Deallocate(huge, kHugePageBytes, 8);
  EXPECT_EQ(arena.reserved_bytes(), 0u);
}

TEST(NodeArena, GrowsFromItsFirstChunkIntoHugePages) {
  NodeArena arena;
  const size_t per_chunk = NodeArena::kFirstChunkBytes / 256;
  std::vector<char*> blocks;
  for (size_t i = 0; i < per_chunk; ++i) {
    blocks.push_back(static_cast<char*>(arena.Allocate(256, 8)));
  }
  EXPECT_EQ(arena.reserved_bytes(), NodeArena::kFirstChunkBytes);
  char* next = static_cast<char*>(arena.Allocate(256, 8));
  EXPECT_EQ(arena.reserved_bytes(), NodeArena::kFirstChunkBytes + kHugePageBytes);
  // The second chunk is a huge page of its own: its first block opens it.
  EXPECT_TRUE(Aligned(next, kHugePageBytes));
  // Write to the last byte of the huge page.
  for (size_t i = 1; i < kHugePageBytes / 256; ++i) {
    char* p = static_cast<char*>(arena.Allocate(256, 8));
    ASSERT_EQ(p, next + i * 256);
    p[255] = 1;
  }
  EXPECT_EQ(arena.reserved_bytes(), NodeArena::kFirstChunkBytes + kHugePageBytes);
}

#if defined(__SANITIZE_ADDRESS__)
// The header's promise: a freed block and the uncarved rest of a chunk are
// poisoned, so AddressSanitizer reports a use inside the arena.
TEST(NodeArenaDeathTest, AddressSanitizerSeesAUseAfterFreeInsideTheArena) {
  NodeArena arena;
  char* p = static_cast<char*>(arena.Allocate(64, 8));
  arena.Deallocate(p, 64, 8);
  volatile char* freed = p;
  EXPECT_DEATH(freed[40] = 1, "use-after-poison");
  volatile char* uncarved = static_cast<char*>(arena.Allocate(64, 8)) + 64;
  EXPECT_DEATH(uncarved[0] = 1, "use-after-poison");
}
#endif

TEST(NodeArenaAllocator, ImpossibleCountsThrow) {
  NodeArena arena;
  NodeArenaAllocator<uint64_t> alloc(&arena);
  EXPECT_THROW(alloc.allocate(SIZE_MAX / 4), std::bad_array_new_length);
  EXPECT_EQ(arena.reserved_bytes(), 0u);
}

TEST(NodeArenaAllocator, ABtreeSetOverTheArenaMatchesStdSet) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    NodeArena arena;
    std::mt19937_64 rng(seed);
    ArenaSet set{NodeArenaAllocator<uint64_t>(&arena)};
    std::set<uint64_t> model;
    for (int step = 0; step < 20000; ++step) {
      const uint64_t key = rng() % 3000;
      if (rng() % 3 == 0) {
        ASSERT_EQ(set.erase(key), model.erase(key)) << "seed " << seed << " step " << step;
      } else {
        ASSERT_EQ(set.insert(key).second, model.insert(key).second)
            << "seed " << seed << " step " << step;
      }
      if (step % 997 == 0) {
        ASSERT_TRUE(std::equal(set.begin(), set.end(), model.begin(), model.end()))
            << "seed " << seed << " step " << step;
      }
    }
    ASSERT_TRUE(std::equal(set.begin(), set.end(), model.begin(), model.end())) << seed;
    EXPECT_GT(arena.reserved_bytes(), 0u);
    EXPECT_EQ(set.get_allocator().arena(), &arena);
  }
}

TEST(NodeArenaAllocator, MovedAndSwappedSetsKeepTheirNodesArena) {
  NodeArena one, two;
  ArenaSet a{NodeArenaAllocator<uint64_t>(&one)};
  ArenaSet b{NodeArenaAllocator<uint64_t>(&two)};
  for (uint64_t k = 0; k < 500; ++k) {
    a.insert(k);
    b.insert(k + 1000);
  }
  a.swap(b);
  EXPECT_EQ(a.get_allocator().arena(), &two);
  EXPECT_EQ(b.get_allocator().arena(), &one);
  EXPECT_EQ(*a.begin(), 1000u);
  // Assigning takes the source's arena along with its nodes: a's old nodes
  // went back to `two`, and the set now allocates from `one`.
  a = std::move(b);
  EXPECT_EQ(a.get_allocator().arena(), &one);
  for (uint64_t k = 500; k < 1000; ++k) a.insert(k);
  EXPECT_EQ(a.size(), 1000u);
  ArenaSet copy(a);
  EXPECT_EQ(copy.get_allocator().arena(), &one);
  EXPECT_TRUE(std::equal(copy.begin(), copy.end(), a.begin(), a.end()));
  // A set with no arena uses the heap.
  ArenaSet heap;
  heap.insert(7);
  EXPECT_EQ(heap.get_allocator().arena(), nullptr);
}

struct Tracked {
  static inline int alive = 0;
  explicit Tracked(bool fail) : payload{} {
    if (fail) throw std::runtime_error("refused");
    ++alive;
  }
  ~Tracked() { --alive; }
  std::array<uint64_t, 40> payload;
};

TEST(MakeInArena, AnObjectLivesInTheArenaAndGoesBackToItWhenDestroyed) {
  NodeArena arena;
  Tracked* first = nullptr;
  {
    ArenaPtr<Tracked> p = MakeInArena<Tracked>(&arena, false);
    first = p.get();
    EXPECT_EQ(Tracked::alive, 1);
    EXPECT_EQ(p.get_deleter().arena, &arena);
    ArenaPtr<Tracked> moved = std::move(p);
    EXPECT_EQ(moved.get(), first);
    EXPECT_EQ(Tracked::alive, 1);
  }
  EXPECT_EQ(Tracked::alive, 0);
  const size_t reserved = arena.reserved_bytes();
  // A constructor that throws gives its block back: the next object takes it.
  EXPECT_THROW(MakeInArena<Tracked>(&arena, true), std::runtime_error);
  ArenaPtr<Tracked> again = MakeInArena<Tracked>(&arena, false);
  EXPECT_EQ(again.get(), first);
  EXPECT_EQ(arena.reserved_bytes(), reserved);
  // With no arena the object is on the heap.
  ArenaPtr<Tracked> heap = MakeInArena<Tracked>(nullptr, false);
  EXPECT_EQ(heap.get_deleter().arena, nullptr);
  EXPECT_EQ(Tracked::alive, 2);
}

TEST(NodeArenaAllocator, AWaitingIndexRefilledTakesNoNewChunk) {
  NodeArena arena;
  WaitingIndex index(&arena);
  const LevelRange any{};
  auto fill = [&] {
    for (uint32_t i = 0; i < 20000; ++i) {
      index.Insert(static_cast<int>(i % 2), any, CallKey{-static_cast<int32_t>(i % 5), i, i});
    }
  };
  auto drain = [&] {
    for (uint32_t i = 0; i < 20000; ++i) {
      index.Erase(static_cast<int>(i % 2), any, CallKey{-static_cast<int32_t>(i % 5), i, i});
    }
  };
  fill();
  EXPECT_EQ(index.size(), 20000u);
  const size_t reserved = arena.reserved_bytes();
  EXPECT_GT(reserved, NodeArena::kFirstChunkBytes);
  drain();
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.Consistent());
  fill();
  EXPECT_EQ(arena.reserved_bytes(), reserved);
  EXPECT_TRUE(index.Consistent());
  drain();
}

}  // namespace
}  // namespace acd::core
