// Plain-word query plans (see the header).
#include "index/plain_query.h"

#include <cctype>

#include "index/cjk_query.h"
#include "index/index_schema.h"
#include "index/script_folding.h"
#include "index/stop_words.h"
#include "text/utf8.h"

namespace regkg::index {

namespace {

bool ascii_word_char(unsigned char c) {
  return std::isalnum(c) || c == '\'' || c == '-' || c == '_' || c == '.';
}

Xapian::Query parse(Xapian::QueryParser& parser, const std::string& text,
                    const std::string& prefix) {
  try {
    return parser.parse_query(quote_cjk_runs(text), kQueryParserFlags, prefix);
  } catch (const Xapian::Error&) {
    return Xapian::Query();
  }
}

// A concept form as a query: a Chinese form or a form of several words is a phrase, a single
// English word a stemmed term.
Xapian::Query form_query(Xapian::QueryParser& parser, const std::string& form,
                         const std::string& prefix) {
  const bool several_words =
      form.find(' ') != std::string::npos || form.find('-') != std::string::npos;
  // (The table holds Chinese forms in simplified characters already, as the index does.)
  return parse(parser, several_words ? "\"" + form + "\"" : form, prefix);
}

// Measured on tests/gold/relevance_dev.json (success@5 / NDCG@10): 0.3 -> 0.784 / 0.561,
// 0.6 -> 0.813 / 0.597, 1.0 -> 0.843 / 0.600 (cross-lingual queries need the other language).
constexpr double kOtherLanguageWeight = 1.0;

}  // namespace

bool is_plain_query(std::string_view query) {
  for (char c : query)
    if (c == '"' || c == '(' || c == ')' || c == ':' || c == '*' || c == '~') return false;
  if (query.find("..") != std::string_view::npos) return false;  // a range (from..to)
  // Operators: capitalised words, and + or - in front of a word.
  size_t i = 0;
  while (i < query.size()) {
    while (i < query.size() && query[i] == ' ') ++i;
    size_t j = i;
    while (j < query.size() && query[j] != ' ') ++j;
    const std::string_view word = query.substr(i, j - i);
    if (word == "AND" || word == "OR" || word == "NOT" || word == "NEAR" || word == "ADJ" ||
        word == "XOR")
      return false;
    if (!word.empty() && (word.front() == '+' || word.front() == '-')) return false;
    i = j;
  }
  return true;
}

namespace {

// `jurisdiction_filters`: jurisdictions named beside other words become filters (see the header).
PlainQueryPlan make_plan(std::string_view typed, const ConceptTable& concepts,
                         Xapian::QueryParser& parser, const std::string& field_prefix,
                         const Lexicon* lexicon, bool jurisdiction_filters) {
  // Planned in simplified characters, as the index holds Chinese (script_folding.h).
  const std::string folded = fold_chinese(typed);
  const std::string_view query(folded);
  PlainQueryPlan plan;
  std::vector<Xapian::Query> strict, relaxed;
  auto add = [&](const Xapian::Query& q) {
    if (q.empty()) return;
    strict.push_back(q);
    relaxed.push_back(q);
    ++plan.pieces;
  };
  // An English word's learned Chinese terms, beside it (see the header).
  Xapian::Stem stemmer("english");
  auto with_chinese_terms = [&](const Xapian::Query& word, const std::string& lower) {
    if (!lexicon || lexicon->empty() || word.empty()) return word;
    const std::vector<std::string>* terms = lexicon->chinese(stemmer(lower));
    if (!terms) return word;
    std::vector<Xapian::Query> forms;
    for (const std::string& t : *terms) {
      Xapian::Query q = parse(parser, t, field_prefix);
      if (!q.empty()) forms.push_back(q);
    }
    if (forms.empty()) return word;
    return Xapian::Query(
        Xapian::Query::OP_OR, word,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end()),
                      kLexiconWeight));
  };
  // Words and Chinese runs of the text between concept forms.
  auto add_gap = [&](std::string_view gap) {
    size_t i = 0;
    while (i < gap.size()) {
      const unsigned char c = static_cast<unsigned char>(gap[i]);
      if (c < 0x80) {
        if (!std::isalnum(c)) {
          ++i;
          continue;
        }
        size_t j = i;
        while (j < gap.size() && static_cast<unsigned char>(gap[j]) < 0x80 &&
               ascii_word_char(static_cast<unsigned char>(gap[j])))
          ++j;
        std::string word(gap.substr(i, j - i));
        while (!word.empty() && (word.back() == '.' || word.back() == '-' || word.back() == '\''))
          word.pop_back();
        std::string lower = word;
        for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (!lower.empty() && !english_stopper()(lower))
          add(with_chinese_terms(parse(parser, word, field_prefix), lower));
        i = j;
        continue;
      }
      size_t pos = i;
      const char32_t cp = text::decode_utf8(gap, pos);
      if (!is_cjk_code_point(cp)) {  // other scripts: one word up to a space or ASCII
        size_t j = pos;
        while (j < gap.size() && static_cast<unsigned char>(gap[j]) >= 0x80) {
          size_t k = j;
          if (is_cjk_code_point(text::decode_utf8(gap, k))) break;
          j = k;
        }
        add(parse(parser, std::string(gap.substr(i, j - i)), field_prefix));
        i = j;
        continue;
      }
      size_t j = i;
      while (j < gap.size()) {
        size_t k = j;
        if (!is_cjk_code_point(text::decode_utf8(gap, k))) break;
        j = k;
      }
      for (const std::string& piece : split_chinese_question(gap.substr(i, j - i))) {
        // The piece in both regions' words where OpenCC knows them (人工智能 = 人工智慧).
        std::vector<Xapian::Query> variants;
        for (const std::string& v : regional_variants(piece)) {
          Xapian::Query q = parse(parser, v, field_prefix);
          if (!q.empty()) variants.push_back(q);
        }
        if (variants.empty()) continue;
        const Xapian::Query phrase =
            variants.size() == 1
                ? variants.front()
                : Xapian::Query(Xapian::Query::OP_SYNONYM, variants.begin(), variants.end());
        strict.push_back(phrase);
        ++plan.pieces;
        const size_t chars = text::code_point_count(piece);
        if (chars <= 4) {
          relaxed.push_back(phrase);
          continue;
        }
        // A long piece the strict plan needs whole: the relaxed plan takes its two-character
        // phrases, so 网络运营者要求用户提供真实身份 still finds 网络运营者 … 真实身份.
        for (size_t a = 0; a < piece.size();) {
          const size_t b = text::next_code_point(piece, a);
          if (b >= piece.size()) break;
          const size_t c2 = text::next_code_point(piece, b);
          relaxed.push_back(parse(parser, piece.substr(a, c2 - a), field_prefix));
          a = b;
        }
      }
      i = j;
    }
  };

