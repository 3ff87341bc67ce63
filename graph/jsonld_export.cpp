// JsonLdStream: schema.org Legislation objects of instruments and versions.
#include "graph/jsonld_export.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <ostream>
#include <stdexcept>
#include <utility>

#include "graph/vocabulary.h"

namespace regkg::graph {

namespace {

using Vertex = KnowledgeGraph::Vertex;
using LdWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void ld_string(LdWriter& w, std::string_view s) {
  std::string clean = clean_text(s, false);
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void ld_field(LdWriter& w, const char* key, std::string_view value) {
  if (value.empty()) return;
  w.Key(key);
  ld_string(w, value);
}

std::string_view ld_attr(const NodeData& n, std::string_view key) {
  const std::string* v = n.attr(key);
  return v ? std::string_view(*v) : std::string_view();
}

std::string_view ld_first_attr(const NodeData& n, std::string_view a, std::string_view b) {
  std::string_view v = ld_attr(n, a);
  return v.empty() ? ld_attr(n, b) : v;
}

// Out-neighbours over `type` edges (of `from` and, when given, of more nodes), each once, in
// id order.
std::vector<Vertex> ld_targets(const KnowledgeGraph& g, const std::vector<Vertex>& from,
                               std::string_view type) {
  std::vector<Vertex> out;
  for (Vertex v : from)
    g.for_each_out_edge(v, [&](KnowledgeGraph::Edge e, Vertex to) {
      if (g.edge(e).type == type) out.push_back(to);
    });
  std::sort(out.begin(), out.end(),
            [&g](Vertex a, Vertex b) { return g.node(a).id < g.node(b).id; });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The articles (and other parts) of a version: everything whose "version" attribute names it.
std::vector<Vertex> ld_version_parts(const KnowledgeGraph& g, Vertex version) {
  std::vector<Vertex> out;
  const std::string& id = g.node(version).id;
  std::vector<Vertex> stack{version};
  while (!stack.empty()) {
    Vertex v = stack.back();
    stack.pop_back();
    g.for_each_in_edge(v, [&](KnowledgeGraph::Edge e, Vertex from) {
      if (g.edge(e).type != edge::kPartOf) return;
      const std::string* in = g.node(from).attr(attr::kVersion);
      if (in && *in != id) return;
      out.push_back(from);
      stack.push_back(from);
    });
  }
  return out;
}

}  // namespace

JsonLdStream::JsonLdStream(const KnowledgeGraph& g, NodeUri uri, const ExportSelection& selection)
    : g_(g), uri_(std::move(uri)) {
  std::vector<bool> selected(g.node_count(), selection.all);
  if (!selection.all)
    for (Vertex v : selection.subset) {
      if (v >= g.node_count())
        throw std::invalid_argument("subset: vertex " + std::to_string(v) + " is not in the graph");
      selected[v] = true;
    }
  for (Vertex v = 0; v < g.node_count(); ++v) {
    NodeKind kind = g.node(v).kind;
    if (selected[v] && (kind == NodeKind::instrument || kind == NodeKind::version))
      vertices_.push_back(v);
  }
}

void JsonLdStream::object(Vertex v, std::string& out) {
  const NodeData& n = g_.node(v);
  rapidjson::StringBuffer buf;
  LdWriter w(buf);
  const std::string uri = uri_(n.id);
  w.StartObject();
  ld_field(w, "@type", "Legislation");
  ld_field(w, "@id", uri);
  ld_field(w, "url", uri);
  ld_field(w, "name", n.label.empty() ? n.id : n.label);
  std::string_view english = ld_first_attr(n, attr::kTitleEn, attr::kLabelEn);
  if (english != n.label) ld_field(w, "alternateName", english);
  ld_field(w, "legislationIdentifier", n.id);
  std::optional<Vertex> instrument =
      n.kind == NodeKind::version ? g_.out_neighbor(v, edge::kVersionOf) : std::optional<Vertex>{};
  std::string_view jurisdiction = ld_attr(n, attr::kJurisdiction);
  if (jurisdiction.empty() && instrument)
    jurisdiction = ld_attr(g_.node(*instrument), attr::kJurisdiction);
  ld_field(w, "legislationJurisdiction", jurisdiction);
  std::string_view date = ld_attr(n, attr::kPublished);
  ld_field(w, "legislationDate", date.empty() ? std::string_view(n.date) : date);
  ld_field(w, "legislationDateVersion", ld_attr(n, attr::kEffective));
  ld_field(w, "legislationType", ld_first_attr(n, attr::kLegalForce, attr::kCategory));
  ld_field(w, "legislationLegalForce", ld_first_attr(n, attr::kLifecycleStatus, attr::kStatus));

  auto links = [&](const char* key, const std::vector<Vertex>& to, bool organisation) {
    if (to.empty()) return;
    w.Key(key);
    w.StartArray();
    for (Vertex t : to) {
      const NodeData& target = g_.node(t);
      w.StartObject();
      if (organisation) ld_field(w, "@type", "Organization");
      ld_field(w, "@id", uri_(target.id));
      ld_field(w, organisation ? "identifier" : "legislationIdentifier", target.id);
      ld_field(w, "name", target.label);
      w.EndObject();
    }
    w.EndArray();
  };
  // The law it rests on: stated by the node itself or, for a version, by its articles (第一条
  // 根据…制定).
  std::vector<Vertex> basis_from{v};
  if (n.kind == NodeKind::version) {
    auto parts = ld_version_parts(g_, v);
    basis_from.insert(basis_from.end(), parts.begin(), parts.end());
  }
  links("isBasedOn", ld_targets(g_, basis_from, edge::kLegalBasis), false);
  links("legislationConsolidates", ld_targets(g_, {v}, edge::kVersionOf), false);
  links("legislationChanges", ld_targets(g_, {v}, edge::kSupersedes), false);
  links("legislationPassedBy", ld_targets(g_, {v}, edge::kIssuedBy), true);
  if (n.kind == NodeKind::instrument) {
    std::vector<Vertex> versions;
    g_.for_each_in_edge(v, [&](KnowledgeGraph::Edge e, Vertex from) {
      if (g_.edge(e).type == edge::kVersionOf && g_.node(from).kind == NodeKind::version)
        versions.push_back(from);
    });
    std::sort(versions.begin(), versions.end(),
              [this](Vertex a, Vertex b) { return g_.node(a).id < g_.node(b).id; });
    links("workExample", versions, false);
  }
  w.EndObject();
  out.append(buf.GetString(), buf.GetSize());
}

bool JsonLdStream::next(std::string& out, size_t chunk_bytes) {
  const size_t start = out.size();
  if (chunk_bytes == 0) chunk_bytes = 1;
  while (out.size() - start < chunk_bytes) {
    switch (phase_) {
      case Phase::header:
        out += "{\"@context\":\"https://schema.org\",\"@graph\":[\n";
        phase_ = Phase::objects;
        break;
      case Phase::objects:
        if (pos_ == vertices_.size()) {
          phase_ = Phase::footer;
          break;
        }
        if (pos_ > 0) out += ",\n";
        object(vertices_[pos_++], out);
        ++written_;
        break;
      case Phase::footer:
        out += "\n]}\n";
        phase_ = Phase::done;
        break;
      case Phase::done:
        return out.size() > start;
    }
  }
  return true;
}

size_t write_jsonld(const KnowledgeGraph& g, const NodeUri& uri, std::ostream& out,
                    const ExportSelection& selection) {
  JsonLdStream stream(g, uri, selection);
  std::string buf;
  for (bool more = true; more;) {
    buf.clear();
    more = stream.next(buf);
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (!out) throw std::runtime_error("write failed: JSON-LD");
  }
  out.flush();
  if (!out) throw std::runtime_error("write failed: JSON-LD");
  return stream.written();
}

}  // namespace regkg::graph
