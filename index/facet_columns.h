// The facet slots of every document of an index, read into memory once when the Searcher opens
// it. Counting facets over the best 1,000 matches then costs array reads per match: reading a
// slot through Xapian costs a value-chunk lookup per document and slot, and six of them per
// document were a quarter of an uncached search's time (issue 19). A MatchSpy sees a document
// with its docid within its own layer (subdatabase), so its row among the layers' interleaved
// docids is told by its node id, the one slot the match reads anyway (it breaks ranking ties):
// compared by hash with the few rows that docid can be. Immutable after construction: shared
// read-only between threads.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace regkg::index {

class FacetColumns {
 public:
  struct Slot {
    Xapian::valueno slot;
    bool multi;  // '|'-joined values (join_slot_values): each value counted
  };

  // Reads `slots` of every document of `db` (a combined database of layers) that is served:
  // hidden[k] holds the docids, within the k-th subdatabase, of the documents it no longer serves
  // (replaced or removed by a newer layer); they get no row, so that each node id names the one
  // copy that is served. Throws Xapian::Error when the database cannot be read.
  FacetColumns(const Xapian::Database& db, std::vector<Slot> slots,
               const std::vector<std::unordered_set<Xapian::docid>>& hidden = {});

  size_t slot_count() const { return slots_.size(); }
  const Slot& slot(size_t i) const { return slots_[i]; }

  // The row of the served document whose docid within its layer is `did` and whose node id (its
  // slot::kNodeId value) is `node_id`; 0 when there is none, or when two rows could be it (a hash
  // collision between layers: the caller then reads the document's slots itself).
  Xapian::docid row(Xapian::docid did, const std::string& node_id) const;
  // The values of slots[i] of the document in `row`, as ids of value_name(i, id); empty when it
  // has none. An id may repeat when the stored value repeats it.
  const std::vector<std::uint32_t>& values(size_t i, Xapian::docid row) const;
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
    std::vector<std::string> stored_names;           // stored id -> the slot's whole content
    std::vector<std::uint32_t> by_row;               // row -> stored id
  };
  static std::uint64_t hash_id(const std::string& node_id);
  Xapian::docid layers_ = 1;
  std::vector<Slot> slots_;
  std::vector<Column> columns_;  // parallel to slots_
  // Row (the document's docid in the combined database) -> hash of its node id; 0 for rows of
  // no document or of a document not served.
  std::vector<std::uint64_t> id_hashes_;
};

}  // namespace regkg::index
