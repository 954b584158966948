// HugePageAllocator: an allocator for the engine's large record arrays (the
// agents, the call slots). A block of at least one huge page (2 MiB) is
// mapped on its own, aligned to a huge page and marked for transparent huge
// pages (madvise MADV_HUGEPAGE) before it is first touched, so that it is
// backed by 2 MiB pages where the kernel allows (THP "always" or
// "madvise"); smaller blocks come from operator new. With 10,000 agents the
// records span megabytes touched at random, and with 4 KiB pages most
// record reads would also miss the TLB (bench/RESULTS.md measures it).
//
// Stateless and thread-safe (every instance is interchangeable). A large
// block is rounded up to whole huge pages (the unaligned ends of its
// mapping are given back). Where the kernel refuses huge pages (THP
// "never", no memory to compact) the block is an ordinary mapping and only
// that rounding is spent. A failed mapping throws std::bad_alloc, as
// operator new does.
#ifndef ACD_LIB_CORE_HUGE_PAGES_H_
#define ACD_LIB_CORE_HUGE_PAGES_H_

#include <cstddef>
#include <cstdint>
#include <new>

namespace acd::core {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// A block for n bytes aligned to `align`: mapped on its own in huge pages
// from kHugePageBytes up, from operator new below. Throws std::bad_alloc
// when no memory is to be had. Out of line: the vectors' callers stay as
// small as with std::allocator.
void* AllocateBlock(size_t bytes, size_t align);
void FreeBlock(void* p, size_t bytes, size_t align);

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding

  T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(AllocateBlock(n * sizeof(T), alignof(T)));
  }
  void deallocate(T* p, size_t n) { FreeBlock(p, n * sizeof(T), alignof(T)); }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

}  // namespace acd::core

#endif  // ACD_LIB_CORE_HUGE_PAGES_H_
