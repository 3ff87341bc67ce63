// Writes the graph's instruments and versions as schema.org Legislation in one JSON-LD document
// ({"@context": "https://schema.org", "@graph": [...]}), piece by piece so that it can be streamed.
// The property names are those of the reader page's JSON-LD (web/js/jsonld.js; the mapping is in
// the README, "Linked data"). Knows nothing of HTTP: node URIs come from the caller.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "graph/graph_export.h"
#include "graph/knowledge_graph.h"

namespace regkg::graph {

// The URI of a node (its @id), from its id: stable as long as the id is.
using NodeUri = std::function<std::string(std::string_view node_id)>;

// Each selected instrument and version (other kinds are not written; `selection.edge_types` is
// not used) as an object with: @type Legislation, @id and url, name, alternateName (the English
// title), legislationIdentifier (the node id), legislationJurisdiction, legislationDate (published,
// else the version date), legislationDateVersion (effective), legislationType (legal force or
// category), legislationLegalForce (lifecycle status or draft), isBasedOn (legal_basis edges of
// the node and, for a version, of its articles), legislationConsolidates (version_of),
// legislationChanges (supersedes), legislationPassedBy (issued_by, as Organization) and, for an
// instrument, workExample (its versions). Links name the target's @id, id and label. Strings are
// cleaned to valid UTF-8. Holds references to the graph, which must outlive it; one per thread.
class JsonLdStream {
 public:
  // Throws std::invalid_argument naming "subset" for an unknown vertex.
  JsonLdStream(const KnowledgeGraph& g, NodeUri uri, const ExportSelection& selection);

  // Appends the next objects, about `chunk_bytes` of them, to `out`; returns false once the
  // document is complete (nothing appended then).
  bool next(std::string& out, size_t chunk_bytes = 64 * 1024);
  size_t written() const { return written_; }  // objects written so far

 private:
  void object(KnowledgeGraph::Vertex v, std::string& out);

  const KnowledgeGraph& g_;
  NodeUri uri_;
  std::vector<KnowledgeGraph::Vertex> vertices_;  // selected instruments and versions, in order
  size_t pos_ = 0, written_ = 0;
  enum class Phase { header, objects, footer, done } phase_ = Phase::header;
};

// The whole document to a stream. Throws std::runtime_error if the stream fails.
size_t write_jsonld(const KnowledgeGraph& g, const NodeUri& uri, std::ostream& out,
                    const ExportSelection& selection = {});

}  // namespace regkg::graph
