// FacetCounter: FacetCountSpy locally, Xapian's ValueCountMatchSpy per slot on remote shards.
#include "index/facet_counter.h"

#include <algorithm>
#include <map>

namespace regkg::index {

FacetCounter::FacetCounter(const FacetColumns& columns)
    : local_(std::make_unique<FacetCountSpy>(columns)) {}

FacetCounter::FacetCounter(std::vector<FacetColumns::Slot> slots) : slots_(std::move(slots)) {
  for (const auto& s : slots_)
    remote_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(s.slot));
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
  if (local_) enquire.add_matchspy(local_.get());
}

void FacetCounter::count(const Xapian::Database& db, const Xapian::Query& query,
                         Xapian::doccount check) {
  if (local_) return;
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  for (auto& spy : remote_) enquire.add_matchspy(spy.get());
  enquire.get_mset(0, 0, check);
}

std::vector<std::pair<std::string, size_t>> FacetCounter::top_values(size_t i,
                                                                     size_t max_values) const {
  if (local_) return local_->top_values(i, max_values);
  // A slot's whole stored content and its count; a multi-valued one is split as FacetColumns
  // splits it (join_slot_values wrote each value once per document).
  std::map<std::string, size_t> counts;
  const Xapian::ValueCountMatchSpy& spy = *remote_[i];
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    const std::string stored = *it;
    const size_t n = it.get_termfreq();
    if (!slots_[i].multi) {
      if (!stored.empty()) counts[stored] += n;
      continue;
    }
    size_t start = 0;
    while (start < stored.size()) {
      size_t bar = stored.find('|', start);
      size_t end = bar == std::string::npos ? stored.size() : bar;
      if (end > start) counts[stored.substr(start, end - start)] += n;
      start = end + 1;
    }
  }
  std::vector<std::pair<std::string, size_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > max_values) out.resize(max_values);
  return out;
}

}  // namespace regkg::index
