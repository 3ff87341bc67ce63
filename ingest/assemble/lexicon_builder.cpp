// Learns the bilingual lexicon from the graph's aligned articles (see the header for the method).
#include "ingest/assemble/lexicon_builder.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include <rapidjson/document.h>
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

// Chinese characters (the BMP's CJK ideographs): each fits in 16 bits, so an n-gram of up to four
// is one 64-bit key, the first character in the low bits.
bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}

using Gram = std::uint64_t;

Gram pack(const std::vector<char32_t>& run, size_t at, size_t n) {
  Gram g = 0;
  for (size_t k = 0; k < n; ++k) g |= static_cast<Gram>(run[at + k]) << (16 * k);
  return g;
}

std::string unpack(Gram g) {
  std::string out;
  for (; g; g >>= 16) text::append_utf8(out, static_cast<char32_t>(g & 0xFFFF));
  return out;
}

// The runs of Chinese characters of `text`, as code points.
template <typename F>
void for_each_han_run(const std::string& text, F&& f) {
  std::vector<char32_t> run;
  size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = text::decode_utf8(text, i);
    if (is_han(cp)) {
      run.push_back(cp);
      continue;
    }
    if (run.size() >= kMinGram) f(run);
    run.clear();
  }
  if (run.size() >= kMinGram) f(run);
}

