// Searcher: Xapian query parsing, filtering, facets (FacetCountSpy) and snippets.
#include "index/searcher.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include <rapidjson/document.h>

#include "index/browse_order.h"
#include "index/cjk_query.h"
#include "index/facet_counter.h"
#include "index/index_check.h"
#include "index/index_layers.h"
#include "index/index_schema.h"
#include "index/plain_query.h"
#include "index/remote_shards.h"
#include "index/script_folding.h"
#include "index/search_fields.h"
#include "index/shard_health.h"
#include "index/stop_words.h"

namespace regkg::index {

namespace {

// The weight factor of a title holding every piece of a plain query, for instrument and version
// documents (tuned on tests/gold/relevance_dev.json).
constexpr double kTitleBoost = 3.0;

// The weights of the ranking signals (slot::kInForce, kSpecific), each 0 or 1 per document and
// added to its BM25 weight. Not applied (0): tuned on tests/gold/relevance_dev.json to 2 and 8
// (+0.007 success@5 dev, +0.012 held out), but Xapian 1.4's matcher then lost better matches on
// the local index of several shards for queries of over 1,000 matches (人民法院: a document of
// weight 16.63 missing above one of 16.45, which the remote shards' merge returned;
// tests/server/test_remote_shards.cpp). BENCHMARKS.md, "Relevance on judged queries", round 2.
constexpr double kInForceWeight = 0.0;
constexpr double kSpecificWeight = 0.0;

// The weight factor of recitals in a relaxed plan (see Searcher::relax). Measured on
// tests/gold/relevance_dev.json (success@5 / NDCG@10; BENCHMARKS.md, relevance section, third
// round): 1 -> 0.933 / 0.676, 0.5 -> 0.933 / 0.683. In the strict plan too it cost a success@5
// (0.925 / 0.683).
constexpr double kRecitalWeight = 0.5;

// Documents that stand for a whole law: instruments and versions.
Xapian::Query whole_text_kinds() {
  return Xapian::Query(Xapian::Query::OP_OR,
                       Xapian::Query(boolean_term(prefix::kKind, "instrument")),
                       Xapian::Query(boolean_term(prefix::kKind, "version")));
}

std::string json_string(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

Xapian::QueryParser make_parser(const Xapian::Database& db) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(Xapian::Stem("english"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_default_op(Xapian::Query::OP_AND);
  for (const SearchField& f : kSearchFields) {
    if (f.boolean)
      qp.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
    else
      qp.add_prefix(std::string(f.name), std::string(f.prefix));
  }
  return qp;
}

}  // namespace

struct Searcher::Lease {
  const Searcher& owner;
  std::unique_ptr<Xapian::Database> db;
  // An empty slot of the pool (remote shards: not opened yet, or dropped after a broken
  // connection) is opened here; if that fails the slot goes back empty.
  explicit Lease(const Searcher& s) : owner(s), db(s.acquire()) {
    if (db) return;
    try {
      reopen();
    } catch (...) {
      owner.release(nullptr);
      throw;
    }
  }
  void reopen() {
    db.reset();
    db = owner.open_database();
  }
  ~Lease() { owner.release(std::move(db)); }
};

Searcher::Searcher(const std::filesystem::path& db_dir, size_t pool_size)
    : Searcher(db_dir, pool_size, RemoteShards{}) {}

Searcher::Searcher(const std::filesystem::path& db_dir, size_t pool_size,
                   const RemoteShards& remote)
    : remote_(remote) {
  if (pool_size == 0) pool_size = 1;
  // The layers (index/layers.json) or, for an index written before layers existed, the shards
  // (db_dir/shard-N, written in parallel), opened as one combined database.
  std::vector<std::string> shards;
  IndexLayers layers;
  const bool layered = has_layers(db_dir);
  if (layered) {
    try {
      layers = read_layers(db_dir);
    } catch (const IndexLayersError& e) {
      throw IndexOpenError(e.what());
    }
    for (const auto& l : layers.layers) shards.push_back((db_dir / l).string());
  } else {
    shards = shard_databases(db_dir);
    if (shards.empty()) shards.push_back(db_dir.string());
  }
  if (!remote_.empty()) check_remote_shards(db_dir, layered ? layers : IndexLayers{});
  local_layers_ = shards;
  try {
    for (size_t i = 0; i < pool_size; ++i)
      // Remote: one set of connections now, the others when a search first needs them.
      pool_.push_back(remote_.empty() || i == 0 ? open_database() : nullptr);
    // Documents that newer layers replaced or removed, as (layer, docid within the layer): a
    // MatchDecider sees a combined database's documents with their docid in their own layer.
    for (size_t i = 0; remote_.empty() && i < layers.layers.size(); ++i) {
      auto it = layers.hidden.find(layers.layers[i]);
      if (it == layers.hidden.end() || it->second.empty()) continue;
      Xapian::Database layer(shards[i]);
      auto& docids = hidden_[layers.layers[i]];
      for (const auto& id : it->second) {
        const std::string term = boolean_term(prefix::kId, id);
        auto p = layer.postlist_begin(term);
        if (p != layer.postlist_end(term)) docids.insert(*p);
      }
      hidden_count_ += docids.size();
    }
  } catch (const Xapian::NetworkError& e) {
    throw shard_error(e, remote_);
  } catch (const Xapian::Error& e) {
    throw IndexOpenError(db_dir.string() + ": error: cannot open index: " + e.get_description());
  }
  const Xapian::Database& db = *pool_.front();
  std::string version = db.get_metadata(std::string(kMetaSchemaVersion));
  if (layered && layers.schema_version != kSchemaVersion)
    version = std::to_string(layers.schema_version);
  if (version != std::to_string(kSchemaVersion))
    throw IndexOpenError(db_dir.string() + ": error: index schema version '" + version +
                         "', this regkg reads version " + std::to_string(kSchemaVersion));
  try {
    fold_chinese("個");  // OpenCC's data must be there before anyone searches
    concepts_ = ConceptTable::load(db_dir / kConceptsFile);
    lexicon_ = Lexicon::load(db_dir / kLexiconFile);
  } catch (const std::runtime_error& e) {
    throw IndexOpenError(db_dir.string() + ": error: " + e.what());
  }
  snapshot_id_ = layered ? layers.snapshot_id : db.get_metadata(std::string(kMetaSnapshotId));
  layer_count_ = remote_.empty() ? shards.size() : remote_.shards.size();
  // The facet slots of every document, in memory (facet_columns.h): read here, once per snapshot.
  std::vector<FacetColumns::Slot> facet_slots;
  for (size_t i = 0; i < kSearchFields.size(); ++i) {
    const SearchField& f = kSearchFields[i];
    if (f.facet == FacetCount::none) continue;
    facet_fields_.push_back(i);
    facet_slots.push_back({f.slot, f.facet == FacetCount::multi});
  }
  // Hidden documents get no row: the node id of a replaced document names its served copy.
  std::vector<std::unordered_set<Xapian::docid>> hidden_by_layer;
  if (layered)
    for (const auto& l : layers.layers) {
      auto it = hidden_.find(l);
      hidden_by_layer.push_back(it == hidden_.end() ? std::unordered_set<Xapian::docid>()
                                                    : it->second);
    }
  try {
    // Remote shards count facets with Xapian's own spies (facet_counter.h): no columns here.
    if (remote_.empty())
      facet_columns_ =
          std::make_unique<const FacetColumns>(db, std::move(facet_slots), hidden_by_layer);
  } catch (const Xapian::NetworkError& e) {
    throw shard_error(e, remote_);
  } catch (const Xapian::Error& e) {
    // Reading every document's facet slots reaches damage that opening does not: name the
    // database and Xapian's error as the index check does (it throws IndexOpenError).
    check_index(db_dir);
    throw IndexOpenError(db_dir.string() + ": error: cannot read facet values: Xapian::" +
                         e.get_type() + ": " + e.get_msg());
  }
  doc_count_ = db.get_doccount() - hidden_count_;
  if (!remote_.empty())
    shard_health_ = std::make_unique<ShardHealth>(remote_, std::chrono::milliseconds(1000));
}

bool Searcher::HiddenDecider::operator()(const Xapian::Document& doc) const {
  auto it = hidden.find(doc.get_value(slot::kLayer));
  return it == hidden.end() || it->second.count(doc.get_docid()) == 0;
}

Searcher::~Searcher() = default;

std::unique_ptr<Xapian::Database> Searcher::open_database() const {
  if (!remote_.empty()) return std::make_unique<Xapian::Database>(open_remote_shards(remote_));
  auto db = std::make_unique<Xapian::Database>(local_layers_.front());
  for (size_t s = 1; s < local_layers_.size(); ++s)
    db->add_database(Xapian::Database(local_layers_[s]));
  return db;
}

void Searcher::discard_idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& db : pool_) db.reset();
}

template <class Run>
auto Searcher::on_database(Run run) const {
  if (remote_.empty()) {
    Lease lease(*this);
    return run(*lease.db);
  }
  // What this search saw of the shards goes to /healthz at once (shard_health.h).
  try {
    auto result = on_remote_database(run);
    shard_health_->saw_all_up();
    return result;
  } catch (const ShardUnavailableError& e) {
    shard_health_->saw_down(e.shard());
    throw;
  }
}

template <class Run>
auto Searcher::on_remote_database(Run run) const {
  Lease lease(*this);
  try {
    return run(*lease.db);
  } catch (const Xapian::NetworkError&) {
    // A connection broke: a shard restarted, or xapian-tcpsrv closed a connection left idle. The
    // pool's other connections may be as stale: drop them all and try once more on new ones
    // (opening names a shard that refuses connections).
    discard_idle();
    lease.reopen();
  }
  try {
    return run(*lease.db);
  } catch (const Xapian::NetworkError& e) {
    lease.db.reset();
    throw shard_error(e, remote_);
  }
}

void Searcher::check_remote_shards(const std::filesystem::path& db_dir,
                                   const IndexLayers& layers) const {
  const std::string where = db_dir.string() + ": error: ";
  if (layers.layers.empty())
    throw IndexOpenError(where + "remote shards need an index with layers (index/layers.json)");
  if (layers.hidden_count() > 0)
    throw IndexOpenError(
        where + "the index hides " + std::to_string(layers.hidden_count()) +
        " replaced documents of older layers, which Xapian's remote backend cannot hide (it runs "
        "no MatchDecider): serve remote shards from a full ingest (regkg ingest --full)");
  if (remote_.shards.size() != layers.layers.size())
    throw IndexOpenError(where + "the index has " + std::to_string(layers.layers.size()) +
                         " layers, but " + std::to_string(remote_.shards.size()) +
                         " remote shards were given (one per layer of layers.json, in order)");
  // Documents per layer, and one of each, from documents.tsv (when the server has it).
  std::map<std::string, std::pair<Xapian::doccount, std::string>> per_layer;
  if (std::filesystem::exists(db_dir / kDocumentsFile)) {
    try {
      for (const auto& r : read_document_records(db_dir)) {
        auto& [count, sample] = per_layer[r.layer];
        ++count;
        if (sample.empty()) sample = r.id;
      }
    } catch (const IndexLayersError& e) {
      throw IndexOpenError(e.what());
    }
  }
  const bool full = std::none_of(layers.layers.begin(), layers.layers.end(),
                                 [](const auto& l) { return l.rfind("delta-", 0) == 0; });
  for (size_t i = 0; i < layers.layers.size(); ++i) {
    const std::string& layer = layers.layers[i];
    const RemoteShard& shard = remote_.shards[i];
    const std::string shard_says = "remote shard " + shard.name() + " (for layer '" + layer + "') ";
    try {
      Xapian::Database db = open_remote_shard(shard, remote_);
      const std::string schema = db.get_metadata(std::string(kMetaSchemaVersion));
      if (schema != std::to_string(kSchemaVersion))
        throw IndexOpenError(where + shard_says + "has index schema version '" + schema +
                             "', this regkg reads version " + std::to_string(kSchemaVersion));
      // A full write's layers, and a delta layer, were written by the snapshot they belong to.
      const std::string written_by = db.get_metadata(std::string(kMetaSnapshotId));
      const std::string expected =
          layer.rfind("delta-", 0) == 0 ? layer.substr(6) : (full ? layers.snapshot_id : "");
      if (!expected.empty() && written_by != expected)
        throw IndexOpenError(where + shard_says + "serves a layer of snapshot '" + written_by +
                             "', not of '" + expected + "'");
      auto it = per_layer.find(layer);
      if (it == per_layer.end()) continue;
      const auto& [count, sample] = it->second;
      if (db.get_doccount() != count || !db.term_exists(boolean_term(prefix::kId, sample)))
        throw IndexOpenError(where + shard_says + "serves " + std::to_string(db.get_doccount()) +
                             " documents, not the layer's " + std::to_string(count) +
                             " (is it serving another layer?)");
    } catch (const Xapian::NetworkError& e) {
      throw ShardUnavailableError("index shard " + shard.name() + " is unavailable: " + e.get_msg(),
                                  shard.name());
    } catch (const Xapian::Error& e) {
      throw IndexOpenError(where + shard_says + "cannot be read: " + e.get_description());
    }
  }
}

std::vector<std::string> Searcher::unavailable_shards() const {
  return shard_health_ ? shard_health_->down() : std::vector<std::string>{};
}

std::unique_ptr<Xapian::Database> Searcher::acquire() const {
  std::unique_lock<std::mutex> lock(mutex_);
  available_.wait(lock, [this] { return !pool_.empty(); });
  auto db = std::move(pool_.back());
  pool_.pop_back();
  return db;
}

void Searcher::release(std::unique_ptr<Xapian::Database> db) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pool_.push_back(std::move(db));
  }
  available_.notify_one();
}

