// The ingest pipeline: scan -> parse (threads) -> deduplicate -> graph -> extract -> index (while
// the graph file is written) -> history and manifest -> atomic commit. run_ingest reads as that
// sequence; each stage below takes what it needs and returns what the next one uses.
#include "ingest/ingest_pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <fstream>
#include <future>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include <sys/resource.h>
#include <unistd.h>

#include "graph/adjacency_index.h"
#include "graph/graph_store.h"
#include "graph/validity_index.h"
#include "index/concept_table.h"
#include "index/index_schema.h"
#include "index/lexicon.h"
#include "ingest/assemble/concept_table_builder.h"
#include "ingest/assemble/effective_dates.h"
#include "ingest/assemble/graph_builder.h"
#include "ingest/assemble/index_builder.h"
#include "ingest/assemble/instrument_catalog.h"
#include "ingest/assemble/knowledge_extractor.h"
#include "ingest/assemble/lexicon_builder.h"
#include "ingest/assemble/source_contributions.h"
#include "ingest/assemble/version_facts.h"
#include "ingest/extract/alias_dictionary.h"
#include "ingest/extract/news_linker.h"
#include "ingest/ingest_cache.h"
#include "ingest/progress_reporter.h"
#include "ingest/sources/corpus_scanner.h"
#include "ingest/sources/json_config_file.h"
#include "ingest/sources/source_reader.h"
#include "snapshot/snapshot_history.h"
#include "snapshot/snapshot_manifest.h"
#include "snapshot/snapshot_store.h"

