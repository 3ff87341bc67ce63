// The facet counts of one search, counted where the documents are: by FacetCountSpy from the
// in-memory FacetColumns when the index is local, or by Xapian's own ValueCountMatchSpy, one per
// facet slot, when it is served by remote shards (xapian-tcpsrv runs only the match spies it
// knows: a custom spy cannot cross the wire in Xapian 1.4). Both give the same counts over the
// same examined documents. On remote shards the spies run in a search of their own that asks for
// no page (count()): with a page sorted other than by relevance alone (ties by node id), Xapian
// 1.4 counts some matches twice when it merges the pages of several remote shards (806 for the
// 800 matches of "personal data", 878 with a page of 200). One instance per search; not
// thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "index/facet_columns.h"
#include "index/facet_count_spy.h"

namespace regkg::index {

class FacetCounter {
 public:
  // Counts `columns`' slots; `columns` must outlive the counter.
  explicit FacetCounter(const FacetColumns& columns);
  // Counts `slots` with one ValueCountMatchSpy each (the remote shards read the values).
  explicit FacetCounter(std::vector<FacetColumns::Slot> slots);

  // Adds the local spy to `enquire` (before get_mset); nothing on remote shards.
  void attach(Xapian::Enquire& enquire);
  // On remote shards: counts the matches of `query` that a search examining at least `check`
  // of them examines; nothing locally (the attached spy has counted). Throws Xapian::Error.
  void count(const Xapian::Database& db, const Xapian::Query& query, Xapian::doccount check);

  // Slot i's values by count (descending, then value ascending), at most `max_values`; empty
  // values are not counted, a multi-valued slot's '|'-joined values are counted one by one.
  std::vector<std::pair<std::string, size_t>> top_values(size_t i, size_t max_values) const;

 private:
  std::unique_ptr<FacetCountSpy> local_;
  std::vector<FacetColumns::Slot> slots_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> remote_;
};

}  // namespace regkg::index