Searcher::TextQuery Searcher::text_query(const Xapian::Database& db,
                                         const SearchRequest& request) const {
  TextQuery text;
  // Not Xapian::Query::MatchAll: that is a shared static whose reference count is not atomic, so
  // copying it from several threads corrupts it (a crash the threaded Searcher test caught).
  // The empty term matches all documents.
  text.strict = Xapian::Query{std::string()};
  if (request.query.empty()) return text;
  Xapian::QueryParser qp = make_parser(db);
  if (is_plain_query(request.query)) {
    // Words as people type them: concepts expanded, stop words dropped, a relaxed plan in reserve.
    PlainQueryPlan plan = plan_plain_query(request.query, concepts_, qp, "", &lexicon_);
    text.strict = plan.strict;  // empty for stop words or punctuation only: matches nothing
    if (plan.pieces > 1 || plan.relaxed_pieces.size() > 1) {
      text.relaxed = plan.relaxed;
      text.relaxed_pieces = std::move(plan.relaxed_pieces);
    }
    text.concepts = std::move(plan.concepts);
    if (request.jurisdiction.empty()) text.jurisdictions = std::move(plan.jurisdictions);
    // A law's name: its instrument and version documents first when their titles hold every
    // piece (个保法, "AI Act"), above the articles that cite it.
    // Planned only for name-like queries, the only ones it boosts. Unstemmed: titles are short,
    // and "lawfulness" must not find every title with "Law".
    if (!plan.name_like || text.strict.empty()) return text;
    Xapian::QueryParser title_parser = make_parser(db);
    title_parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    const Xapian::Query title =
        plan_plain_query(request.query, concepts_, title_parser, std::string(prefix::kTitle))
            .strict;
    if (!title.empty()) {
      text.title_boost = Xapian::Query(
          Xapian::Query::OP_SCALE_WEIGHT,
          Xapian::Query(Xapian::Query::OP_FILTER, title, whole_text_kinds()), kTitleBoost);
      text.strict = Xapian::Query(Xapian::Query::OP_AND_MAYBE, text.strict, text.title_boost);
    }
    return text;
  }
  Xapian::DateRangeProcessor dates(slot::kDate, "date:");
  qp.add_rangeprocessor(&dates);
  try {
    text.strict = qp.parse_query(quote_cjk_runs(fold_chinese(request.query)), kQueryParserFlags);
  } catch (const Xapian::QueryParserError& e) {
    throw QuerySyntaxError(e.get_msg(), request.query);
  } catch (const Xapian::RangeError& e) {
    throw QuerySyntaxError(e.get_msg(), request.query);
  }
  // A query of stop-words or punctuation parses to nothing: match nothing, not everything.
  return text;
}

