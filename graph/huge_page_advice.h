// Asks the kernel to back a large, not yet touched buffer with transparent huge pages (2 MiB), so
// filling it takes a few hundred page faults instead of tens of thousands and random lookups in it
// miss the TLB less. Used for the graph's vertex storage and hash tables, rebuilt on every ingest.
// Only advice: it does nothing where THP is off or the range is smaller than a huge page.
#pragma once

#include <cstddef>
#include <vector>

namespace regkg::graph {

// The whole 2 MiB pages inside [data, data + bytes) are advised; call it before the first write.
void advise_huge_pages(const void* data, size_t bytes);

// Replaces `v` by `n` value-initialised elements in a fresh block advised as above.
template <class T>
void assign_on_huge_pages(std::vector<T>& v, size_t n) {
  std::vector<T>().swap(v);
  v.reserve(n);
  advise_huge_pages(v.data(), n * sizeof(T));
  v.resize(n);
}

}  // namespace regkg::graph
