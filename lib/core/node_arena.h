// NodeArena: the memory of one engine's indexes: the nodes of the ready and
// waiting indexes' btree sets, a waiting index's per-stage blocks of sets
// and each queue's pools. Blocks are carved from chunks: the first one is
// 64 KiB from the heap, which holds a small engine's; each later one is a
// huge page (huge_pages.h). A freed block goes on a free list of its size
// class and the next block of that size reuses it, so the indexes stay
// within a few megabytes the TLB covers in a handful of entries
// (bench/RESULTS.md measures it at 10,000 agents). Chunks go back when the
// arena dies.
//
// NodeArenaAllocator<T> is the standard allocator over one arena, for the
// containers of one engine (an allocator with no arena uses AllocateBlock).
// It propagates on move, copy and swap, so a container always frees its
// blocks into the arena they came from. MakeInArena makes one object there,
// owned by an ArenaPtr (a unique_ptr whose deleter knows the arena).
//
// Not thread-safe: an arena belongs to one engine, which is used by one
// thread at a time. The arena must outlive every container that uses it
// (EngineImpl declares it before its queues).
//
// Invariants: every block handed out is 16-byte aligned and lies in one
// chunk; a block on a free list is not handed out; blocks larger than
// kMaxBlockBytes or aligned more than 16 bytes never touch the arena's
// chunks. Under AddressSanitizer, free blocks and the unused part of a chunk
// are poisoned, so a use after free inside the arena is reported.
#ifndef ACD_LIB_CORE_NODE_ARENA_H_
#define ACD_LIB_CORE_NODE_ARENA_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/huge_pages.h"

namespace acd::core {

class NodeArena {
 public:
  static constexpr size_t kGrain = 16;           // block sizes round up to it
  static constexpr size_t kMaxBlockBytes = size_t{16} << 10;  // larger: AllocateBlock
  static constexpr size_t kFirstChunkBytes = size_t{64} << 10;

  NodeArena() = default;
  NodeArena(const NodeArena&) = delete;
  NodeArena& operator=(const NodeArena&) = delete;
  ~NodeArena();

  // A block of `bytes` aligned to `align`; throws std::bad_alloc when no
  // memory is to be had. Deallocate takes the same bytes and align.
  void* Allocate(size_t bytes, size_t align);
  void Deallocate(void* p, size_t bytes, size_t align);

  // Bytes held in chunks (handed out, free or not yet carved). Walks the
  // chunk list: for tests and reports, not the hot path.
  size_t reserved_bytes() const;

 private:
  static bool Pooled(size_t bytes, size_t align) {
    return bytes != 0 && bytes <= kMaxBlockBytes && align <= kGrain;
  }
  static size_t ClassOf(size_t bytes) { return (bytes + kGrain - 1) / kGrain; }
  // Carves a block of `rounded` bytes, adding a chunk when the current one
  // is short.
  void* Carve(size_t rounded);

  struct Chunk {
    void* base;
    size_t bytes;
  };
  std::array<void*, kMaxBlockBytes / kGrain + 1> free_{};  // by ClassOf
  char* cursor_ = nullptr;  // the current chunk's uncarved part
  char* end_ = nullptr;
  std::vector<Chunk> chunks_;
};

template <typename T>
class NodeArenaAllocator {
 public:
  using value_type = T;
  using propagate_on_container_copy_assignment = std::true_type;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;

  NodeArenaAllocator() = default;
  explicit NodeArenaAllocator(NodeArena* arena) : arena_(arena) {}
  template <typename U>
  NodeArenaAllocator(const NodeArenaAllocator<U>& other)  // NOLINT: rebinding
      : arena_(other.arena()) {}

  T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_array_new_length();
    const size_t bytes = n * sizeof(T);
    return static_cast<T*>(arena_ != nullptr ? arena_->Allocate(bytes, alignof(T))
                                             : AllocateBlock(bytes, alignof(T)));
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (arena_ != nullptr) {
      arena_->Deallocate(p, bytes, alignof(T));
    } else {
      FreeBlock(p, bytes, alignof(T));
    }
  }

  NodeArena* arena() const { return arena_; }
  template <typename U>
  bool operator==(const NodeArenaAllocator<U>& other) const {
    return arena_ == other.arena();
  }

 private:
  NodeArena* arena_ = nullptr;
};

// Destroys an object MakeInArena made and frees it into its arena.
template <typename T>
struct ArenaDeleter {
  NodeArena* arena = nullptr;
  void operator()(T* p) const {
    p->~T();
    NodeArenaAllocator<T>(arena).deallocate(p, 1);
  }
};
template <typename T>
using ArenaPtr = std::unique_ptr<T, ArenaDeleter<T>>;

// A T in `arena` (the heap when null), owned by the pointer returned.
template <typename T, typename... Args>
ArenaPtr<T> MakeInArena(NodeArena* arena, Args&&... args) {
  NodeArenaAllocator<T> alloc(arena);
  T* p = alloc.allocate(1);
  try {
    ::new (static_cast<void*>(p)) T(std::forward<Args>(args)...);
  } catch (...) {
    alloc.deallocate(p, 1);
    throw;
  }
  return ArenaPtr<T>(p, ArenaDeleter<T>{arena});
}

}  // namespace acd::core

#endif  // ACD_LIB_CORE_NODE_ARENA_H_