  size_t at = 0;
  const std::vector<ConceptMatch> matches = concepts.find(query);
  const std::string kJurisdiction = "jurisdiction/";
  size_t jurisdiction_matches = 0;
  for (const ConceptMatch& m : matches)
    if (concepts.concepts()[m.concept_index].id.rfind(kJurisdiction, 0) == 0)
      ++jurisdiction_matches;
  // Only when something else is asked: "India" alone is searched as words.
  const bool as_filter = jurisdiction_filters && jurisdiction_matches > 0 && [&] {
    std::string rest(query);
    for (auto it = matches.rbegin(); it != matches.rend(); ++it)
      if (concepts.concepts()[it->concept_index].id.rfind(kJurisdiction, 0) == 0)
        rest.erase(it->begin, it->end - it->begin);
    for (unsigned char c : rest)
      if (std::isalnum(c) || c >= 0x80) return true;
    return false;
  }();
  for (const ConceptMatch& m : matches) {
    add_gap(query.substr(at, m.begin - at));
    const auto& concept_entry = concepts.concepts()[m.concept_index];
    if (as_filter && concept_entry.id.rfind(kJurisdiction, 0) == 0) {
      plan.jurisdictions.push_back(concept_entry.id.substr(kJurisdiction.size()));
      plan.concepts.push_back(concept_entry.id);
      at = m.end;
      continue;
    }
    // A concept typed in Chinese: forms in Chinese count fully; forms in English are a second
    // synonym group, weighted by kOtherLanguageWeight. Typed in English: every form in one synonym
    // group, so an article holding the concept in both its languages (a Chinese law with its
    // English translation) counts it once, as an English-only one does (BM25 saturates the
    // group's summed wdf instead of adding two groups' weights).
    const bool query_cjk = has_cjk(query.substr(m.begin, m.end - m.begin));
    std::vector<Xapian::Query> own, other;
    for (const auto& form : concept_entry.forms) {
      Xapian::Query q = form_query(parser, form, field_prefix);
      if (!q.empty()) (has_cjk(form) == query_cjk ? own : other).push_back(q);
    }
    if (!own.empty() || !other.empty()) {
      if (query_cjk) {
        Xapian::Query own_q(Xapian::Query::OP_SYNONYM, own.begin(), own.end());
        Xapian::Query other_q(Xapian::Query::OP_SCALE_WEIGHT,
                              Xapian::Query(Xapian::Query::OP_SYNONYM, other.begin(), other.end()),
                              kOtherLanguageWeight);
        add(own.empty()     ? other_q
            : other.empty() ? own_q
                            : Xapian::Query(Xapian::Query::OP_OR, own_q, other_q));
      } else {
        own.insert(own.end(), other.begin(), other.end());
        const Xapian::Query piece(Xapian::Query::OP_SYNONYM, own.begin(), own.end());
        // In the relaxed plan a concept typed in English outweighs a plain word (see the header).
        strict.push_back(piece);
        relaxed.push_back(
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, piece, kRelaxedConceptWeight));
        ++plan.pieces;
      }
      plan.concepts.push_back(concept_entry.id);
    }
    at = m.end;
  }
  add_gap(query.substr(at));
  if (plan.pieces == 1) {
    plan.name_like = true;
    for (const auto& id : plan.concepts)
      if (id.rfind("instrument/", 0) != 0 && id.rfind("law-", 0) != 0 &&
          id.rfind("actor/", 0) != 0 && id.rfind("jurisdiction/", 0) != 0)
        plan.name_like = false;
  }
  if (!strict.empty()) {
    plan.strict = Xapian::Query(Xapian::Query::OP_AND, strict.begin(), strict.end());
    plan.relaxed = Xapian::Query(Xapian::Query::OP_OR, relaxed.begin(), relaxed.end());
    for (auto& q : relaxed)
      if (!q.empty()) plan.relaxed_pieces.push_back(q);
  }
  // Nothing but stop words beside the jurisdiction ("laws in India"): its name is the query.
  if (as_filter && plan.pieces == 0)
    return make_plan(typed, concepts, parser, field_prefix, lexicon,
                     /*jurisdiction_filters=*/false);
  return plan;
}

}  // namespace

PlainQueryPlan plan_plain_query(std::string_view typed, const ConceptTable& concepts,
                                Xapian::QueryParser& parser, const std::string& field_prefix,
                                const Lexicon* lexicon) {
  return make_plan(typed, concepts, parser, field_prefix, lexicon, /*jurisdiction_filters=*/true);
}

}  // namespace regkg::index