Searcher::TextQuery Searcher::checked_text_query(const Xapian::Database& db,
                                                 const SearchRequest& request) const {
  // The bytes before anything is parsed; the parsed plans' phrases, alternatives and terms next.
  check_query_shape(QueryShape{request.query.size(), 0, 0, 0}, request.limits);
  TextQuery text = text_query(db, request);
  for (const Xapian::Query* q : {&text.strict, &text.relaxed})
    check_query_shape(measure_query(*q, request.query.size()), request.limits);
  return text;
}

double Searcher::estimate_cost(const SearchRequest& request) const {
  return on_database([&](Xapian::Database& db) {
    const TextQuery text = checked_text_query(db, request);
    return estimate_query_cost(text.strict, db) + estimate_query_cost(text.relaxed, db);
  });
}

Xapian::Query Searcher::relax(const TextQuery& plan) const {
  Xapian::Query relaxed = plan.relaxed;
  // Documents with every piece keep their place at the top: the strict plan's weight on top.
  if (!plan.strict.empty())
    relaxed = Xapian::Query(Xapian::Query::OP_OR, relaxed,
                            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, plan.strict, 10.0));
  // Whole laws (instrument and version documents: short, all title) would outrank the articles a
  // question is after; they stay only when their titles hold every piece.
  relaxed = Xapian::Query(Xapian::Query::OP_AND_NOT, relaxed, whole_text_kinds());
  // Recitals (the EU's "whereas" texts, titled "Recital N") explain the articles and share their
  // words: a question answered by any of its words would find them above the article it is after.
  // Weighted down, not left out (a recital may be what is wanted). The recitals' branch filters on
  // one short posting list; the other is the relaxed plan as before.
  const Xapian::Query recital(std::string(prefix::kTitle) + "recital");
  relaxed = Xapian::Query(
      Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_AND_NOT, relaxed, recital),
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                    Xapian::Query(Xapian::Query::OP_FILTER, relaxed, recital), kRecitalWeight));
  if (!plan.title_boost.empty())
    relaxed = Xapian::Query(Xapian::Query::OP_OR, relaxed, plan.title_boost);
  return relaxed;
}

