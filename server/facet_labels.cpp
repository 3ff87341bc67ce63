// facet_label: actors and jurisdictions from their graph nodes, instruments from their titles,
// node kinds and modalities from the words below.
#include "server/facet_labels.h"

#include "graph/vocabulary.h"

namespace regkg::server {

namespace {

struct Words {
  std::string_view value, zh, en;
};

// The kinds the index holds documents of (index/search_fields.h, facet "kind").
constexpr Words kKindWords[] = {
    {"instrument", "法律法规", "Laws and regulations"},
    {"version", "版本", "Versions"},
    {"article", "条文", "Articles"},
    {"news", "新闻", "News"},
    {"actor", "机构和角色", "Organisations and roles"},
};

// The modalities of obligations (index::kModalityChoices).
constexpr Words kModalityWords[] = {
    {"obligation", "义务", "Obligation"},
    {"prohibition", "禁止", "Prohibition"},
    {"permission", "许可", "Permission"},
    {"encouragement", "鼓励", "Encouragement"},
};

template <std::size_t N>
FacetLabel from_words(const Words (&table)[N], std::string_view value) {
  for (const Words& w : table)
    if (w.value == value) return {std::string(w.en), std::string(w.zh), std::string(w.en)};
  return {std::string(value), "", ""};
}

std::string attr_or_empty(const graph::NodeData& n, std::string_view key) {
  const std::string* v = n.attr(key);
  return v ? *v : std::string();
}

}  // namespace

FacetLabel facet_label(const graph::KnowledgeGraph& g, std::string_view facet,
                       std::string_view value) {
  if (facet == "kind") return from_words(kKindWords, value);
  if (facet == "modality") return from_words(kModalityWords, value);
  std::string id;
  if (facet == "instrument")
    id = value;
  else if (facet == "jurisdiction")
    id = "jurisdiction/" + std::string(value);
  else if (facet == "actor" || facet == "issuer")
    id = "actor/" + std::string(value);
  FacetLabel out{std::string(value), "", ""};
  auto v = id.empty() ? std::nullopt : g.find(id);
  if (!v) return out;
  const graph::NodeData& n = g.node(*v);
  if (!n.label.empty() && n.label != id) out.label = n.label;
  if (facet == "instrument") {
    out.zh = attr_or_empty(n, graph::attr::kTitleZh);
    out.en = attr_or_empty(n, graph::attr::kTitleEn);
  } else {
    out.zh = attr_or_empty(n, graph::attr::kNameZh);
    out.en = attr_or_empty(n, graph::attr::kNameEn);
  }
  // A jurisdiction's (or an undictionaried actor's) one name is English or Chinese: say which.
  if (out.zh.empty() && out.en.empty() && out.label != value) {
    bool ascii = true;
    for (unsigned char c : out.label) ascii = ascii && c < 0x80;
    (ascii ? out.en : out.zh) = out.label;
  }
  return out;
}

}  // namespace regkg::server
