// FacetColumns: the facet slots of every document, read once from Xapian's value streams.
#include "index/facet_columns.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

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

FacetColumns::FacetColumns(const Xapian::Database& db, std::vector<std::string> layers,
                           std::vector<Slot> slots)
    : layers_(std::move(layers)), slots_(std::move(slots)), columns_(slots_.size()) {
  const auto n = static_cast<Xapian::docid>(std::max<size_t>(1, layers_.size()));
  const Xapian::docid last = db.get_lastdocid();
  for (size_t i = 0; i < slots_.size(); ++i) {
    Column& c = columns_[i];
    c.stored.emplace_back();  // stored id 0: no value
    c.stored_names.emplace_back();
    c.by_doc.assign(n, std::vector<std::uint32_t>(last / n + 2, 0));
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
      // Combined docids interleave the layers: layer k's docid d is (d - 1) * n + k + 1.
      const Xapian::docid did = it.get_docid();
      c.by_doc[(did - 1) % n][(did - 1) / n + 1] = at->second;
    }
  }
}

size_t FacetColumns::layer_index(const std::string& name) const {
  return static_cast<size_t>(std::find(layers_.begin(), layers_.end(), name) - layers_.begin());
}

const std::vector<std::uint32_t>& FacetColumns::values(size_t i, size_t layer,
                                                       Xapian::docid did) const {
  const Column& c = columns_[i];
  const auto& docs = c.by_doc[layer];
  return c.stored[did < docs.size() ? docs[did] : 0];
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
    for (const auto& d : c.by_doc) bytes += d.size() * sizeof(std::uint32_t);
    for (const auto& s : c.stored) bytes += sizeof(s) + s.size() * sizeof(std::uint32_t);
    for (const auto& s : c.names) bytes += sizeof(s) + s.size();
    for (const auto& s : c.stored_names) bytes += sizeof(s) + s.size();
  }
  return bytes;
}

}  // namespace regkg::index