Xapian::Query Searcher::build_query(const Xapian::Database& db,
                                    const SearchRequest& request) const {
  return with_filters(text_query(db, request).strict, request);
}

Xapian::Query Searcher::with_filters(Xapian::Query query, const SearchRequest& request,
                                     const std::vector<std::string>& jurisdictions) const {
  if (query.empty()) return query;
  // The bigrams its Chinese phrases need, so that positions are read only where they can match.
  if (Xapian::Query bigrams = cjk_bigram_condition(query); !bigrams.empty())
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, bigrams);
  if (!jurisdictions.empty()) {
    std::vector<Xapian::Query> terms;
    for (const auto& j : jurisdictions) terms.emplace_back(boolean_term(prefix::kJurisdiction, j));
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  }
  std::vector<Xapian::Query> filters;
  auto filter = [&filters](std::string_view pfx, const std::string& value) {
    if (!value.empty()) filters.emplace_back(boolean_term(pfx, value));
  };
  for (const SearchField& f : kSearchFields)
    if (f.filter) filter(f.prefix, request.*f.filter);
  if (!filters.empty())
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  // Point-in-time exclusions: one AND_NOT of an OR of boolean terms. Whole instruments are left
  // out by their instrument term, so only superseded versions of instruments still in force need
  // a term of their own: a few hundred terms, not one per version.
  if (!request.exclude_versions.empty() || !request.exclude_instruments.empty()) {
    std::vector<Xapian::Query> out;
    out.reserve(request.exclude_versions.size() + request.exclude_instruments.size());
    for (const auto& v : request.exclude_versions)
      out.emplace_back(boolean_term(prefix::kVersion, v));
    for (const auto& i : request.exclude_instruments)
      out.emplace_back(boolean_term(prefix::kInstrument, i));
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          Xapian::Query(Xapian::Query::OP_OR, out.begin(), out.end()));
  }
  // The date range filters last and on its own: ANDed with the term filters, Xapian checked the
  // value range for far more documents (60 ms instead of 6 ms for kind + from on an OR query).
  if (!request.from.empty() || !request.to.empty()) {
    std::string lo = request.from.empty() ? "00000000" : date_slot_value(request.from);
    std::string hi = request.to.empty() ? "99999999" : date_slot_value(request.to);
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot::kDate, lo, hi));
  }
  return query;
}

