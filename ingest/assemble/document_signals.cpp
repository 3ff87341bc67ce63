// DocumentSignals and the definitions-article test (see the header).
#include "ingest/assemble/document_signals.h"

#include <algorithm>
#include <unordered_set>

#include "graph/in_force.h"
#include "graph/vocabulary.h"
#include "text/utf8.h"

namespace regkg::ingest {

using graph::KnowledgeGraph;
using graph::NodeData;
using graph::NodeKind;

namespace {

// Far enough ahead that every version that has taken or will take effect counts: "in force" is
// then "the latest text", the same whenever the ingest runs.
constexpr const char* kLatest = "9999-12-31";

bool is_cjk(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

// The CJK character bigrams of a text (punctuation and spacing left out), as code-point pairs.
std::unordered_set<std::uint64_t> cjk_bigrams(const std::string& text) {
  std::unordered_set<std::uint64_t> out;
  char32_t prev = 0;
  size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = text::decode_utf8(text, i);
    if (!is_cjk(cp)) continue;
    if (prev) out.insert((static_cast<std::uint64_t>(prev) << 32) | cp);
    prev = cp;
  }
  return out;
}

double dice(const std::unordered_set<std::uint64_t>& a,
            const std::unordered_set<std::uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  const auto& small = a.size() < b.size() ? a : b;
  const auto& large = a.size() < b.size() ? b : a;
  size_t common = 0;
  for (auto x : small) common += large.count(x);
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

bool contains_icase(const std::string& text, std::string_view word) {
  auto it = std::search(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
  return it != text.end();
}

}  // namespace

DocumentSignals::DocumentSignals(const KnowledgeGraph& g) {
  const auto& bg = g.boost_graph();
  const size_t n = boost::num_vertices(bg);
  in_force_.assign(n, 1);

  graph::InForceFilter latest(g, kLatest);
  // Per instrument: its Chinese articles with an English text, as candidates for alignment.
  struct Aligned {
    std::unordered_set<std::uint64_t> bigrams;
    const std::string* english;
    std::string version;
  };
  std::unordered_map<std::string, std::vector<Aligned>> with_english;
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const NodeData& node = bg[*it];
    if (node.kind != NodeKind::article && node.kind != NodeKind::version &&
        node.kind != NodeKind::instrument)
      continue;
    in_force_[*it] = latest.node_in_force(*it) ? 1 : 0;
    const std::string* inst =
        node.kind == NodeKind::instrument ? &node.id : node.attr(graph::attr::kInstrument);
    if (node.kind == NodeKind::article && inst && !node.text_zh.empty() && !node.text_en.empty()) {
      const std::string* version = node.attr(graph::attr::kVersion);
      with_english[*inst].push_back(
          {cjk_bigrams(node.text_zh), &node.text_en, version ? *version : std::string()});
    }
  }
  // Chinese-only articles of those instruments: the English of the most similar text.
  for (auto [it, end] = boost::vertices(bg); it != end; ++it) {
    const NodeData& node = bg[*it];
    if (node.kind != NodeKind::article || node.text_zh.empty() || !node.text_en.empty()) continue;
    const std::string* inst = node.attr(graph::attr::kInstrument);
    if (!inst) continue;
    auto found = with_english.find(*inst);
    if (found == with_english.end()) continue;
    const auto bigrams = cjk_bigrams(node.text_zh);
    double best = 0;
    const std::string* english = nullptr;
    for (const Aligned& a : found->second) {
      const double s = dice(bigrams, a.bigrams);
      if (s > best) {
        best = s;
        english = a.english;
      }
    }
    if (english && best >= kAlignedSimilarity) aligned_.emplace(*it, *english);
  }
}

bool DocumentSignals::in_force(KnowledgeGraph::Vertex v) const {
  return v >= in_force_.size() || in_force_[v] != 0;
}

const std::string* DocumentSignals::aligned_english(KnowledgeGraph::Vertex article) const {
  auto it = aligned_.find(article);
  return it == aligned_.end() ? nullptr : &it->second;
}

bool is_definitions_article(const NodeData& article) {
  if (article.kind != NodeKind::article) return false;
  // Chinese: 下列用语的含义 / 用语含义 near the start.
  std::string head_zh;
  size_t i = 0, chars = 0;
  while (i < article.text_zh.size() && chars < 40) {
    const size_t start = i;
    text::decode_utf8(article.text_zh, i);
    head_zh.append(article.text_zh, start, i - start);
    ++chars;
  }
  if (head_zh.find("用语的含义") != std::string::npos ||
      head_zh.find("用语含义") != std::string::npos)
    return true;
  if (const std::string* label = article.attr(graph::attr::kLabelEn))
    if (contains_icase(*label, "definition") || contains_icase(*label, "interpretation"))
      return true;
  const std::string head_en = article.text_en.substr(0, 160);
  if (contains_icase(head_en, "meanings of the following terms") ||
      contains_icase(head_en, "following terms shall have the meaning"))
    return true;
  return (contains_icase(head_en, "for the purposes of this") ||
          contains_icase(head_en, "in this act") || contains_icase(head_en, "in this law")) &&
         contains_icase(head_en, " means ");
}

}  // namespace regkg::ingest
