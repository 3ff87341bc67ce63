// page_by_date_then_node_id: a date-sorted page put in (date desc, node id) order, per date.
#include "index/browse_order.h"

#include <string>

#include "index/index_schema.h"

namespace regkg::index {

namespace {

// The matches of `query` dated `date` ("": without a date, which sorts last).
Xapian::Query on_date(const Xapian::Query& query, const std::string& date) {
  if (date.empty())
    return Xapian::Query(
        Xapian::Query::OP_AND_NOT, query,
        Xapian::Query(Xapian::Query::OP_VALUE_GE, slot::kDate, std::string(1, '\0')));
  return Xapian::Query(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot::kDate, date, date));
}

// The matches of `query` dated after `date`, counted exactly.
Xapian::doccount count_after(const Xapian::Database& db, const Xapian::Query& query,
                             const std::string& date) {
  Xapian::Enquire enquire(db);
  // The smallest value greater than `date` is `date` followed by a NUL byte.
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, query,
                    Xapian::Query(Xapian::Query::OP_VALUE_GE, slot::kDate, date + '\0')));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

}  // namespace

std::vector<Xapian::MSet> page_by_date_then_node_id(const Xapian::Database& db,
                                                    const Xapian::Query& query,
                                                    const Xapian::MSet& by_date,
                                                    Xapian::doccount offset) {
  std::vector<Xapian::MSet> pages;
  auto it = by_date.begin();
  bool first = true;
  while (it != by_date.end()) {
    const std::string date = it.get_sort_key();
    Xapian::doccount size = 0;
    for (; it != by_date.end() && it.get_sort_key() == date; ++it) ++size;
    // Only the page's first date may have begun before the page.
    const Xapian::doccount skip = first && offset > 0 ? offset - count_after(db, query, date) : 0;
    first = false;
    Xapian::Enquire enquire(db);
    enquire.set_query(on_date(query, date));
    enquire.set_sort_by_value(slot::kNodeId, false);
    pages.push_back(enquire.get_mset(skip, size));
  }
  return pages;
}

}  // namespace regkg::index