Xapian::Query Searcher::query_for(const SearchRequest& request) const {
  return on_database([&](Xapian::Database& db) { return query_in(db, request); });
}

Xapian::Query Searcher::query_in(Xapian::Database& db, const SearchRequest& request) const {
  const TextQuery plan = text_query(db, request);
  Xapian::Query query = with_filters(plan.strict, request, plan.jurisdictions);
  if (!plan.relaxed.empty()) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    HiddenDecider decider{hidden_};
    const Xapian::MSet counted = enquire.get_mset(0, 0, static_cast<Xapian::doccount>(kRelaxBelow),
                                                  nullptr, hidden_.empty() ? nullptr : &decider);
    if (counted.get_matches_estimated() < kRelaxBelow)
      query = with_filters(relax(plan), request, plan.jurisdictions);
  }
  return request.query.empty() ? query : with_signals(query);
}

Xapian::Query Searcher::with_signals(Xapian::Query query) {
  if (query.empty()) return query;
  std::vector<Xapian::Query> signals;
  for (const auto& [slot_no, weight] :
       {std::pair<Xapian::valueno, double>{slot::kInForce, kInForceWeight},
        {slot::kSpecific, kSpecificWeight}}) {
    if (weight <= 0) continue;
    // Released to the query, which owns it from here (Xapian's reference counting).
    auto* source = new Xapian::ValueWeightPostingSource(slot_no);
    signals.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(source->release()), weight);
  }
  if (signals.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                       Xapian::Query(Xapian::Query::OP_OR, signals.begin(), signals.end()));
}

