// Assembles the concept table from the curated concepts, the actors and the instruments (see the
// header).
#include "ingest/assemble/concept_table_builder.h"

#include <set>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "graph/vocabulary.h"

namespace regkg::ingest {

namespace {

bool has_non_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// One group; forms with non-ASCII bytes go under "zh" (the table does not care, people reading the
// file do). Skipped when fewer than two distinct forms remain.
void write_group(Writer& w, const std::string& id, const std::vector<std::string>& forms) {
  std::vector<std::string> en, zh;
  std::set<std::string> seen;
  for (const auto& f : forms) {
    if (f.empty() || !seen.insert(f).second) continue;
    (has_non_ascii(f) ? zh : en).push_back(f);
  }
  if (en.size() + zh.size() < 2) return;
  w.StartObject();
  w.Key("id");
  w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
  for (const auto& [key, list] :
       {std::pair<const char*, const std::vector<std::string>*>{"en", &en}, {"zh", &zh}}) {
    w.Key(key);
    w.StartArray();
    for (const auto& f : *list) w.String(f.c_str(), static_cast<rapidjson::SizeType>(f.size()));
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

std::string build_concept_table_json(const std::string& curated_json, const AliasDictionary& actors,
                                     const graph::KnowledgeGraph& graph) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("about");
  w.String(
      "regkg's query expansion table: corpus/dictionaries/concepts.json, then actor names "
      "(corpus/dictionaries/actors.json), then instrument titles from the graph");
  w.Key("concepts");
  w.StartArray();
  if (!curated_json.empty()) {
    rapidjson::Document doc;
    doc.Parse(curated_json.data(), curated_json.size());  // checked by the caller already
    if (doc.IsObject() && doc.HasMember("concepts") && doc["concepts"].IsArray())
      for (const auto& c : doc["concepts"].GetArray()) c.Accept(w);
  }
  for (const ActorEntry& a : actors.actors()) {
    std::vector<std::string> forms(a.zh);
    forms.insert(forms.end(), a.en.begin(), a.en.end());
    write_group(w, "actor/" + a.id, forms);
  }
  const std::string prc = "中华人民共和国";
  for (graph::KnowledgeGraph::Vertex v = 0; v < graph.node_count(); ++v) {
    const graph::NodeData& n = graph.node(v);
    if (n.kind != graph::NodeKind::instrument) continue;
    std::vector<std::string> forms;
    for (std::string_view key :
         {graph::attr::kTitleZh, graph::attr::kShortTitle, graph::attr::kTitleEn,
          graph::attr::kShortTitleEn, graph::attr::kTitleOriginal}) {
      const std::string* value = n.attr(key);
      if (!value || value->empty()) continue;
      forms.push_back(*value);
      if (value->rfind(prc, 0) == 0 && value->size() > prc.size() + 6)
        forms.push_back(value->substr(prc.size()));
    }
    write_group(w, "instrument/" + n.id, forms);
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace regkg::ingest
