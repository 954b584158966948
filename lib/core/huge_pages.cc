#include "core/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace acd::core {

namespace {

size_t RoundUp(size_t bytes) {
  return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
}

void* MapHugePages(size_t bytes) {
  // Map a huge page more than asked, keep the aligned part, give back the
  // rest: mmap aligns to a small page only.
  const size_t mapped = bytes + kHugePageBytes;
  void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePageBytes - 1) & ~(uintptr_t{kHugePageBytes} - 1);
  if (aligned > start) munmap(raw, aligned - start);
  const uintptr_t end = start + mapped;
  if (end > aligned + bytes) munmap(reinterpret_cast<void*>(aligned + bytes), end - aligned - bytes);
  // A hint: where the kernel gives no huge pages the mapping still serves.
  madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

}  // namespace

void* AllocateBlock(size_t bytes, size_t align) {
  if (bytes < kHugePageBytes) return ::operator new(bytes, std::align_val_t{align});
  if (bytes > SIZE_MAX - 2 * kHugePageBytes) throw std::bad_alloc();
  return MapHugePages(RoundUp(bytes));
}

void FreeBlock(void* p, size_t bytes, size_t align) {
  if (bytes < kHugePageBytes) {
    ::operator delete(p, std::align_val_t{align});
    return;
  }
  munmap(p, RoundUp(bytes));
}

}  // namespace acd::core