std::string Searcher::spelling_suggestion(const Xapian::Database& db, const std::string& query) {
  Xapian::Stem stemmer("english");
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < query.size()) {
    const unsigned char c = static_cast<unsigned char>(query[i]);
    if (!std::isalpha(c)) {
      out.push_back(query[i++]);
      continue;
    }
    size_t j = i;
    while (j < query.size() && std::isalpha(static_cast<unsigned char>(query[j]))) ++j;
    const std::string word = query.substr(i, j - i);
    std::string lower = word;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    // Words of three letters or more that the index does not hold, other than operators (AND),
    // field names (kind:) and words glued to digits or other scripts.
    const bool glued = (j < query.size() &&
                        (query[j] == ':' || std::isdigit(static_cast<unsigned char>(query[j])) ||
                         static_cast<unsigned char>(query[j]) >= 0x80)) ||
                       (i > 0 && (std::isdigit(static_cast<unsigned char>(query[i - 1])) ||
                                  static_cast<unsigned char>(query[i - 1]) >= 0x80));
    const bool is_operator = word == "AND" || word == "OR" || word == "NOT" || word == "NEAR" ||
                             word == "ADJ" || word == "XOR";
    std::string suggestion;
    // Known as written, or another form of a known word ("watermark" where the texts say
    // "watermarks"): no suggestion.
    if (lower.size() >= 3 && !glued && !is_operator && !english_stopper()(lower) &&
        !db.term_exists(lower) && !db.term_exists("Z" + stemmer(lower))) {
      try {
        suggestion = db.get_spelling_suggestion(lower, 2);
      } catch (const Xapian::Error&) {
        // A backend without spelling data (remote shards of Xapian 1.4): no suggestion.
      }
    }
    if (!suggestion.empty() && suggestion != lower) {
      out += suggestion;
      changed = true;
    } else {
      out += word;
    }
    i = j;
  }
  return changed ? out : std::string();
}

std::string Searcher::describe(const SearchRequest& request) const {
  return on_database(
      [&](Xapian::Database& db) { return build_query(db, request).get_description(); });
}

std::unique_ptr<FacetCounter> Searcher::facet_counter() const {
  if (facet_columns_) return std::make_unique<FacetCounter>(*facet_columns_);
  std::vector<FacetColumns::Slot> slots;
  for (size_t i : facet_fields_)
    slots.push_back({kSearchFields[i].slot, kSearchFields[i].facet == FacetCount::multi});
  return std::make_unique<FacetCounter>(std::move(slots));
}

