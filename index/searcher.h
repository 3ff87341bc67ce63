// Full-text search over one snapshot's Xapian database: query parsing (Xapian syntax, field
// prefixes, date ranges), filters, facets and highlighted snippets.
// Thread-safe: Xapian objects are not, so each search borrows a Database from a guarded pool.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "index/concept_table.h"
#include "index/facet_columns.h"
#include "index/lexicon.h"
#include "index/query_budget.h"
#include "index/remote_shards.h"

namespace regkg::index {

struct IndexLayers;
class FacetCounter;
class ShardHealth;

// The query string could not be parsed; message() is Xapian's, query() the offending input.
class QuerySyntaxError : public std::runtime_error {
 public:
  QuerySyntaxError(const std::string& message, std::string query)
      : std::runtime_error(message), query_(std::move(query)) {}
  const std::string& query() const { return query_; }

 private:
  std::string query_;
};

// The database cannot be opened or is of another schema version.
class IndexOpenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SearchRequest {
  std::string query;  // Xapian query syntax; may be empty when filters are given
  // Exact-match filters, "" = any.
  std::string kind, lang, instrument, jurisdiction, year, issuer, modality, actor;
  std::string from, to;  // YYYY-MM-DD inclusive date range, "" = open
  // Left out: documents of these versions (their version term) and every document of these
  // instruments (instrument, versions, articles: their instrument term). The server fills them
  // for in_force_on from the graph's point-in-time rules.
  std::vector<std::string> exclude_versions, exclude_instruments;
  unsigned limit = 20;
  unsigned offset = 0;
  bool facets = true;
  // The query's limits (QueryTooComplex when one is broken) and the time the match may take
  // (0 = no limit; local indexes only: see search()).
  QueryLimits limits;
  std::chrono::milliseconds time_budget{0};
  // Admission by cost: when set, called once the query is planned and checked, with its estimated
  // cost (estimate_cost), before anything is matched; it may throw to refuse the search (the
  // server's work gate: 503 busy), and what it returns is held until the search ends. It must not
  // wait: the search holds a database of the pool meanwhile.
  std::function<std::shared_ptr<void>(double cost)> admit;
};

struct SearchHit {
  std::string id, kind, title, instrument_id, instrument_title, version_id, article_label, date,
      jurisdiction;
  std::string snippet;  // HTML-escaped text with matches in <mark>…</mark>
  double score = 0;
};

struct FacetValue {
  std::string value;
  size_t count = 0;
};

struct SearchResult {
  size_t total = 0;  // matches (exact up to kExactCountLimit, estimated above)
  bool total_exact = true;
  std::vector<SearchHit> hits;
  std::map<std::string, std::vector<FacetValue>> facets;  // kind, instrument, jurisdiction, year
  std::string query_description;                          // Xapian::Query::get_description()
  // The strict plan of a plain-words query found fewer than Searcher::kRelaxBelow matches, so
  // these are the matches of any of its pieces, ranked.
  bool relaxed = false;
  std::vector<std::string> concepts;  // ids of the concepts the query was expanded with
  // The time budget ran out: the match stopped early (hits, total and facets are those found by
  // then) or stopped counting matches beyond the page.
  bool truncated = false;
  // The query with its unknown English words replaced by the index's closest spellings ("" when
  // every word is known or none has a suggestion): a "did you mean", never searched by itself.
  std::string did_you_mean;
};

class Searcher {
 public:
  // Matches examined beyond the requested page, for the total and the facet counts. Above this the
  // total is Xapian's estimate and the facets are counted over the best matches only
  // (total_exact == false): counting all 13,000 matches of 人民法院 cost ~30 ms per query.
  static constexpr Xapian::doccount kExactCountLimit = 1000;
  // A plain-words query whose strict plan (every piece) finds fewer matches is relaxed (any piece).
  static constexpr size_t kRelaxBelow = 5;

  // Opens `db_dir` read-only `pool_size` times. Throws IndexOpenError if it cannot be opened or
  // its schema version differs from kSchemaVersion.
  Searcher(const std::filesystem::path& db_dir, size_t pool_size);
  // The same index served by `remote` shards (xapian-tcpsrv, one per layer of db_dir's
  // layers.json, in order): db_dir needs only layers.json, documents.tsv and concepts.json.
  // Refuses (IndexOpenError) an index with hidden documents (Xapian 1.4 runs no MatchDecider on a
  // remote shard: serve a full ingest's snapshot), shards whose count or documents do not match
  // the layers, and throws ShardUnavailableError when a shard cannot be reached.
  Searcher(const std::filesystem::path& db_dir, size_t pool_size, const RemoteShards& remote);
  ~Searcher();

  // Throws QuerySyntaxError for a malformed query, QueryTooComplex for one over request.limits,
  // and with remote shards ShardUnavailableError
  // naming a shard that cannot be reached (after one retry on a new connection: xapian-tcpsrv
  // closes idle ones, and a restarted shard is found again this way). With a time budget, a
  // local match is filtered by a MatchDeadline and Xapian stops counting matches beyond the page
  // when the budget is spent (Enquire::set_time_limit); remote shards get neither (custom
  // sources do not cross the wire, and Xapian 1.4 warns its time limit may misbehave with several
  // remote databases): --remote-timeout bounds them. Thread-safe.
  SearchResult search(const SearchRequest& request) const;
  // The text query of `request` checked against request.limits (QueryTooComplex, or
  // QuerySyntaxError) and its estimated cost (estimate_query_cost: of the strict plan, and of the
  // relaxed one too for plain words). Takes a database of the pool for the planning only.
  // Thread-safe.
  double estimate_cost(const SearchRequest& request) const;
  // The Xapian query search() runs for `request`: the strict plan, or the relaxed one when the
  // strict one finds fewer than kRelaxBelow (benchmarks run it on raw Xapian). Thread-safe.
  Xapian::Query query_for(const SearchRequest& request) const;
  // The parsed query for `request` (for tests and debugging). Thread-safe.
  std::string describe(const SearchRequest& request) const;

