// FacetCountSpy: facet counts over the examined matches, from the index's FacetColumns.
#include "index/facet_count_spy.h"

#include <algorithm>
#include <set>
#include <utility>

#include "index/index_schema.h"

namespace regkg::index {

FacetCountSpy::FacetCountSpy(const FacetColumns& columns)
    : columns_(columns), counts_(columns.slot_count()) {
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i].assign(columns.value_count(i), 0);
}

void FacetCountSpy::operator()(const Xapian::Document& doc, double) {
  // The spy sees a document with its docid within its own layer (subdatabase): its node id, which
  // the match has just read to rank it, tells which layer.
  const Xapian::docid row = columns_.row(doc.get_docid(), doc.get_value(slot::kNodeId));
  if (row == 0) {
    // Not a row the columns can tell (a hash collision between layers): read its slots.
    for (size_t i = 0; i < counts_.size(); ++i)
      for (std::uint32_t id : columns_.values_of(i, doc.get_value(columns_.slot(i).slot)))
        ++counts_[i][id];
    return;
  }
  for (size_t i = 0; i < counts_.size(); ++i)
    for (std::uint32_t id : columns_.values(i, row)) ++counts_[i][id];
}

std::vector<std::pair<std::string, size_t>> FacetCountSpy::top_values(size_t i,
                                                                      size_t max_values) const {
  std::vector<std::pair<std::string, size_t>> out;
  for (size_t id = 0; id < counts_[i].size(); ++id)
    if (counts_[i][id] > 0)
      out.emplace_back(columns_.value_name(i, static_cast<std::uint32_t>(id)), counts_[i][id]);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > max_values) out.resize(max_values);
  return out;
}

std::string join_slot_values(const std::vector<std::string>& values) {
  std::set<std::string> unique;
  for (std::string v : values) {
    v.erase(std::remove(v.begin(), v.end(), '|'), v.end());
    if (!v.empty()) unique.insert(v);
  }
  std::string out;
  for (const auto& v : unique) out += (out.empty() ? "" : "|") + v;
  return out;
}

}  // namespace regkg::index