SearchResult Searcher::search(const SearchRequest& request) const {
  return on_database([&](Xapian::Database& db) { return search_in(db, request); });
}

SearchResult Searcher::search_in(Xapian::Database& db, const SearchRequest& request) const {
  SearchResult result;
  const auto started = std::chrono::steady_clock::now();
  const TextQuery plan = checked_text_query(db, request);
  // Planned once: the admission (the server's slow lane) is decided on this plan's cost.
  std::shared_ptr<void> admitted;
  if (request.admit)
    admitted =
        request.admit(estimate_query_cost(plan.strict, db) + estimate_query_cost(plan.relaxed, db));
  Xapian::Query query = with_filters(plan.strict, request, plan.jurisdictions);
  if (!request.query.empty()) query = with_signals(query);
  result.concepts = plan.concepts;
  // The time budget (local indexes only; see search() in the header). One deadline for the strict
  // and the relaxed match; the flag is shared by the source's clones (one per layer).
  const bool budgeted = request.time_budget.count() > 0 && remote_.empty();
  const auto deadline = started + request.time_budget;
  auto deadline_hit = std::make_shared<std::atomic<bool>>(false);
  if (!request.query.empty()) result.did_you_mean = spelling_suggestion(db, request.query);

  // The strict plan, and the relaxed one when the strict one finds fewer than kRelaxBelow.
  for (;;) {
    Xapian::Enquire enquire(db);
    std::chrono::duration<double> time_left{0};
    if (budgeted && !query.empty()) {
      time_left = deadline - std::chrono::steady_clock::now();
      auto* source = new MatchDeadline(deadline, deadline_hit);
      enquire.set_query(
          Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(source->release())));
      // Counting matches beyond the page (check_at_least) stops when the budget is spent.
      // Xapian runs this limit on a POSIX timer whose expiry starts a thread inside glibc
      // (SIGEV_THREAD); ThreadSanitizer cannot see that thread and the server crashes in the
      // TSan build (the test_reload case, 4 of 4 runs). There the deadline source above alone
      // bounds the match.
#if !defined(__SANITIZE_THREAD__)
      enquire.set_time_limit(std::max(time_left.count(), 0.001));
#else
      (void)time_left;
#endif
    } else {
      enquire.set_query(query);
    }
    // Ties (equal dates, equal weights) are broken by node id, never by docid, which depends on
    // how many shards the ingest wrote.
    Xapian::MultiValueKeyMaker newest_first;
    if (request.query.empty() && !remote_.empty()) {
      // Remote shards run no KeyMaker: by date here, by node id within a date below.
      enquire.set_sort_by_value(slot::kDate, true);
    } else if (request.query.empty()) {
      // Browsing by filters only: newest first.
      newest_first.add_value(slot::kDate, true);
      newest_first.add_value(slot::kNodeId);
      enquire.set_sort_by_key(&newest_first, false);
    } else {
      enquire.set_sort_by_relevance_then_value(slot::kNodeId, false);
      // Not collapsed on slot::kCollapse (identical texts of one instrument): no gain on the
      // judged queries once the in-force signal ranks the current copy first, and remote shards
      // (collapsed on each shard, then merged) answer other totals than the local index.
    }
    // Facet fields counted by one spy (column k is kSearchFields[facet_fields_[k]]).
    std::unique_ptr<FacetCounter> spy;
    if (request.facets) {
      spy = facet_counter();
      spy->attach(enquire);
    }
    Xapian::doccount check = std::min<Xapian::doccount>(db.get_doccount(), kExactCountLimit);
    // Replaced documents of older layers are dropped before counting, facets and ranking.
    HiddenDecider decider{hidden_};
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check, nullptr,
                                         hidden_.empty() ? nullptr : &decider);
    // Cut short by the deadline, or past the time limit (then Xapian stopped counting).
    if (budgeted && (deadline_hit->load() || std::chrono::steady_clock::now() >= deadline))
      result.truncated = true;
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    // Too little for what was typed in plain words: rank by any of its pieces instead (once).
    if (!result.relaxed && !plan.relaxed.empty() && result.total < kRelaxBelow &&
        !result.truncated) {
      result.relaxed = true;
      query = with_signals(with_filters(relax(plan), request, plan.jurisdictions));
      continue;
    }
    // Remote shards: the facets counted by a search of their own (facet_counter.h). Sorted by a
    // key, a filters-only search examines every match, so that one counts them all.
    if (spy) spy->count(db, query, request.query.empty() ? db.get_doccount() : check);

    // The page: `mset`, or on remote shards for a filters-only search the same matches in node-id
    // order within each date (browse_order.h). Documents are fetched in one go (one round trip
    // per shard, not one per document).
    std::vector<Xapian::MSet> pages;
    if (!remote_.empty() && request.query.empty())
      pages = page_by_date_then_node_id(db, query, mset, request.offset);
    else
      pages.push_back(mset);
    std::vector<std::pair<const Xapian::MSet*, Xapian::MSetIterator>> items;
    for (const Xapian::MSet& page : pages) {
      // The range form: MSet::fetch() without one reads past the items of a page that does not
      // start at 0 in Xapian 1.4.22 (a crash with offset=20).
      page.fetch(page.begin(), page.end());
      for (auto it = page.begin(); it != page.end(); ++it) items.emplace_back(&page, it);
    }
    Xapian::Stem stemmer("english");
    for (auto& [page, it] : items) {
      Xapian::Document doc = it.get_document();
      rapidjson::Document data;
      // Parsed in place: the strings (the whole zh and en texts) are not copied a second time.
      std::string raw = doc.get_data();
      data.ParseInsitu(raw.data());
      if (data.HasParseError() || !data.IsObject()) continue;
      SearchHit hit;
      hit.id = json_string(data, "id");
      hit.kind = json_string(data, "kind");
      hit.title = json_string(data, "title");
      hit.instrument_id = json_string(data, "instrument");
      hit.instrument_title = json_string(data, "instrument_title");
      hit.version_id = json_string(data, "version");
      hit.article_label = json_string(data, "article_label");
      hit.date = json_string(data, "date");
      hit.jurisdiction = json_string(data, "jurisdiction");
      hit.score = it.get_weight();
      // Prefer the language in which the query matched; fall back to the start of the text.
      std::string zh = json_string(data, "zh"), en = json_string(data, "en");
      // Chinese is matched in simplified characters and shown as written: texts in traditional
      // characters carry their folded form (index_writer.cpp).
      const std::string zh_folded = json_string(data, "zh_folded"),
                        en_folded = json_string(data, "en_folded");
      std::string best;
      for (const auto& [text, folded_form] :
           {std::pair<const std::string*, const std::string*>{&zh, &zh_folded},
            {&en, &en_folded}}) {
        if (text->empty()) continue;
        const std::string& folded = folded_form->empty() ? *text : *folded_form;
        std::string s = unfold_snippet(
            page->snippet(folded, 240, stemmer, kSnippetFlags, "<mark>", "</mark>", "…"), folded,
            *text, "<mark>", "</mark>", "…");
        if (s.find("<mark>") != std::string::npos) {
          best = std::move(s);
          break;
        }
        if (best.empty()) best = std::move(s);
      }
      if (best.empty()) {
        std::string folded = json_string(data, "title_folded");
        if (folded.empty()) folded = hit.title;
        best = unfold_snippet(
            page->snippet(folded, 240, stemmer, kSnippetFlags, "<mark>", "</mark>", "…"), folded,
            hit.title, "<mark>", "</mark>", "…");
      }
      hit.snippet = std::move(best);
      result.hits.push_back(std::move(hit));
    }

    for (size_t k = 0; spy && k < facet_fields_.size(); ++k) {
      const SearchField& f = kSearchFields[facet_fields_[k]];
      std::vector<FacetValue> values;
      for (auto& [value, count] : spy->top_values(k, f.facet_values))
        values.push_back({std::move(value), count});
      // (A multi-valued facet without values is left out of the answer, a single-valued one is
      // listed empty: the answers' shape before the table.)
      if (f.facet == FacetCount::multi && values.empty()) continue;
      if (f.facet_by_value)
        std::sort(values.begin(), values.end(),
                  [](const FacetValue& a, const FacetValue& b) { return a.value > b.value; });
      result.facets[std::string(f.name)] = std::move(values);
    }
    result.query_description = query.get_description();
    break;
  }
  return result;
}

}  // namespace regkg::index
