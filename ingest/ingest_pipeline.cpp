// The ingest pipeline: scan -> parse (threads) -> graph -> index -> manifest -> atomic commit.
#include "ingest/ingest_pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <sys/resource.h>
#include <unistd.h>

#include "graph/adjacency_index.h"
#include "graph/graph_store.h"
#include "graph/validity_index.h"
#include "index/index_schema.h"
#include "ingest/extract/alias_dictionary.h"
#include "ingest/sources/corpus_scanner.h"
#include "ingest/assemble/effective_dates.h"
#include "ingest/assemble/graph_builder.h"
#include "ingest/assemble/index_builder.h"
#include "ingest/ingest_cache.h"
#include "ingest/assemble/instrument_catalog.h"
#include "ingest/sources/json_config_file.h"
#include "ingest/assemble/knowledge_extractor.h"
#include "ingest/extract/news_linker.h"
#include "ingest/progress_reporter.h"
#include "ingest/assemble/search_document_builder.h"
#include "text/sha256.h"
#include "ingest/assemble/version_facts.h"
#include "snapshot/snapshot_history.h"
#include "snapshot/snapshot_manifest.h"
#include "snapshot/snapshot_store.h"

namespace regkg::ingest {

namespace {

namespace fs = std::filesystem;

using FileResult = ParsedFile;

bool read_whole_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return !in.bad();
}

void parse_file(const SourceFile& file, FileResult& result, Diagnostics& diags) {
  if (file.format == SourceFormat::unknown) {
    result.status = FileResult::Status::ignored;
    return;
  }
  std::string content;
  if (!read_whole_file(file.absolute, content)) {
    diags.error(file.relative, 0, "cannot read file");
    result.status = FileResult::Status::skipped;
    return;
  }
  result.sha256 = text::sha256_hex(content);
  // Parsers see the corpus-relative path, so messages and provenance are portable.
  try {
    switch (file.format) {
      case SourceFormat::statute_markdown:
        result.statute = parse_statute_markdown(file.relative, content, diags);
        break;
      case SourceFormat::compass_json:
        result.compass = parse_compass_json(file.relative, content, diags);
        break;
      case SourceFormat::news_markdown:
        result.news = parse_news_markdown(file.relative, content, diags);
        break;
      case SourceFormat::unknown:
        break;
    }
    result.status = FileResult::Status::ingested;
  } catch (const ParseError& e) {
    diags.add(e.to_diagnostic());
    result.status = FileResult::Status::skipped;
  } catch (const std::exception& e) {
    diags.error(file.relative, 0, std::string("unexpected failure: ") + e.what());
    result.status = FileResult::Status::skipped;
  }
}

// Joins a thread when it goes out of scope, whichever way the scope is left.
struct ThreadJoiner {
  std::thread& thread;
  ~ThreadJoiner() {
    if (thread.joinable()) thread.join();
  }
};

// Parses `file` into `result`, its diagnostics kept with it (so a cached result can replay them).
void parse_one(const SourceFile& file, FileResult& result) {
  Diagnostics diags;
  parse_file(file, result, diags);
  result.diagnostics = diags.items();
}

const char* status_name(FileResult::Status s) {
  switch (s) {
    case FileResult::Status::ingested:
      return "ingested";
    case FileResult::Status::skipped:
      return "skipped";
    case FileResult::Status::ignored:
      return "ignored";
    case FileResult::Status::duplicate:
      return "duplicate";
    case FileResult::Status::pending:
      break;
  }
  return "pending";
}

}  // namespace

