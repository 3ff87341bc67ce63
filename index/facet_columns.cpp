// FacetColumns: the facet slots of every served document, read once from Xapian's value streams.
#include "index/facet_columns.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <utility>

#include "index/index_schema.h"

namespace regkg::index {

namespace {

// The values one slot content counts as: itself (single-valued, if not empty), or its non-empty
// '|'-separated parts (multi-valued), as the facet counts always took them.
std::vector<std::string> split_values(const std::string& stored, bool multi) {
  std::vector<std::string> out;
  if (!multi) {
    if (!stored.empty()) out.push_back(stored);
    return out;
  }
  size_t start = 0;
  while (start < stored.size()) {
    size_t bar = stored.find('|', start);
    size_t end = bar == std::string::npos ? stored.size() : bar;
    if (end > start) out.push_back(stored.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

FacetColumns::FacetColumns(const Xapian::Database& db, std::vector<Slot> slots,
                           const std::vector<std::unordered_set<Xapian::docid>>& hidden)
    : slots_(std::move(slots)), columns_(slots_.size()) {
  // Combined docids interleave the n subdatabases: the k-th one's docid d is (d - 1) * n + k + 1.
  layers_ = static_cast<Xapian::docid>(std::max<size_t>(1, db.size()));
  const Xapian::docid n = layers_;
  auto served = [&hidden, n](Xapian::docid did) {
    if (hidden.empty()) return true;
    const auto& h = hidden.at((did - 1) % n);
    return h.empty() || h.count((did - 1) / n + 1) == 0;
  };
  const Xapian::docid last = db.get_lastdocid();
  id_hashes_.assign(static_cast<size_t>(last) + 1, 0);
  {
    const Xapian::ValueIterator end = db.valuestream_end(slot::kNodeId);
    for (auto it = db.valuestream_begin(slot::kNodeId); it != end; ++it)
      if (served(it.get_docid())) id_hashes_[it.get_docid()] = hash_id(*it);
  }
  for (size_t i = 0; i < slots_.size(); ++i) {
    Column& c = columns_[i];
    c.stored.emplace_back();  // stored id 0: no value
    c.stored_names.emplace_back();
    c.by_row.assign(static_cast<size_t>(last) + 1, 0);
    std::unordered_map<std::string, std::uint32_t> stored_ids, value_ids;
    const Xapian::ValueIterator end = db.valuestream_end(slots_[i].slot);
    for (auto it = db.valuestream_begin(slots_[i].slot); it != end; ++it) {
      const std::string stored = *it;
      auto [at, added] = stored_ids.emplace(stored, static_cast<std::uint32_t>(c.stored.size()));
      if (added) {
        std::vector<std::uint32_t> ids;
        for (auto& v : split_values(stored, slots_[i].multi)) {
          auto [vat, vadded] =
              value_ids.emplace(std::move(v), static_cast<std::uint32_t>(c.names.size()));
          if (vadded) c.names.push_back(vat->first);
          ids.push_back(vat->second);
        }
        c.stored.push_back(std::move(ids));
        c.stored_names.push_back(stored);
      }
      c.by_row[it.get_docid()] = at->second;
    }
  }
}

std::uint64_t FacetColumns::hash_id(const std::string& node_id) {
  const std::uint64_t h = std::hash<std::string>()(node_id);
  return h == 0 ? 1 : h;  // 0 marks rows without a served document
}

Xapian::docid FacetColumns::row(Xapian::docid did, const std::string& node_id) const {
  const std::uint64_t h = hash_id(node_id);
  Xapian::docid found = 0;
  for (Xapian::docid k = 0; k < layers_; ++k) {
    const size_t row = static_cast<size_t>(did - 1) * layers_ + k + 1;
    if (row >= id_hashes_.size() || id_hashes_[row] != h) continue;
    if (found != 0) return 0;
    found = static_cast<Xapian::docid>(row);
  }
  return found;
}

const std::vector<std::uint32_t>& FacetColumns::values(size_t i, Xapian::docid row) const {
  const Column& c = columns_[i];
  return c.stored[row < c.by_row.size() ? c.by_row[row] : 0];
}

std::vector<std::uint32_t> FacetColumns::values_of(size_t i, const std::string& stored) const {
  const Column& c = columns_[i];
  auto it = std::find(c.stored_names.begin(), c.stored_names.end(), stored);
  if (it == c.stored_names.end()) return {};
  return c.stored[static_cast<size_t>(it - c.stored_names.begin())];
}

size_t FacetColumns::memory_bytes() const {
  size_t bytes = 0;
  for (const Column& c : columns_) {
    bytes += c.by_row.size() * sizeof(std::uint32_t);
    for (const auto& s : c.stored) bytes += sizeof(s) + s.size() * sizeof(std::uint32_t);
    for (const auto& s : c.names) bytes += sizeof(s) + s.size();
    for (const auto& s : c.stored_names) bytes += sizeof(s) + s.size();
  }
  bytes += id_hashes_.size() * sizeof(std::uint64_t);
  return bytes;
}

}  // namespace regkg::index
