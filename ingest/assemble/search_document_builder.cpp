// Graph nodes -> SearchDocuments.
#include "ingest/assemble/search_document_builder.h"

#include <unordered_map>

#include "graph/vocabulary.h"

namespace regkg::ingest {

using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;

namespace {

std::string attr_or(const NodeData& n, std::string_view key) {
  const std::string* v = n.attr(key);
  return v ? *v : std::string();
}

// `into` = the attribute (or ""), reusing its buffer.
void assign_attr(std::string& into, const NodeData& n, std::string_view key) {
  const std::string* v = n.attr(key);
  if (v)
    into.assign(*v);
  else
    into.clear();
}

// Empties every field but keeps the buffers: one document is refilled for each node.
void reset(index::SearchDocument& doc) {
  for (std::string* f : {&doc.id, &doc.kind, &doc.title, &doc.instrument_id, &doc.instrument_title,
                         &doc.version_id, &doc.article_label, &doc.date, &doc.jurisdiction,
                         &doc.text_zh, &doc.text_en, &doc.text_en_aligned})
    f->clear();
  doc.in_force = true;
  doc.definitions = false;
  doc.issuers.clear();
  doc.modalities.clear();
  doc.actors.clear();
}

// Issuer actor slugs ("cac") of a node, from its issued_by edges.
std::vector<std::string> issuers_of(const KnowledgeGraph& g, KnowledgeGraph::Vertex v) {
  std::vector<std::string> out;
  g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
    if (g.edge(e).type != graph::edge::kIssuedBy) return;
    const std::string& id = g.node(to).id;
    out.push_back(id.rfind("actor/", 0) == 0 ? id.substr(6) : id);
  });
  return out;
}

// Ids (without `strip`) of the out-neighbours over edges of `type`.
std::vector<std::string> neighbours_of(const KnowledgeGraph& g, KnowledgeGraph::Vertex v,
                                       std::string_view type, const std::string& strip) {
  std::vector<std::string> out;
  g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex to) {
    if (g.edge(e).type != type) return;
    const std::string& id = g.node(to).id;
    out.push_back(id.rfind(strip, 0) == 0 ? id.substr(strip.size()) : id);
  });
  return out;
}

}  // namespace

void for_each_search_document(const KnowledgeGraph& g,
                              const std::function<void(const index::SearchDocument&)>& sink,
                              size_t shard, size_t shard_count, const DocumentSignals* signals) {
  if (shard_count == 0) shard_count = 1;
  std::unordered_map<std::string, std::vector<std::string>> issuer_cache;
  auto instrument_issuers = [&](const std::string& inst_id) -> const std::vector<std::string>& {
    auto it = issuer_cache.find(inst_id);
    if (it != issuer_cache.end()) return it->second;
    auto v = g.find(inst_id);
    return issuer_cache[inst_id] = v ? issuers_of(g, *v) : std::vector<std::string>{};
  };
  auto assign_instrument_title = [&](std::string& into, const std::string& inst_id) {
    auto v = g.find(inst_id);
    if (v)
      into.assign(g.node(*v).label);
    else
      into.clear();
  };

  const auto& bg = g.boost_graph();
  index::SearchDocument doc;
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    if (*it % shard_count != shard) continue;
    const NodeData& n = bg[*it];
    reset(doc);
    doc.id.assign(n.id);
    doc.date.assign(n.date);
    assign_attr(doc.jurisdiction, n, graph::attr::kJurisdiction);
    if (signals) {
      doc.in_force = signals->in_force(*it);
    }
    switch (n.kind) {
      case NodeKind::article: {
        doc.kind = "article";
        assign_attr(doc.instrument_id, n, graph::attr::kInstrument);
        assign_instrument_title(doc.instrument_title, doc.instrument_id);
        assign_attr(doc.version_id, n, graph::attr::kVersion);
        doc.article_label.assign(n.label);
        const std::string* en_label = n.attr(graph::attr::kLabelEn);
        doc.title.assign(doc.instrument_title).append(" ").append(n.label);
        if (en_label && !en_label->empty() && *en_label != n.label)
          doc.title.append(" (").append(*en_label).append(")");
        doc.text_zh.assign(n.text_zh);
        doc.text_en.assign(n.text_en);
        if (doc.text_zh.empty() && doc.text_en.empty())
          assign_attr(doc.text_en, n, graph::attr::kTextOriginal);
        if (doc.text_zh.empty() && doc.text_en.empty())
          assign_attr(doc.text_en, n, graph::attr::kSummary);
        doc.issuers = instrument_issuers(doc.instrument_id);
        doc.definitions = is_definitions_article(n);
        if (signals)
          if (const std::string* en = signals->aligned_english(*it)) doc.text_en_aligned = *en;
        // The facts extracted from the article: its obligations' modalities and bearers.
        g.for_each_in_edge(*it, [&](KnowledgeGraph::Edge e, KnowledgeGraph::Vertex from) {
          if (g.edge(e).type != graph::edge::kObligationOf) return;
          if (const std::string* m = g.node(from).attr(graph::attr::kModality))
            doc.modalities.push_back(*m);
          for (auto& a : neighbours_of(g, from, graph::edge::kBinds, "actor/"))
            doc.actors.push_back(std::move(a));
        });
        break;
      }
      case NodeKind::version: {
        doc.kind = "version";
        assign_attr(doc.instrument_id, n, graph::attr::kInstrument);
        assign_instrument_title(doc.instrument_title, doc.instrument_id);
        doc.version_id.assign(n.id);
        doc.title.assign(n.label);
        assign_attr(doc.text_en, n, graph::attr::kVersionNote);
        doc.issuers = issuers_of(g, *it);
        doc.actors = doc.issuers;
        break;
      }
      case NodeKind::instrument: {
        doc.kind = "instrument";
        doc.instrument_id = n.id;
        doc.instrument_title = n.label;
        doc.title = n.label;
        doc.text_zh =
            attr_or(n, graph::attr::kTitleZh) + " " + attr_or(n, graph::attr::kTitleOriginal);
        doc.text_en = attr_or(n, graph::attr::kTitleEn) + " " +
                      attr_or(n, graph::attr::kShortTitleEn) + " " +
                      attr_or(n, graph::attr::kSummary);
        doc.issuers = issuers_of(g, *it);
        break;
      }
      case NodeKind::news: {
        doc.kind = "news";
        doc.title = n.label;
        doc.text_en = n.text_en;
        doc.actors = neighbours_of(g, *it, graph::edge::kMentions, "actor/");
        break;
      }
      default:
        continue;
    }
    sink(doc);
  }
}

}  // namespace regkg::ingest