namespace regkg::ingest {

namespace {

namespace fs = std::filesystem;

// A thread joined when it goes out of scope, whichever way the scope is left.
class JoiningThread {
 public:
  template <typename F>
  explicit JoiningThread(F&& f) : thread_(std::forward<F>(f)) {}
  JoiningThread(JoiningThread&&) = default;
  JoiningThread& operator=(JoiningThread&&) = delete;
  ~JoiningThread() { join(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
};

// The dictionaries and facts the graph is built with, all read before anything is staged.
struct Dictionaries {
  AliasDictionary actors;
  InstrumentCatalog catalog;
  NewsLinker news_linker;
  fs::path facts_path;                     // versions.json, whether it exists or not
  std::vector<VersionFact> version_facts;  // drafts known from facts; empty without the file
  // concepts.json as read and checked: copied into the snapshot's index for query expansion.
  std::string concepts_json;
};

Dictionaries load_dictionaries(const IngestOptions& options) {
  Dictionaries d;
  d.actors = AliasDictionary::load(options.dictionaries_dir / "actors.json");
  // instruments.json holds both the instrument catalog and the news patterns: read it once.
  const fs::path instruments_path = options.dictionaries_dir / "instruments.json";
  const std::string instruments_json = read_config_file(instruments_path, "instrument catalog");
  d.catalog = InstrumentCatalog::from_json(instruments_json, instruments_path.string());
  d.news_linker = NewsLinker::from_json(instruments_json, instruments_path.string());
  d.facts_path = (options.facts_dir.empty() ? options.dictionaries_dir.parent_path() / "facts"
                                            : options.facts_dir) /
                 "versions.json";
  if (!options.facts_dir.empty() || fs::exists(d.facts_path))
    d.version_facts = load_version_facts(d.facts_path);
  const fs::path concepts_path = options.dictionaries_dir / index::kConceptsFile;
  if (fs::exists(concepts_path)) {
    d.concepts_json = read_config_file(concepts_path, "concept table");
    try {
      index::ConceptTable::parse(d.concepts_json, concepts_path.string());
    } catch (const index::ConceptTableError& e) {
      throw IngestError(e.what());
    }
  }
  return d;
}

snapshot::StagedSnapshot begin_staging(snapshot::SnapshotStore& store) {
  try {
    return store.begin();
  } catch (const snapshot::SnapshotStoreError& e) {
    throw IngestError(e.what());
  }
}

// Stage 1, scan: the corpus folders -> their files, each with its format. Files that are not
// sources (README.md, licences, a .tsv) are reported once, never parsed.
std::vector<SourceFile> scan(const IngestOptions& options, Diagnostics& diags, std::ostream& log) {
  std::vector<SourceFile> files = scan_corpora(options.corpora, diags);
  if (diags.error_count() > 0 && files.empty()) {
    for (const auto& d : diags.items()) log << d.format() << '\n';
    throw IngestError("error: no readable corpus directory");
  }
  for (const auto& f : files)
    if (!f.ignore_reason.empty() &&
        (!options.cache || options.cache->reported_ignored.insert(f.absolute.string()).second))
      log << f.relative << ": note: ignored: " << f.ignore_reason << '\n';
  return files;
}

std::uint64_t total_bytes(const std::vector<SourceFile>& files) {
  std::uint64_t total = 0;
  for (const auto& f : files) total += f.bytes;
  return total;
}

// Stage 2, parse: files -> one ParsedFile each (same order), on `threads` workers that each take
// the next file. With a cache (regkg watch), a file whose stat stamp is unchanged is taken from
// it; the others are stored in it. Diagnostics of every file, cached ones replayed, go to `diags`.
std::vector<ParsedFile> parse(const std::vector<SourceFile>& files, const IngestOptions& options,
                              unsigned threads, ProgressReporter& progress, Diagnostics& diags,
                              IngestSummary& summary) {
  std::vector<ParsedFile> results(files.size());
  std::vector<std::optional<FileStamp>> stamps(files.size());
  std::vector<char> from_cache(files.size(), 0);
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < files.size();) {
        if (options.cache && files[i].format != SourceFormat::unknown) {
          stamps[i] = stamp_file(files[i].absolute);
          if (stamps[i])
            if (const ParsedFile* hit = options.cache->parsed.find(files[i].absolute, *stamps[i])) {
              results[i] = *hit;
              from_cache[i] = 1;
            }
        }
        if (!from_cache[i]) results[i] = read_source(files[i]);
        progress.file_done(files[i].bytes);
      }
    });
  for (auto& w : workers) w.join();
  progress.finish();
  for (size_t i = 0; i < files.size(); ++i) {
    for (const auto& d : results[i].diagnostics) diags.add(d);
    // A file that could not be read (no hash) is tried again next time; a parse error is
    // remembered with the content it belongs to, and replayed.
    if (options.cache && !from_cache[i] && stamps[i] && !results[i].sha256.empty())
      options.cache->parsed.store(files[i].absolute, *stamps[i], results[i]);
  }
  for (size_t i = 0; i < files.size(); ++i)
    if (files[i].format != SourceFormat::unknown)
      ++(from_cache[i] ? summary.files_reused : summary.files_parsed);
  if (options.cache)
    progress.phase(std::to_string(summary.files_parsed) + " files parsed, " +
                   std::to_string(summary.files_reused) + " unchanged since the last run");
  return results;
}

// Stage 3, deduplicate: parsed files -> the parse trees to build from, by kind (moved out of
// `parsed`). Byte-identical copies of a statute (the same law filed in two folders) are ingested
// once; the later copies are marked `duplicate`.
ParsedSources deduplicate(const std::vector<SourceFile>& files, std::vector<ParsedFile>& parsed) {
  ParsedSources sources;
  std::set<std::string> statute_hashes;
  for (size_t i = 0; i < files.size(); ++i) {
    ParsedFile& r = parsed[i];
    if (r.statute) {
      if (!statute_hashes.insert(r.sha256).second) {
        r.status = ParsedFile::Status::duplicate;
        continue;
      }
      sources.statutes.push_back({files[i], r.sha256, std::move(*r.statute)});
    } else if (r.compass) {
      sources.compass.push_back({files[i], std::move(*r.compass)});
    } else if (r.news) {
      sources.news.push_back({files[i], std::move(*r.news)});
    }
  }
  return sources;
}

// Sizes `graph` from the current snapshot's node count, so its tables never grow during the build.
void reserve_like_previous(graph::KnowledgeGraph& graph, const snapshot::SnapshotStore& store,
                           const std::optional<std::string>& previous_id) {
  if (!previous_id) return;
  try {
    auto counts =
        snapshot::read_manifest(store.snapshot_dir(*previous_id) / snapshot::kManifestFile).counts;
    // A damaged manifest must not make the build reserve absurd amounts: the hint is capped far
    // above the real corpus (352k nodes).
    constexpr std::uint64_t kMaxHint = std::uint64_t{1} << 24;
    const std::uint64_t nodes = std::min(counts["nodes"], kMaxHint);
    graph.reserve(graph::KnowledgeGraph::rebuild_capacity(nodes));
  } catch (const std::exception&) {
    // only a hint: without it the tables grow as they fill
  }
}

// Stage 4, build the graph: parse trees and dictionaries -> instruments, versions, articles,
// actors and news in `graph`, then the versions known from facts. The parse trees are no longer
// needed afterwards: they are freed on the returned thread while the extraction runs (0.05 s of
// this one's time on the full corpus). Returns that thread and the number of fact versions.
std::pair<JoiningThread, size_t> build_graph(graph::KnowledgeGraph& graph, ParsedSources sources,
                                             const Dictionaries& dictionaries, Diagnostics& diags,
                                             ProgressReporter& progress) {
  progress.phase("building graph from " + std::to_string(sources.statutes.size()) + " statutes, " +
                 std::to_string(sources.compass.size()) + " JSON files, " +
                 std::to_string(sources.news.size()) + " news items");
  build_graph_into(graph, sources, dictionaries.actors, dictionaries.catalog, diags);
  JoiningThread parse_tree_reaper([doomed = std::move(sources)]() mutable { doomed = {}; });
  const size_t fact_versions = add_version_facts(graph, dictionaries.version_facts, diags);
  return {std::move(parse_tree_reaper), fact_versions};
}

// Stage 5, extract knowledge: article and news text -> obligations, citations, dates and news
// links as nodes and edges; versions dated in force from their commencement clauses; news linked
// to the versions known from facts.
void extract(graph::KnowledgeGraph& graph, const Dictionaries& dictionaries, size_t fact_versions,
             const IngestOptions& options, unsigned threads, Diagnostics& diags,
             ProgressReporter& progress, IngestSummary& summary) {
  progress.phase("extracting obligations, citations, dates and news links");
  ExtractionStats x =
      extract_knowledge(graph, dictionaries.actors, dictionaries.news_linker, diags, threads,
                        options.cache ? &options.cache->analyses : nullptr);
  summary.articles_analysed = x.articles_analysed;
  summary.articles_reused = x.articles_reused;
  if (options.cache)
    progress.phase(std::to_string(x.articles_analysed) + " articles analysed, " +
                   std::to_string(x.articles_reused) + " unchanged since the last run");
  progress.phase(std::to_string(x.obligations) + " obligations (" + std::to_string(x.bearer_links) +
                 " bearer links, " + std::to_string(x.bearers_inferred) +
                 " bearers from the chapter), " + std::to_string(x.citations_resolved) +
                 " resolved and " + std::to_string(x.citations_unresolved) +
                 " unresolved citations, " + std::to_string(x.legal_basis) +
                 " legal-basis links, " + std::to_string(x.internal_references) +
                 " internal references, " + std::to_string(x.events) + " dated events, " +
                 std::to_string(x.news_links) + " news links, " +
                 std::to_string(x.candidate_actors) + " candidate actors");
  const size_t text_effective = effective_dates_from_text(graph);
  progress.phase(std::to_string(text_effective) +
                 " versions dated in force from their commencement clause");
  if (!dictionaries.version_facts.empty()) {
    const size_t draft_news = link_news_to_version_facts(graph, dictionaries.version_facts);
    progress.phase(std::to_string(fact_versions) + " versions from " +
                   dictionaries.facts_path.string() + ", " + std::to_string(draft_news) +
                   " news links to them");
  }
}

// Diagnostics -> the log, sorted by file and line and printed like a compiler's; their counts in
// `summary`. Throws IngestError under --strict when there is an error. Returns them sorted.
std::vector<Diagnostic> report_diagnostics(const Diagnostics& diags, const IngestOptions& options,
                                           std::ostream& log, IngestSummary& summary) {
  std::vector<Diagnostic> all = diags.items();
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.path != b.path ? a.path < b.path : a.line < b.line;
  });
  for (const auto& d : all) log << d.format() << '\n';
  summary.errors = diags.error_count();
  summary.warnings = diags.warning_count();
  if (options.strict && summary.errors > 0)
    throw IngestError("error: " + std::to_string(summary.errors) +
                      " error(s) and --strict: nothing committed");
  return all;
}

