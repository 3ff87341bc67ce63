// The facet counts of a search: one Xapian MatchSpy that counts the values of every facet slot
// over the matches Xapian examines, from the index's FacetColumns (held in memory) instead of
// reading each slot of each document through Xapian as one ValueCountMatchSpy per slot did.
// Also the '|' convention of multi-valued slots, shared with the writer.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "index/facet_columns.h"

namespace regkg::index {

class FacetCountSpy : public Xapian::MatchSpy {
 public:
  // Counts every slot of `columns`, which must outlive the spy and belong to the database being
  // searched. One instance per search; not thread-safe, like Xapian's own spies.
  explicit FacetCountSpy(const FacetColumns& columns);
  void operator()(const Xapian::Document& doc, double wt) override;
  Xapian::MatchSpy* clone() const override { return new FacetCountSpy(columns_); }
  std::string name() const override { return "regkg.FacetCountSpy"; }

  // The values of the columns' slot i by count (descending, then value ascending, as Xapian's
  // ValueCountMatchSpy::top_values_begin orders them), at most `max_values`. Empty values are not
  // counted.
  std::vector<std::pair<std::string, size_t>> top_values(size_t i, size_t max_values) const;

 private:
  const FacetColumns& columns_;
  std::vector<std::vector<size_t>> counts_;  // slot -> value id -> documents
};

// Joins values for a multi-valued slot ('|' separated, duplicates and '|' inside values removed).
std::string join_slot_values(const std::vector<std::string>& values);

}  // namespace regkg::index
