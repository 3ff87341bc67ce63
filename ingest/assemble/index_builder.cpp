// Full and incremental index writing (see index_builder.h).
#include "ingest/assemble/index_builder.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <xapian.h>

#include "index/index_compaction.h"
#include "index/index_layers.h"
#include "index/index_schema.h"
#include "index/index_writer.h"
#include "ingest/assemble/search_document_builder.h"

namespace regkg::ingest {

namespace {

namespace fs = std::filesystem;

std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Order-independent: a version's documents are visited in whatever order the shards give.
std::map<std::string, std::uint64_t> version_fingerprints(
    const std::vector<index::DocumentRecord>& records) {
  // Summed in a hash map (70k documents, 1.6k versions on the full corpus), then sorted once.
  std::unordered_map<std::string_view, std::uint64_t> sums;
  for (const auto& r : records)
    if (!r.version_id.empty()) sums[r.version_id] += mix64(r.fingerprint);
  std::map<std::string, std::uint64_t> out;
  for (const auto& [version, sum] : sums) out.emplace(version, sum);
  return out;
}

// Runs `body(shard)` on `threads` threads and rethrows the first failure, naming `dir`.
template <typename Body>
void parallel_shards(const fs::path& dir, size_t shards, Body body) {
  std::vector<std::string> failures(shards);
  std::vector<std::thread> workers;
  for (size_t s = 0; s < shards; ++s)
    workers.emplace_back([&, s] {
      try {
        body(s);
      } catch (const Xapian::Error& e) {
        failures[s] = e.get_description();
      } catch (const std::exception& e) {
        failures[s] = e.what();
      }
    });
  for (auto& w : workers) w.join();
  for (const auto& f : failures)
    if (!f.empty()) throw std::runtime_error(dir.string() + ": error: " + f);
}

IndexBuildResult write_full(const graph::KnowledgeGraph& graph, const IndexBuildOptions& o,
                            std::string reason) {
  IndexBuildResult result;
  result.full_reason = std::move(reason);
  const size_t shards = std::max(1u, std::min(o.threads, 8u));
  std::vector<std::vector<index::DocumentRecord>> records(shards);
  index::IndexLayers layers;
  layers.snapshot_id = o.snapshot_id;
  layers.schema_version = index::kSchemaVersion;
  for (size_t s = 0; s < shards; ++s) layers.layers.push_back("shard-" + std::to_string(s));
  const DocumentSignals signals(graph);
  std::vector<std::string> not_compacted(shards);
  parallel_shards(o.index_dir, shards, [&](size_t s) {
    {
      index::IndexWriter writer(o.index_dir / layers.layers[s], o.snapshot_id);
      for_each_search_document(
          graph,
          [&](const index::SearchDocument& doc) {
            writer.add(doc);
            records[s].push_back(
                {doc.id, index::fingerprint(doc), layers.layers[s], doc.version_id});
          },
          s, shards, &signals);
      writer.commit();
    }
    // Written once, never updated in place: compacted (BENCHMARKS.md, "Ingest").
    not_compacted[s] = index::compact_database(o.index_dir / layers.layers[s]);
  });
  for (const auto& why : not_compacted)
    if (!why.empty()) result.warnings.push_back("index not compacted: " + why);
  std::vector<index::DocumentRecord> all;
  for (auto& r : records) all.insert(all.end(), r.begin(), r.end());
  index::write_layers(layers, o.index_dir);
  index::write_document_records(all, o.index_dir);
  result.documents = result.written = result.added = all.size();
  result.version_fingerprints = version_fingerprints(all);
  return result;
}

// Hard-links every file of an immutable Xapian database directory; copies across filesystems.
void link_layer(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    if (!entry.is_regular_file()) continue;
    std::error_code ec;
    fs::create_hard_link(entry.path(), to / entry.path().filename(), ec);
    if (ec) fs::copy_file(entry.path(), to / entry.path().filename());
  }
}

}  // namespace