  // Documents served (hidden ones of older layers not counted), and the layers opened.
  size_t document_count() const { return doc_count_; }
  size_t layer_count() const { return layer_count_; }
  const std::string& snapshot_id() const { return snapshot_id_; }
  // The remote shards searched (empty for a local index).
  const RemoteShards& remote_shards() const { return remote_; }
  // The remote shards last seen down ("host:port"): by the last search, or by a probe of every
  // shard each second (shard_health.h); answers at once. Empty for a local index. Thread-safe.
  std::vector<std::string> unavailable_shards() const;

 private:
  struct Lease;
  std::unique_ptr<Xapian::Database> acquire() const;
  void release(std::unique_ptr<Xapian::Database> db) const;
  // A database of the pool: the layers on disk, or a new connection to every remote shard.
  std::unique_ptr<Xapian::Database> open_database() const;
  // Runs `run(db)` on a pooled database; with remote shards, once more on new connections when a
  // shard connection breaks, then ShardUnavailableError.
  template <class Run>
  auto on_database(Run run) const;
  template <class Run>
  auto on_remote_database(Run run) const;
  SearchResult search_in(Xapian::Database& db, const SearchRequest& request) const;
  Xapian::Query query_in(Xapian::Database& db, const SearchRequest& request) const;
  // Empties the idle slots of the pool (their connections may be as broken as the one that was).
  void discard_idle() const;
  // The facet counter of one search: from facet_columns_, or Xapian's spies on remote shards.
  std::unique_ptr<FacetCounter> facet_counter() const;
  // Remote shards only: checks them against the layers (count, documents, snapshot).
  void check_remote_shards(const std::filesystem::path& db_dir, const IndexLayers& layers) const;
  // The query with unknown English words spelled as the index's words, or "" (Xapian's spelling
  // data: Database::get_spelling_suggestion).
  static std::string spelling_suggestion(const Xapian::Database& db, const std::string& query);
  // `query` (a text query) with the ranking signals added: in-force versions and articles other
  // than definitions (ValueWeightPostingSources on
  // the index_schema.h slots, a small weight beside BM25).
  static Xapian::Query with_signals(Xapian::Query query);
  // The query text as a strict plan and, for plain words, a relaxed one (see plain_query.h).
  struct TextQuery {
    Xapian::Query strict, relaxed;
    std::vector<Xapian::Query> relaxed_pieces;  // see PlainQueryPlan
    Xapian::Query title_boost;  // instrument and version titles holding every piece, weighted
    std::vector<std::string> concepts;
    std::vector<std::string> jurisdictions;  // named in the query: searched within
  };
  // The relaxed query of a plain-words plan: any piece, ranked (BM25 over all pieces did better on
  // the judged queries than dropping the most common pieces one by one until the rest match), and
  // whole laws only when their titles hold every piece.
  Xapian::Query relax(const TextQuery& plan) const;
  TextQuery text_query(const Xapian::Database& db, const SearchRequest& request) const;
  // text_query, checked against request.limits.
  TextQuery checked_text_query(const Xapian::Database& db, const SearchRequest& request) const;
  // `query` with the request's filters, the jurisdictions the query named, point-in-time
  // exclusions and the date range.
  Xapian::Query with_filters(Xapian::Query query, const SearchRequest& request,
                             const std::vector<std::string>& jurisdictions = {}) const;
  Xapian::Query build_query(const Xapian::Database& db, const SearchRequest& request) const;

  struct HiddenDecider : Xapian::MatchDecider {
    using Hidden = std::map<std::string, std::unordered_set<Xapian::docid>>;
    explicit HiddenDecider(const Hidden& h) : hidden(h) {}
    bool operator()(const Xapian::Document& doc) const override;
    const Hidden& hidden;
  };

  mutable std::mutex mutex_;
  mutable std::condition_variable available_;
  mutable std::vector<std::unique_ptr<Xapian::Database>> pool_;
  HiddenDecider::Hidden hidden_;  // layer -> docids within it; immutable after construction
  size_t hidden_count_ = 0;
  size_t doc_count_ = 0;
  size_t layer_count_ = 0;
  // The facet fields' slots of every document (immutable, read by all searches) and, for each
  // column, its row of kSearchFields.
  std::unique_ptr<const FacetColumns> facet_columns_;
  std::vector<size_t> facet_fields_;
  std::vector<std::string> local_layers_;      // the databases of a local index, in order
  RemoteShards remote_;                        // or its remote shards
  std::unique_ptr<ShardHealth> shard_health_;  // remote shards only
  std::string snapshot_id_;
  ConceptTable concepts_;  // the index folder's concepts.json; empty when it has none
  Lexicon lexicon_;        // the index folder's lexicon.json; empty when it has none
};

}  // namespace regkg::index
