// The order of a filters-only search (newest first, equal dates by node id) on remote shards,
// where Xapian 1.4 runs no KeyMaker (set_sort_by_key throws UnimplementedError there): the page
// is asked for sorted by date alone, then each of its dates again sorted by node id.
#pragma once

#include <vector>

#include <xapian.h>

namespace regkg::index {

// `by_date` is the page [offset, offset + size) of `query` on `db` sorted by slot::kDate alone,
// newest first (equal dates in any order). A page holds the same dates in either order, so each
// date of it is searched again (`query` within that date, by slot::kNodeId ascending) from its
// place within the date. Returns those MSets: their items, in order, are the page sorted by date
// descending and then node id. Costs one search per date of the page. Throws Xapian::Error.
std::vector<Xapian::MSet> page_by_date_then_node_id(const Xapian::Database& db,
                                                    const Xapian::Query& query,
                                                    const Xapian::MSet& by_date,
                                                    Xapian::doccount offset);

}  // namespace regkg::index