IngestSummary run_ingest(const IngestOptions& options, std::ostream& log) {
  auto started = std::chrono::steady_clock::now();
  IngestSummary summary;
  if (options.corpora.empty()) throw IngestError("error: no --corpus directory given");

  AliasDictionary actors = AliasDictionary::load(options.dictionaries_dir / "actors.json");
  // instruments.json holds both the instrument catalog and the news patterns: read it once.
  const std::filesystem::path instruments_path = options.dictionaries_dir / "instruments.json";
  const std::string instruments_json = read_config_file(instruments_path, "instrument catalog");
  InstrumentCatalog catalog =
      InstrumentCatalog::from_json(instruments_json, instruments_path.string());
  NewsLinker news_linker = NewsLinker::from_json(instruments_json, instruments_path.string());
  // Drafts and other versions known from facts (corpus/facts/versions.json), when present.
  const std::filesystem::path facts_path =
      (options.facts_dir.empty() ? options.dictionaries_dir.parent_path() / "facts"
                                 : options.facts_dir) /
      "versions.json";
  std::vector<VersionFact> version_facts;
  if (!options.facts_dir.empty() || std::filesystem::exists(facts_path))
    version_facts = load_version_facts(facts_path);

  snapshot::SnapshotStore store(options.data_dir, /*writable=*/true);
  snapshot::StagedSnapshot staged;
  try {
    staged = store.begin();
  } catch (const snapshot::SnapshotStoreError& e) {
    throw IngestError(e.what());
  }

  try {
    Diagnostics diags;
    std::vector<SourceFile> files = scan_corpora(options.corpora, diags);
    if (diags.error_count() > 0 && files.empty()) {
      for (const auto& d : diags.items()) log << d.format() << '\n';
      throw IngestError("error: no readable corpus directory");
    }
    summary.files_seen = files.size();
    // Files that are not sources (README.md, licences, a .tsv) are reported once, never parsed.
    for (const auto& f : files)
      if (!f.ignore_reason.empty() &&
          (!options.cache || options.cache->reported_ignored.insert(f.absolute.string()).second))
        log << f.relative << ": note: ignored: " << f.ignore_reason << '\n';
    std::uint64_t total_bytes = 0;
    for (const auto& f : files) total_bytes += f.bytes;

    // Parse in parallel: each worker takes the next file; results land in their own slot.
    ProgressReporter progress(log, options.terminal, files.size(), total_bytes);
    // With a cache (regkg watch), a file whose stat stamp is unchanged is taken from it.
    std::vector<FileResult> results(files.size());
    std::vector<std::optional<FileStamp>> stamps(files.size());
    std::vector<char> from_cache(files.size(), 0);
    unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::atomic<size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
      workers.emplace_back([&] {
        for (size_t i; (i = next.fetch_add(1)) < files.size();) {
          if (options.cache && files[i].format != SourceFormat::unknown) {
            stamps[i] = stamp_file(files[i].absolute);
            if (stamps[i])
              if (const ParsedFile* hit =
                      options.cache->parsed.find(files[i].absolute, *stamps[i])) {
                results[i] = *hit;
                from_cache[i] = 1;
              }
          }
          if (!from_cache[i]) parse_one(files[i], results[i]);
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

    // Byte-identical copies (the same law filed in two folders) are ingested once.
    ParsedSources sources;
    std::set<std::string> statute_hashes;
    for (size_t i = 0; i < files.size(); ++i) {
      FileResult& r = results[i];
      if (r.statute) {
        if (!statute_hashes.insert(r.sha256).second) {
          r.status = FileResult::Status::duplicate;
          continue;
        }
        sources.statutes.push_back({files[i], r.sha256, std::move(*r.statute)});
      } else if (r.compass) {
        sources.compass.push_back({files[i], std::move(*r.compass)});
      } else if (r.news) {
        sources.news.push_back({files[i], std::move(*r.news)});
      }
    }

    progress.phase("building graph from " + std::to_string(sources.statutes.size()) +
                   " statutes, " + std::to_string(sources.compass.size()) + " JSON files, " +
                   std::to_string(sources.news.size()) + " news items");
    // Held by a shared_ptr so the caller can keep it (IngestSummary::graph) instead of paying for
    // its teardown.
    auto graph_owner = std::make_shared<graph::KnowledgeGraph>();
    graph::KnowledgeGraph& graph = *graph_owner;
    // Sized from the current snapshot, the graph's tables never grow during the build.
    std::optional<std::string> previous_id = store.current_id();
    if (previous_id) {
      try {
        auto counts =
            snapshot::read_manifest(store.snapshot_dir(*previous_id) / snapshot::kManifestFile)
                .counts;
        // A damaged manifest must not make the build reserve absurd amounts: the hint is capped
        // far above the real corpus (352k nodes).
        constexpr std::uint64_t kMaxHint = std::uint64_t{1} << 24;
        const std::uint64_t nodes = std::min(counts["nodes"], kMaxHint);
        graph.reserve(graph::KnowledgeGraph::rebuild_capacity(nodes));
      } catch (const std::exception&) {
        // only a hint: without it the tables grow as they fill
      }
    }
    build_graph_into(graph, sources, actors, catalog, diags);
    // The parse trees are no longer needed: freed on another thread while the extraction runs
    // (0.05 s of this one's time on the full corpus). Joined on every way out.
    std::thread parse_tree_reaper([doomed = std::move(sources)]() mutable { doomed = {}; });
    ThreadJoiner reaper_joiner{parse_tree_reaper};
    size_t fact_versions = add_version_facts(graph, version_facts, diags);

    progress.phase("extracting obligations, citations, dates and news links");
    ExtractionStats x = extract_knowledge(graph, actors, news_linker, diags, threads,
                                          options.cache ? &options.cache->analyses : nullptr);
    summary.articles_analysed = x.articles_analysed;
    summary.articles_reused = x.articles_reused;
    if (options.cache)
      progress.phase(std::to_string(x.articles_analysed) + " articles analysed, " +
                     std::to_string(x.articles_reused) + " unchanged since the last run");
    progress.phase(std::to_string(x.obligations) + " obligations (" +
                   std::to_string(x.bearer_links) + " bearer links), " +
                   std::to_string(x.citations_resolved) + " resolved and " +
                   std::to_string(x.citations_unresolved) + " unresolved citations, " +
                   std::to_string(x.legal_basis) + " legal-basis links, " +
                   std::to_string(x.internal_references) + " internal references, " +
                   std::to_string(x.events) + " dated events, " + std::to_string(x.news_links) +
                   " news links, " + std::to_string(x.candidate_actors) + " candidate actors");
    size_t text_effective = effective_dates_from_text(graph);
    progress.phase(std::to_string(text_effective) +
                   " versions dated in force from their commencement clause");
    if (!version_facts.empty()) {
      size_t draft_news = link_news_to_version_facts(graph, version_facts);
      progress.phase(std::to_string(fact_versions) + " versions from " + facts_path.string() +
                     ", " + std::to_string(draft_news) + " news links to them");
    }

    // Sorted diagnostics, printed like a compiler's.
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

    progress.phase("indexing (" + std::to_string(graph.node_count()) + " nodes, " +
                   std::to_string(graph.edge_count()) + " edges)");
    IndexBuildOptions index_options;
    index_options.index_dir = staged.dir / snapshot::kIndexDir;
    index_options.snapshot_id = staged.id;
    index_options.threads = threads;
    if (previous_id && !options.full)
      index_options.previous_index_dir = store.snapshot_dir(*previous_id) / snapshot::kIndexDir;
    // The graph file is written while the index is built: both only read the finished graph.
    std::exception_ptr save_failure;
    std::thread graph_writer([&] {
      try {
        if (options.on_index_ready) {
          // A caller about to serve the graph needs the index first (searches), then the graph's
          // traversal indexes (graph queries wait for them), then the graph file: this thread
          // yields the CPU to the index writers, builds the traversal indexes, then saves.
          ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
          graph.adjacency();
          graph.validity();
        }
        graph::save_graph(graph, staged.dir / snapshot::kGraphFile);
      } catch (...) {
        save_failure = std::current_exception();
      }
    });
    // Joined on every way out, so an exception below never leaves the writer running.
    ThreadJoiner joiner{graph_writer};
    IndexBuildResult indexed = build_index(graph, index_options);
    summary.documents = indexed.documents;
    summary.incremental = indexed.incremental;
    summary.full_reason = options.full ? "--full" : indexed.full_reason;
    summary.documents_written = indexed.written;
    summary.documents_added = indexed.added;
    summary.documents_changed = indexed.changed;
    summary.documents_removed = indexed.removed;
    progress.phase(indexed.incremental
                       ? "index: incremental on " + *previous_id + ": " +
                             std::to_string(indexed.added) + " added, " +
                             std::to_string(indexed.changed) + " changed, " +
                             std::to_string(indexed.removed) + " removed documents" +
                             (indexed.consolidated
                                  ? "; earlier deltas consolidated (" +
                                        std::to_string(indexed.written) + " documents written)"
                                  : "")
                       : "index: full (" + summary.full_reason + "), " +
                             std::to_string(indexed.written) + " documents");
    {
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
    progress.phase("writing manifest");

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
      const FileResult& r = results[i];
      switch (r.status) {
        case FileResult::Status::ingested:
          ++summary.ingested;
          break;
        case FileResult::Status::skipped:
          ++summary.skipped;
          break;
        case FileResult::Status::ignored:
          ++summary.ignored;
          break;
        case FileResult::Status::duplicate:
          ++summary.duplicates;
          break;
        case FileResult::Status::pending:
          break;
      }
      manifest.sources.push_back({files[i].relative, files[i].corpus, to_string(files[i].format),
                                  r.sha256, files[i].bytes, status_name(r.status)});
    }
    manifest.counts["sources.ingested"] = summary.ingested;
    manifest.counts["sources.skipped"] = summary.skipped;
    manifest.counts["errors"] = summary.errors;
    manifest.counts["warnings"] = summary.warnings;
    for (const auto& d : all)
      manifest.diagnostics.push_back(
          {d.severity == Severity::error ? "error" : "warning", d.path, d.line, d.message});
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    manifest.ingest_seconds = summary.seconds;
    snapshot::write_manifest(manifest, staged.dir / snapshot::kManifestFile);

    // Everything but the graph file is in place: a caller holding the graph may serve it already.
    if (options.on_index_ready) {
      try {
        options.on_index_ready(staged.dir, graph_owner);
      } catch (const std::exception& e) {
        log << "regkg ingest: serving " << staged.id << " before its commit failed: " << e.what()
            << '\n';
      }
    }
    graph_writer.join();
    if (save_failure) std::rethrow_exception(save_failure);
    progress.phase("graph file written; committing");

    store.commit(staged);
    summary.snapshot_id = staged.id;
    if (options.cache) {  // what this run did not use left the corpus
      options.cache->parsed.sweep();
      options.cache->analyses.sweep();
    }
    summary.graph = std::move(graph_owner);
    if (options.keep > 0) summary.snapshots_removed = store.collect_garbage(options.keep, log);
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
