// Learns the bilingual lexicon from the graph's aligned articles (see the header for the method).
#include "ingest/assemble/lexicon_builder.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "index/cjk_query.h"
#include "index/script_folding.h"
#include "index/stop_words.h"
#include "text/utf8.h"

namespace regkg::ingest {

namespace {

constexpr size_t kMinGram = 2, kMaxGram = 4;

std::set<std::string> english_stems(const std::string& text, Xapian::Stem& stemmer) {
  std::set<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      ++i;
      continue;
    }
    size_t j = i;
    std::string word;
    while (j < text.size()) {
      const unsigned char d = static_cast<unsigned char>(text[j]);
      if (d >= 'A' && d <= 'Z')
        word += static_cast<char>(d - 'A' + 'a');
      else if (d >= 'a' && d <= 'z')
        word += static_cast<char>(d);
      else
        break;
      ++j;
    }
    i = j;
    if (word.size() < 3 || index::english_stopper()(word)) continue;
    out.insert(stemmer(word));
  }
  return out;
}

// The CJK runs of `text`, each as the byte offsets of its code points (and the run's end).
template <typename F>
void for_each_cjk_run(const std::string& text, F&& f) {
  std::vector<size_t> starts;
  size_t i = 0;
  auto flush = [&](size_t end) {
    if (starts.size() >= kMinGram) {
      starts.push_back(end);
      f(starts);
    }
    starts.clear();
  };
  while (i < text.size()) {
    const size_t at = i;
    const char32_t cp = text::decode_utf8(text, i);
    if (index::is_cjk_code_point(cp))
      starts.push_back(at);
    else
      flush(at);
  }
  flush(text.size());
}

std::set<std::string> chinese_grams(const std::string& text) {
  std::set<std::string> out;
  for_each_cjk_run(text, [&](const std::vector<size_t>& s) {
    const size_t chars = s.size() - 1;
    for (size_t n = kMinGram; n <= kMaxGram; ++n)
      for (size_t a = 0; a + n <= chars; ++a) out.insert(text.substr(s[a], s[a + n] - s[a]));
  });
  return out;
}

struct Candidate {
  double dice;
  size_t together;
  std::string stem, term;
};

}  // namespace