// The graph file, written on its own thread while the index is built (both only read the finished
// graph). finish() waits for it and rethrows its failure; the destructor only waits.
class GraphFileWriter {
 public:
  // With `serve_early` (a caller will serve the graph from the staging directory), the thread
  // first yields the CPU to the index writers and builds the graph's traversal indexes: a caller
  // about to serve needs the index first (searches), then those (graph queries wait for them),
  // then the file.
  GraphFileWriter(const graph::KnowledgeGraph& graph, fs::path file, bool serve_early)
      : thread_([this, &graph, file = std::move(file), serve_early] {
          try {
            if (serve_early) {
              ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
              graph.adjacency();
              graph.validity();
            }
            graph::save_graph(graph, file);
          } catch (...) {
            failure_ = std::current_exception();
          }
        }) {}
  GraphFileWriter(const GraphFileWriter&) = delete;
  GraphFileWriter& operator=(const GraphFileWriter&) = delete;

  void finish() {
    thread_.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  std::exception_ptr failure_;  // before thread_: set by it
  JoiningThread thread_;
};

// Stage 6, index: the graph -> the staged snapshot's Xapian index, written incrementally on top of
// the previous snapshot's when possible (see index_builder.h); its counts in `summary`.
IndexBuildResult build_search_index(const graph::KnowledgeGraph& graph,
                                    const IngestOptions& options,
                                    const snapshot::StagedSnapshot& staged,
                                    const snapshot::SnapshotStore& store,
                                    const std::optional<std::string>& previous_id, unsigned threads,
                                    const std::string& concepts_json,
                                    std::future<std::string>& lexicon_json,
                                    ProgressReporter& progress, IngestSummary& summary) {
  progress.phase("indexing (" + std::to_string(graph.node_count()) + " nodes, " +
                 std::to_string(graph.edge_count()) + " edges)");
  IndexBuildOptions index_options;
  index_options.index_dir = staged.dir / snapshot::kIndexDir;
  index_options.snapshot_id = staged.id;
  index_options.threads = threads;
  if (previous_id && !options.full)
    index_options.previous_index_dir = store.snapshot_dir(*previous_id) / snapshot::kIndexDir;
  IndexBuildResult indexed = build_index(graph, index_options);
  for (const auto& warning : indexed.warnings) progress.phase("warning: " + warning);
  // The concept table travels with the index it expands queries for (index/concept_table.h).
  {
    const fs::path path = index_options.index_dir / index::kConceptsFile;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << concepts_json;
    if (!out.flush()) throw IngestError(path.string() + ": error: cannot write the concept table");
  }
  // So does the lexicon learned from the corpus's aligned articles (index/lexicon.h).
  {
    const fs::path path = index_options.index_dir / index::kLexiconFile;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << lexicon_json.get();
    if (!out.flush()) throw IngestError(path.string() + ": error: cannot write the lexicon");
  }
  summary.documents = indexed.documents;
  summary.incremental = indexed.incremental;
  summary.full_reason = options.full ? "--full" : indexed.full_reason;
  summary.documents_written = indexed.written;
  summary.documents_added = indexed.added;
  summary.documents_changed = indexed.changed;
  summary.documents_removed = indexed.removed;
  progress.phase(
      indexed.incremental
          ? "index: incremental on " + *previous_id + ": " + std::to_string(indexed.added) +
                " added, " + std::to_string(indexed.changed) + " changed, " +
                std::to_string(indexed.removed) + " removed documents" +
                (indexed.consolidated ? "; earlier deltas consolidated (" +
                                            std::to_string(indexed.written) + " documents written)"
                                      : "")
          : "index: full (" + summary.full_reason + "), " + std::to_string(indexed.written) +
                " documents");
  return indexed;
}

// Stage 7, history: the previous snapshot's history and this index's version fingerprints -> the
// staged snapshot's history file (a damaged previous history starts a new one).
void write_history(const snapshot::SnapshotStore& store,
                   const std::optional<std::string>& previous_id,
                   const snapshot::StagedSnapshot& staged, const IndexBuildResult& indexed,
                   std::ostream& log) {
  snapshot::SnapshotHistory previous_history;
  if (previous_id) {
    try {
      previous_history =
          snapshot::read_history(store.snapshot_dir(*previous_id) / snapshot::kHistoryFile);
    } catch (const std::exception& e) {
      log << e.what() << " (history starts anew)\n";
    }
  }
  snapshot::write_history(snapshot::next_history(previous_history, indexed.version_fingerprints,
                                                 snapshot::utc_now_iso8601(), staged.id),
                          staged.dir / snapshot::kHistoryFile);
}

// Stage 8, manifest: what went in (every file with its hash and status, the diagnostics) and what
// came out (counts by kind) -> the staged snapshot's manifest; the file counts in `summary`.
void write_manifest(const graph::KnowledgeGraph& graph, const std::vector<SourceFile>& files,
                    const std::vector<ParsedFile>& parsed,
                    const std::vector<Diagnostic>& diagnostics, const IngestOptions& options,
                    const snapshot::StagedSnapshot& staged,
                    std::chrono::steady_clock::time_point started, IngestSummary& summary) {
  snapshot::SnapshotManifest manifest;
  manifest.id = staged.id;
  manifest.created = snapshot::utc_now_iso8601();
  manifest.index_schema_version = index::kSchemaVersion;
  manifest.graph_format_version = graph::kGraphFormatVersion;
  manifest.regkg_version = "0.1.0";
  for (const auto& c : options.corpora) manifest.corpora.push_back(c.string());
  summary.nodes = graph.node_count();
  summary.edges = graph.edge_count();
  manifest.counts["nodes"] = summary.nodes;
  manifest.counts["edges"] = summary.edges;
  manifest.counts["documents"] = summary.documents;
  const auto kinds = graph.kind_counts();
  for (int k = 0; k < graph::kNodeKindCount; ++k)
    manifest.counts["kind." + std::string(graph::to_string(static_cast<graph::NodeKind>(k)))] =
        kinds[k];
  for (size_t i = 0; i < files.size(); ++i) {
    const ParsedFile& r = parsed[i];
    switch (r.status) {
      case ParsedFile::Status::ingested:
        ++summary.ingested;
        break;
      case ParsedFile::Status::skipped:
        ++summary.skipped;
        break;
      case ParsedFile::Status::ignored:
        ++summary.ignored;
        break;
      case ParsedFile::Status::duplicate:
        ++summary.duplicates;
        break;
      case ParsedFile::Status::pending:
        break;
    }
    manifest.sources.push_back({files[i].relative, files[i].corpus, to_string(files[i].format),
                                r.sha256, files[i].bytes, to_string(r.status)});
  }
  manifest.counts["sources.ingested"] = summary.ingested;
  manifest.counts["sources.skipped"] = summary.skipped;
  manifest.counts["errors"] = summary.errors;
  manifest.counts["warnings"] = summary.warnings;
  for (const auto& d : diagnostics)
    manifest.diagnostics.push_back(
        {d.severity == Severity::error ? "error" : "warning", d.path, d.line, d.message});
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  manifest.ingest_seconds = summary.seconds;
  snapshot::write_manifest(manifest, staged.dir / snapshot::kManifestFile);
}

// Everything but the graph file is in place: a caller holding the graph may serve it already
// (IngestOptions::on_index_ready). Its failure is logged, not thrown.
void hand_over_early(const IngestOptions& options, const snapshot::StagedSnapshot& staged,
                     const std::shared_ptr<const graph::KnowledgeGraph>& graph, std::ostream& log) {
  if (!options.on_index_ready) return;
  try {
    options.on_index_ready(staged.dir, graph);
  } catch (const std::exception& e) {
    log << "regkg ingest: serving " << staged.id << " before its commit failed: " << e.what()
        << '\n';
  }
}

// Stage 9, commit: the staged snapshot becomes current; the caches forget what this run did not
// use (it left the corpus); old snapshots beyond options.keep are removed.
void commit(snapshot::SnapshotStore& store, snapshot::StagedSnapshot& staged,
            const IngestOptions& options, std::ostream& log, IngestSummary& summary) {
  store.commit(staged);
  summary.snapshot_id = staged.id;
  if (options.cache) {
    options.cache->parsed.sweep();
    options.cache->analyses.sweep();
  }
  if (options.keep > 0) summary.snapshots_removed = store.collect_garbage(options.keep, log);
}

}  // namespace

