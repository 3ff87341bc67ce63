// The facet slots of every document of an index, read into memory once when the Searcher opens
// it. Counting facets over the best 1,000 matches then costs array reads: reading a slot through
// Xapian costs a value-chunk lookup per document and slot, and six of them per document were a
// quarter of an uncached search's time (issue 19). Immutable after construction: shared read-only
// between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace regkg::index {

class FacetColumns {
 public:
  struct Slot {
    Xapian::valueno slot;
    bool multi;  // '|'-joined values (join_slot_values): each value counted
  };

  // Reads `slots` of every document of `db`, the combined database of the subdatabases `layers`
  // (their names as stored in slot::kLayer, in the order they were added). Throws Xapian::Error
  // when the database cannot be read.
  FacetColumns(const Xapian::Database& db, std::vector<std::string> layers,
               std::vector<Slot> slots);

  size_t slot_count() const { return slots_.size(); }
  const Slot& slot(size_t i) const { return slots_[i]; }
  size_t layer_count() const { return layers_.size(); }
  // The index of the layer named `name`, or layer_count() when there is none of that name.
  size_t layer_index(const std::string& name) const;

  // The values of slots[i] of document `did` (its docid within layer `layer`), as ids of
  // value_name(i, id); empty when it has none. An id may repeat when the stored value repeats it.
  const std::vector<std::uint32_t>& values(size_t i, size_t layer, Xapian::docid did) const;
  // The ids of a stored slot value, as values() gives them; empty for a value never stored.
  std::vector<std::uint32_t> values_of(size_t i, const std::string& stored) const;
  size_t value_count(size_t i) const { return columns_[i].names.size(); }
  const std::string& value_name(size_t i, std::uint32_t id) const { return columns_[i].names[id]; }
  // Memory held, in bytes (approximately).
  size_t memory_bytes() const;

 private:
  struct Column {
    std::vector<std::string> names;                  // value id -> value
    std::vector<std::vector<std::uint32_t>> stored;  // stored id -> value ids (0: no value)
    std::vector<std::vector<std::uint32_t>> by_doc;  // layer -> docid -> stored id
    std::vector<std::string> stored_names;           // stored id -> the slot's whole content
  };
  std::vector<std::string> layers_;
  std::vector<Slot> slots_;
  std::vector<Column> columns_;  // parallel to slots_
};

}  // namespace regkg::index
