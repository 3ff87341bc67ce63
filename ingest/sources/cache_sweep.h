// Mark and sweep for the caches a long-running ingest keeps (parse_cache, article_analysis_cache):
// each entry carries a `used` flag set when a run touches it; between runs, entries left unused
// belong to what left the corpus and are dropped.
#pragma once

#include <cstddef>

namespace regkg::ingest {

// Erases the entries of `map` (values with a bool `used` member) not used since the last sweep,
// clears the flag of the others, and returns how many were erased.
template <typename Map>
size_t sweep_unused(Map& map) {
  size_t dropped = 0;
  for (auto it = map.begin(); it != map.end();) {
    if (!it->second.used) {
      it = map.erase(it);
      ++dropped;
    } else {
      it->second.used = false;
      ++it;
    }
  }
  return dropped;
}

}  // namespace regkg::ingest