IngestSummary run_ingest(const IngestOptions& options, std::ostream& log) {
  const auto started = std::chrono::steady_clock::now();
  if (options.corpora.empty()) throw IngestError("error: no --corpus directory given");
  const Dictionaries dictionaries = load_dictionaries(options);
  snapshot::SnapshotStore store(options.data_dir, /*writable=*/true);
  snapshot::StagedSnapshot staged = begin_staging(store);
  try {
    IngestSummary summary;
    Diagnostics diags;
    const unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());

    const std::vector<SourceFile> files = scan(options, diags, log);
    summary.files_seen = files.size();
    ProgressReporter progress(log, options.terminal, files.size(), total_bytes(files));
    std::vector<ParsedFile> parsed = parse(files, options, threads, progress, diags, summary);
    ParsedSources sources = deduplicate(files, parsed);

    // Held by a shared_ptr so the caller can keep it (IngestSummary::graph) instead of paying for
    // its teardown.
    auto graph = std::make_shared<graph::KnowledgeGraph>();
    const std::optional<std::string> previous_id = store.current_id();
    reserve_like_previous(*graph, store, previous_id);
    graph->set_write_observer(options.contributions);
    auto [parse_tree_reaper, fact_versions] =
        build_graph(*graph, std::move(sources), dictionaries, diags, progress);
    extract(*graph, dictionaries, fact_versions, options, threads, diags, progress, summary);
    graph->set_write_observer(nullptr);
    const std::vector<Diagnostic> diagnostics = report_diagnostics(diags, options, log, summary);

    // The lexicon is learned beside the indexing (about 2 s of one core on the full corpus; both
    // only read the graph) and written with the index; a refresh that changed none of the text it
    // is learned from keeps the previous snapshot's (build_lexicon_json). When the index is served
    // before the commit (serve --follow), it is learned before the graph file starts instead:
    // beside a one-law refresh it took the CPU the index needed to be ready before the graph file
    // (scripts/follow_disk_full.sh).
    std::string previous_lexicon;
    if (previous_id && !options.full) {
      std::ifstream in(store.snapshot_dir(*previous_id) / snapshot::kIndexDir / index::kLexiconFile,
                       std::ios::binary);
      previous_lexicon.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::future<std::string> lexicon_json =
        std::async(std::launch::async, [&graph, previous = std::move(previous_lexicon)] {
          return build_lexicon_json(*graph, previous);
        });
    if (options.on_index_ready) lexicon_json.wait();
    GraphFileWriter graph_file(*graph, staged.dir / snapshot::kGraphFile,
                               static_cast<bool>(options.on_index_ready));
    const IndexBuildResult indexed = build_search_index(
        *graph, options, staged, store, previous_id, threads,
        build_concept_table_json(dictionaries.concepts_json, dictionaries.actors, *graph),
        lexicon_json, progress, summary);
    write_history(store, previous_id, staged, indexed, log);
    progress.phase("writing manifest");
    write_manifest(*graph, files, parsed, diagnostics, options, staged, started, summary);
    hand_over_early(options, staged, graph, log);
    graph_file.finish();
    progress.phase("graph file written; committing");

    commit(store, staged, options, log, summary);
    summary.graph = std::move(graph);
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
  } catch (const IngestError&) {
    store.abandon(staged);
    throw;
  } catch (const std::exception& e) {
    store.abandon(staged);
    throw IngestError(std::string(e.what()));
  } catch (const Xapian::Error& e) {
    store.abandon(staged);
    throw IngestError("error: index: " + e.get_description());
  }
}

}  // namespace regkg::ingest