IndexBuildResult build_index(const graph::KnowledgeGraph& graph, const IndexBuildOptions& o) {
  fs::create_directories(o.index_dir);
  if (!o.previous_index_dir) return write_full(graph, o, "no previous snapshot");
  const fs::path& prev_dir = *o.previous_index_dir;
  if (!index::has_layers(prev_dir))
    return write_full(graph, o, "the previous index has no layers.json");
  index::IndexLayers prev;
  std::vector<index::DocumentRecord> prev_records;
  try {
    prev = index::read_layers(prev_dir);
    prev_records = index::read_document_records(prev_dir);
  } catch (const index::IndexLayersError& e) {
    return write_full(graph, o, std::string("previous index unreadable: ") + e.what());
  }
  if (prev.schema_version != index::kSchemaVersion)
    return write_full(graph, o, "index schema changed");
  auto is_delta = [](const std::string& layer) { return layer.rfind("delta-", 0) == 0; };
  // Too many deltas: their live documents are written again, with the new and changed ones, into
  // one delta that replaces them all (they are a small part of the index: a full write is not
  // needed for that).
  const bool consolidate = static_cast<size_t>(std::count_if(prev.layers.begin(), prev.layers.end(),
                                                             is_delta)) >= o.max_delta_layers;

  std::unordered_map<std::string_view, const index::DocumentRecord*> before;  // ids in prev_records
  before.reserve(prev_records.size());
  for (const auto& r : prev_records) before.emplace(r.id, &r);

  // Fingerprint every document (in parallel); keep only the new and changed ones.
  const size_t shards = std::max(1u, std::min(o.threads, 8u));
  const size_t change_cap =
      static_cast<size_t>(o.max_change_ratio * static_cast<double>(prev_records.size())) + 1;
  const std::string delta = "delta-" + o.snapshot_id;
  std::vector<std::vector<index::DocumentRecord>> records(shards);
  std::vector<std::vector<index::SearchDocument>> fresh(shards);
  std::atomic<size_t> fresh_count{0}, carried_count{0};
  const DocumentSignals signals(graph);
  parallel_shards(o.index_dir, shards, [&](size_t s) {
    for_each_search_document(
        graph,
        [&](const index::SearchDocument& doc) {
          index::DocumentRecord rec{doc.id, index::fingerprint(doc), "", doc.version_id};
          auto it = before.find(doc.id);
          if (it != before.end() && it->second->fingerprint == rec.fingerprint) {
            rec.layer = it->second->layer;
            if (consolidate && is_delta(rec.layer)) {  // unchanged, moved to the new delta
              rec.layer = delta;
              fresh[s].push_back(doc);
              ++carried_count;
            }
          } else if (fresh_count.fetch_add(1) < change_cap) {
            fresh[s].push_back(doc);
          }
          records[s].push_back(std::move(rec));
        },
        s, shards, &signals);
  });
  if (fresh_count > change_cap) return write_full(graph, o, "too many changed documents");

  IndexBuildResult result;
  result.incremental = true;
  index::IndexLayers next;
  next.snapshot_id = o.snapshot_id;
  next.schema_version = index::kSchemaVersion;
  for (const auto& layer : prev.layers)
    if (!consolidate || !is_delta(layer)) next.layers.push_back(layer);
  for (const auto& [layer, ids] : prev.hidden)
    if (!consolidate || !is_delta(layer)) next.hidden[layer] = ids;
  // A replaced or removed document is hidden in its layer, unless that layer is dropped.
  auto hide = [&](const std::string& layer, const std::string& id) {
    if (!consolidate || !is_delta(layer)) next.hidden[layer].push_back(id);
  };
  std::vector<index::DocumentRecord> all;
  all.reserve(prev_records.size() + fresh_count);
  // Which of the previous documents are still there, by their position in prev_records.
  std::vector<char> seen(prev_records.size(), 0);
  for (auto& shard_records : records)
    for (auto& r : shard_records) {
      auto it = before.find(r.id);
      if (it != before.end()) seen[static_cast<size_t>(it->second - prev_records.data())] = 1;
      if (r.layer.empty()) {
        if (it == before.end()) {
          ++result.added;
        } else {
          ++result.changed;
          hide(it->second->layer, r.id);
        }
        r.layer = delta;
      }
      all.push_back(std::move(r));
    }
  for (size_t i = 0; i < prev_records.size(); ++i)
    if (!seen[i]) {
      ++result.removed;
      hide(prev_records[i].layer, prev_records[i].id);
    }
  if (static_cast<double>(next.hidden_count()) >
      o.max_hidden_ratio * static_cast<double>(std::max<size_t>(all.size(), 1)))
    return write_full(graph, o, "too many replaced documents in older layers");

  for (const auto& layer : next.layers) link_layer(prev_dir / layer, o.index_dir / layer);
  if (fresh_count + carried_count > 0) {
    try {
      index::IndexWriter writer(o.index_dir / delta, o.snapshot_id);
      for (const auto& shard_docs : fresh)
        for (const auto& doc : shard_docs) writer.add(doc);
      writer.commit();
    } catch (const Xapian::Error& e) {
      throw std::runtime_error((o.index_dir / delta).string() + ": error: " + e.get_description());
    }
    next.layers.push_back(delta);
  }
  index::write_layers(next, o.index_dir);
  index::write_document_records(all, o.index_dir);
  result.documents = all.size();
  result.written = fresh_count + carried_count;
  result.consolidated = consolidate;
  result.version_fingerprints = version_fingerprints(all);
  return result;
}

}  // namespace regkg::ingest
