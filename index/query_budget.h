// The budget of one search: limits on the parsed query (phrase length, alternatives, terms, bytes)
// checked before Xapian runs it, a cost estimate that tells a slow search from a cheap one, and
// the deadline that ends a local match when its time budget is spent.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <xapian.h>

namespace regkg::index {

// Limits on a query. Every query of bench/queries.txt and tests/gold/relevance_*.json stays well
// inside them (tests/index/test_query_budget.cpp checks it on the full corpus's plans).
struct QueryLimits {
  size_t query_bytes = 1000;  // the query string as sent
  size_t phrase_terms = 64;   // terms in one phrase or NEAR group (CJK n-grams count each)
  size_t branches = 400;      // alternatives: subqueries of OR, SYNONYM, ELITE_SET, MAX, XOR
  size_t terms = 1000;        // term leaves in the whole query
};

// What a parsed query is made of, measured against QueryLimits.
struct QueryShape {
  size_t query_bytes = 0;
  size_t longest_phrase = 0;  // the most terms under one OP_PHRASE / OP_NEAR
  size_t branches = 0;
  size_t terms = 0;
};

// A query over a limit. limit() is its name in QueryLimits ("phrase_terms", "branches", "terms",
// "query_bytes"), max() the limit, got() the query's value; what() says so in words.
class QueryTooComplex : public std::runtime_error {
 public:
  QueryTooComplex(std::string limit, size_t max, size_t got);
  const std::string& limit() const { return limit_; }
  size_t max() const { return max_; }
  size_t got() const { return got_; }

 private:
  std::string limit_;
  size_t max_, got_;
};

// The shape of `query` (the query string was `query_bytes` long). Pure; thread-safe.
QueryShape measure_query(const Xapian::Query& query, size_t query_bytes);
// Throws QueryTooComplex naming the first limit `shape` breaks (bytes, phrase, branches, terms).
void check_query_shape(const QueryShape& shape, const QueryLimits& limits);

// A search's estimated cost in postings: for each phrase or NEAR group, its terms times the
// documents of its rarest term (each candidate's positions are read for every term; this is
// what made a phrase of 333 × 的 take 1.5 s), plus a sixteenth of the postings of every other
// term. Reads term frequencies from `db` (one lookup per distinct term). Not thread-safe with
// other users of `db`.
double estimate_query_cost(const Xapian::Query& query, const Xapian::Database& db);
// From this cost up a search is slow: the server runs it in the few slots of its slow lane
// (server/work_gate.h). Calibrated on the full corpus (70,607 documents; BENCHMARKS.md, "Search
// budget"): none of the 472 queries of bench/queries.txt and the judged sets reaches it (the
// costliest, a plain question whose relaxed plan is many two-character phrases, 0.84 of it); a
// phrase of 17 x 的 does. Time grows with cost, so a larger corpus makes more searches slow.
inline constexpr double kSlowSearchCost = 1.0e6;

// The end of a local match: a posting source of every document that ends when the deadline has
// passed. Filtering the query by it stops Xapian's matcher at the next match it looks at after the
// deadline (a single phrase's scan between two matches cannot be cut short in Xapian 1.4; the
// phrase_terms limit bounds that). It cannot cross to a remote shard (xapian-tcpsrv knows no
// custom sources): the Searcher uses it on local indexes only. hit() tells whether it ended the
// match. Clones (one per database layer) share the flag. Thread-safe flag; the source itself is
// used by one match.
class MatchDeadline : public Xapian::PostingSource {
 public:
  explicit MatchDeadline(std::chrono::steady_clock::time_point deadline,
                         std::shared_ptr<std::atomic<bool>> hit = nullptr);
  bool hit() const { return hit_->load(); }

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return size_; }
  Xapian::doccount get_termfreq_max() const override { return size_; }
  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  MatchDeadline* clone() const override;
  std::string get_description() const override { return "MatchDeadline"; }

 private:
  // Ends the postings (and sets the flag) once the deadline has passed; looks at the clock every
  // 64 calls.
  void check_clock();
  std::chrono::steady_clock::time_point deadline_;
  std::shared_ptr<std::atomic<bool>> hit_;
  Xapian::docid current_ = 0, last_ = 0;
  Xapian::doccount size_ = 0;
  unsigned calls_ = 0;
};

}  // namespace regkg::index
