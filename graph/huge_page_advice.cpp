// advise_huge_pages: madvise(MADV_HUGEPAGE) over the huge pages inside a buffer.
#include "graph/huge_page_advice.h"

#include <cstdint>

#include <sys/mman.h>

namespace regkg::graph {

void advise_huge_pages(const void* data, size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  if (data == nullptr || last <= first) return;
  // Advice only: an error (THP compiled out, a kernel that refuses) changes nothing.
  (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace regkg::graph