std::vector<Gram> chinese_grams(const std::string& text) {
  std::vector<Gram> out;
  for_each_han_run(text, [&](const std::vector<char32_t>& run) {
    for (size_t n = kMinGram; n <= kMaxGram; ++n)
      for (size_t a = 0; a + n <= run.size(); ++a) out.push_back(pack(run, a, n));
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

struct Candidate {
  double dice;
  size_t together;
  std::string stem;
  Gram gram;
  std::string term;  // the gram in UTF-8
};

}  // namespace

std::string build_lexicon_json(const graph::KnowledgeGraph& g, const std::string& previous_json,
                               const LexiconParameters& p) {
  // 0. The aligned pairs (one per distinct English text: the same translation in two nodes, a
  // law's Compass article and its statute version's, counted twice would pass the floors on half
  // the evidence), and the Chinese text the whole-term test reads: every Chinese article. The key
  // digests both (a sum of FNV-1a digests, so their order is not in it) and the parameters: nothing
  // else goes into the lexicon.
  std::vector<const graph::NodeData*> aligned;
  {
    std::unordered_set<std::string_view> seen_english;
    for (graph::KnowledgeGraph::Vertex v = 0; v < g.node_count(); ++v) {
      const graph::NodeData& n = g.node(v);
      if (n.kind != graph::NodeKind::article || n.text_zh.empty() || n.text_en.empty() ||
          !seen_english.insert(n.text_en).second)
        continue;
      aligned.push_back(&n);
    }
  }
  std::vector<const std::string*> all_chinese;
  for (graph::KnowledgeGraph::Vertex v = 0; v < g.node_count(); ++v) {
    const graph::NodeData& n = g.node(v);
    if (n.kind == graph::NodeKind::article && !n.text_zh.empty()) all_chinese.push_back(&n.text_zh);
  }
  std::string key;
  {
    auto fnv = [](std::uint64_t h, std::string_view bytes) {
      for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
      return h;
    };
    constexpr std::uint64_t kBasis = 0xcbf29ce484222325ULL;
    std::uint64_t sum = 0;
    for (const graph::NodeData* n : aligned) sum += fnv(fnv(kBasis, n->text_zh), n->text_en);
    for (const std::string* text : all_chinese) sum += fnv(fnv(kBasis, "scan"), *text);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%zu-%zu-%016llx-%zu-%g-%zu-%g-%zu", aligned.size(),
                  all_chinese.size(), static_cast<unsigned long long>(sum), p.min_pairs, p.min_dice,
                  p.min_occurrences, p.max_neighbour_share, p.max_terms_per_stem);
    key = buf;
  }
  if (!previous_json.empty()) {
    rapidjson::Document previous;
    previous.Parse(previous_json.data(), previous_json.size());
    if (!previous.HasParseError() && previous.IsObject() && previous.HasMember("aligned_key") &&
        previous["aligned_key"].IsString() && key == previous["aligned_key"].GetString())
      return previous_json;
  }
  Xapian::Stem stemmer("english");
  // 1. The pairs' stems and n-grams.
  std::vector<std::set<std::string>> stems;
  std::vector<std::vector<Gram>> grams;
  for (const graph::NodeData* n : aligned) {
    stems.push_back(english_stems(n->text_en, stemmer));
    grams.push_back(chinese_grams(index::fold_chinese(n->text_zh)));
  }
  // 2. Floors. Stems and n-grams above the floor numbered, so pairs of them are one integer.
  std::unordered_map<std::string, size_t> stem_pairs;
  std::unordered_map<Gram, size_t> gram_pairs;
  for (const auto& set : stems)
    for (const auto& w : set) ++stem_pairs[w];
  for (const auto& list : grams)
    for (Gram z : list) ++gram_pairs[z];
  std::vector<const std::string*> stem_of;
  std::vector<Gram> gram_of;
  std::unordered_map<std::string_view, std::uint32_t> stem_id;
  std::unordered_map<Gram, std::uint32_t> gram_id;
  for (const auto& [w, count] : stem_pairs)
    if (count >= p.min_pairs) {
      stem_id.emplace(w, static_cast<std::uint32_t>(stem_of.size()));
      stem_of.push_back(&w);
    }
  for (const auto& [z, count] : gram_pairs)
    if (count >= p.min_pairs) {
      gram_id.emplace(z, static_cast<std::uint32_t>(gram_of.size()));
      gram_of.push_back(z);
    }
  std::unordered_map<std::uint64_t, std::uint32_t> together_by_key;
  for (size_t i = 0; i < stems.size(); ++i) {
    std::vector<std::uint32_t> zs;
    for (Gram z : grams[i])
      if (auto it = gram_id.find(z); it != gram_id.end()) zs.push_back(it->second);
    for (const auto& e : stems[i]) {
      auto it = stem_id.find(e);
      if (it == stem_id.end()) continue;
      const std::uint64_t high = static_cast<std::uint64_t>(it->second) << 32;
      for (std::uint32_t z : zs) ++together_by_key[high | z];
    }
  }
  // 3. Scores.
  std::vector<Candidate> candidates;
  for (const auto& [key, k] : together_by_key) {
    if (k < p.min_pairs) continue;
    const std::string& stem = *stem_of[key >> 32];
    const Gram gram = gram_of[key & 0xFFFFFFFFu];
    const double dice =
        2.0 * static_cast<double>(k) / static_cast<double>(stem_pairs[stem] + gram_pairs[gram]);
    if (dice >= p.min_dice) candidates.push_back({dice, k, stem, gram, unpack(gram)});
  }
  // 4. Whole terms: the characters around each candidate's occurrences in all Chinese text.
  struct Context {
    size_t occurrences = 0;
    std::unordered_map<char32_t, size_t> before, after;
  };
  std::unordered_map<Gram, Context> contexts;
  std::vector<bool> heads(0x10000);  // the candidates' first characters
  for (const Candidate& c : candidates) {
    contexts.emplace(c.gram, Context{});
    heads[c.gram & 0xFFFF] = true;
  }
  for (const std::string* text : all_chinese) {
    for_each_han_run(*text, [&](const std::vector<char32_t>& run) {
      for (size_t a = 0; a + kMinGram <= run.size(); ++a) {
        if (!heads[run[a]]) continue;
        for (size_t n = kMinGram; n <= kMaxGram && a + n <= run.size(); ++n) {
          auto it = contexts.find(pack(run, a, n));
          if (it == contexts.end()) continue;
          Context& ctx = it->second;
          ++ctx.occurrences;
          if (a > 0) ++ctx.before[run[a - 1]];
          if (a + n < run.size()) ++ctx.after[run[a + n]];
        }
      }
    });
  }
  auto whole_term = [&](Gram gram) {
    const Context& ctx = contexts.at(gram);
    if (ctx.occurrences < p.min_occurrences) return false;
    const double limit = p.max_neighbour_share * static_cast<double>(ctx.occurrences);
    for (const auto* side : {&ctx.before, &ctx.after})
      for (const auto& [ch, count] : *side)
        if (static_cast<double>(count) >= limit) return false;
    return true;
  };
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const Candidate& c) { return !whole_term(c.gram); }),
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
  w.Key("aligned_key");
  str(key);
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