std::string build_lexicon_json(const graph::KnowledgeGraph& g, const LexiconParameters& p) {
  Xapian::Stem stemmer("english");
  // 1. The aligned pairs.
  std::vector<std::set<std::string>> stems, grams;
  std::vector<const std::string*> all_chinese;
  // The same translation in two nodes (a law's Compass article and its statute version's) is one
  // pair: counted twice it would pass the floors on half the evidence.
  std::unordered_set<std::string_view> seen_english;
  for (graph::KnowledgeGraph::Vertex v = 0; v < g.node_count(); ++v) {
    const graph::NodeData& n = g.node(v);
    if (n.kind != graph::NodeKind::article || n.text_zh.empty()) continue;
    all_chinese.push_back(&n.text_zh);
    if (n.text_en.empty() || !seen_english.insert(n.text_en).second) continue;
    stems.push_back(english_stems(n.text_en, stemmer));
    grams.push_back(chinese_grams(index::fold_chinese(n.text_zh)));
  }
  // 2. Floors. Stems and n-grams above the floor numbered, so pairs of them are one integer.
  std::unordered_map<std::string, size_t> stem_pairs, gram_pairs;
  for (const auto& set : stems)
    for (const auto& w : set) ++stem_pairs[w];
  for (const auto& set : grams)
    for (const auto& w : set) ++gram_pairs[w];
  std::vector<const std::string*> stem_of, gram_of;
  std::unordered_map<std::string_view, std::uint32_t> stem_id, gram_id;
  for (const auto& [w, count] : stem_pairs)
    if (count >= p.min_pairs) {
      stem_id.emplace(w, static_cast<std::uint32_t>(stem_of.size()));
      stem_of.push_back(&w);
    }
  for (const auto& [w, count] : gram_pairs)
    if (count >= p.min_pairs) {
      gram_id.emplace(w, static_cast<std::uint32_t>(gram_of.size()));
      gram_of.push_back(&w);
    }
  std::unordered_map<std::uint64_t, std::uint32_t> together_by_key;
  for (size_t i = 0; i < stems.size(); ++i) {
    std::vector<std::uint32_t> zs;
    for (const auto& z : grams[i])
      if (auto it = gram_id.find(z); it != gram_id.end()) zs.push_back(it->second);
    for (const auto& e : stems[i]) {
      auto it = stem_id.find(e);
      if (it == stem_id.end()) continue;
      const std::uint64_t high = static_cast<std::uint64_t>(it->second) << 32;
      for (std::uint32_t z : zs) ++together_by_key[high | z];
    }
  }
  std::vector<std::pair<std::pair<std::string, std::string>, size_t>> together;
  for (const auto& [key, k] : together_by_key)
    if (k >= p.min_pairs)
      together.push_back({{*stem_of[key >> 32], *gram_of[key & 0xFFFFFFFFu]}, k});
  // 3. Scores.
  std::vector<Candidate> candidates;
  for (const auto& [key, k] : together) {
    const double dice = 2.0 * static_cast<double>(k) /
                        static_cast<double>(stem_pairs[key.first] + gram_pairs[key.second]);
    if (dice >= p.min_dice) candidates.push_back({dice, k, key.first, key.second});
  }
  // 4. Whole terms: the characters around each candidate's occurrences in all Chinese text.
  struct Context {
    size_t occurrences = 0;
    std::unordered_map<std::string, size_t> before, after;
  };
  std::unordered_map<std::string, Context> contexts;
  // The first two characters of every candidate: most positions are passed over on them.
  std::unordered_set<std::uint64_t> heads;
  auto head = [](const std::string& text, size_t at) {
    const char32_t first = text::decode_utf8(text, at);
    const char32_t second = text::decode_utf8(text, at);
    return (static_cast<std::uint64_t>(first) << 32) | second;
  };
  for (const Candidate& c : candidates) {
    contexts.emplace(c.term, Context{});
    heads.insert(head(c.term, 0));
  }
  for (const std::string* text : all_chinese) {
    for_each_cjk_run(*text, [&](const std::vector<size_t>& s) {
      const size_t chars = s.size() - 1;
      for (size_t a = 0; a + kMinGram <= chars; ++a) {
        if (!heads.count(head(*text, s[a]))) continue;
        for (size_t n = kMinGram; n <= kMaxGram && a + n <= chars; ++n) {
          auto it = contexts.find(text->substr(s[a], s[a + n] - s[a]));
          if (it == contexts.end()) continue;
          Context& ctx = it->second;
          ++ctx.occurrences;
          if (a > 0) ++ctx.before[text->substr(s[a - 1], s[a] - s[a - 1])];
          if (a + n < chars) ++ctx.after[text->substr(s[a + n], s[a + n + 1] - s[a + n])];
        }
      }
    });
  }
  auto whole_term = [&](const std::string& term) {
    const Context& ctx = contexts.at(term);
    if (ctx.occurrences < p.min_occurrences) return false;
    const double limit = p.max_neighbour_share * static_cast<double>(ctx.occurrences);
    for (const auto* side : {&ctx.before, &ctx.after})
      for (const auto& [ch, count] : *side)
        if (static_cast<double>(count) >= limit) return false;
    return true;
  };
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const Candidate& c) { return !whole_term(c.term); }),
                   candidates.end());
  // 5. Competitive linking.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::make_tuple(-a.dice, -static_cast<long>(a.together),
                           -static_cast<long>(a.term.size()), a.stem, a.term) <
           std::make_tuple(-b.dice, -static_cast<long>(b.together),
                           -static_cast<long>(b.term.size()), b.stem, b.term);
  });
  std::unordered_set<std::string> linked_terms;
  std::map<std::string, std::vector<const Candidate*>> by_stem;
  for (const Candidate& c : candidates) {
    if (linked_terms.count(c.term)) continue;
    auto& mine = by_stem[c.stem];
    if (mine.size() >= p.max_terms_per_stem) continue;
    bool overlaps = false;
    for (const Candidate* m : mine)
      if (m->term.find(c.term) != std::string::npos || c.term.find(m->term) != std::string::npos)
        overlaps = true;
    if (overlaps) continue;
    mine.push_back(&c);
    linked_terms.insert(c.term);
  }

  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto str = [&](const std::string& s) {
    w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("about");
  w.String(
      "regkg's English -> Chinese lexicon, learned at ingest from the corpus's articles with both "
      "a Chinese and an English text (Compass data, CC BY 4.0, see "
      "corpus/compass/DATA-LICENSE.md); keys are Xapian English stems");
  w.Key("method");
  w.String(
      "Dice of stem and 2-4 character n-gram over aligned article pairs, floors on pairs, whole "
      "terms only (neighbour-character test over all Chinese articles), competitive linking "
      "(ingest/assemble/lexicon_builder.h)");
  w.Key("aligned_pairs");
  w.Uint64(stems.size());
  w.Key("pairs");
  w.StartArray();
  for (const auto& [stem, linked] : by_stem) {
    if (linked.empty()) continue;
    w.StartObject();
    w.Key("en");
    str(stem);
    w.Key("zh");
    w.StartArray();
    for (const Candidate* c : linked) str(c->term);
    w.EndArray();
    w.Key("dice");
    w.StartArray();
    for (const Candidate* c : linked)
      w.Double(static_cast<double>(static_cast<int>(c->dice * 1000 + 0.5)) / 1000);
    w.EndArray();
    w.Key("together");
    w.StartArray();
    for (const Candidate* c : linked) w.Uint64(c->together);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace regkg::ingest
