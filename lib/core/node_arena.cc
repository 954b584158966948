#include "core/node_arena.h"

#include <sanitizer/asan_interface.h>  // no-op macros without AddressSanitizer

namespace acd::core {

NodeArena::~NodeArena() {
  for (const Chunk& c : chunks_) {
    ASAN_UNPOISON_MEMORY_REGION(c.base, c.bytes);
    FreeBlock(c.base, c.bytes, kGrain);
  }
}

void* NodeArena::Allocate(size_t bytes, size_t align) {
  if (!Pooled(bytes, align)) return AllocateBlock(bytes, align);
  void*& head = free_[ClassOf(bytes)];
  if (head != nullptr) {
    void* block = head;
    ASAN_UNPOISON_MEMORY_REGION(block, bytes);
    head = *static_cast<void**>(block);
    return block;
  }
  void* block = Carve(ClassOf(bytes) * kGrain);
  ASAN_UNPOISON_MEMORY_REGION(block, bytes);
  return block;
}

void NodeArena::Deallocate(void* p, size_t bytes, size_t align) {
  if (!Pooled(bytes, align)) {
    FreeBlock(p, bytes, align);
    return;
  }
  void*& head = free_[ClassOf(bytes)];
  *static_cast<void**>(p) = head;
  head = p;
  ASAN_POISON_MEMORY_REGION(p, bytes);
}

size_t NodeArena::reserved_bytes() const {
  size_t total = 0;
  for (const Chunk& chunk : chunks_) total += chunk.bytes;
  return total;
}

void* NodeArena::Carve(size_t rounded) {
  if (static_cast<size_t>(end_ - cursor_) < rounded) {
    // The rest of the current chunk (shorter than the block asked for) is
    // left unused. A small engine's indexes fit the first chunk; a larger
    // one's go to huge pages from the second on.
    const size_t bytes = chunks_.empty() ? kFirstChunkBytes : kHugePageBytes;
    chunks_.reserve(chunks_.size() + 1);  // no throw once the chunk is had
    void* base = AllocateBlock(bytes, kGrain);
    chunks_.push_back(Chunk{base, bytes});
    cursor_ = static_cast<char*>(base);
    end_ = cursor_ + bytes;
    ASAN_POISON_MEMORY_REGION(base, bytes);  // unpoisoned as carved
  }
  void* block = cursor_;
  cursor_ += rounded;
  return block;
}

}  // namespace acd::core
