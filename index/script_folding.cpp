// OpenCC script folding (see the header).
#include "index/script_folding.h"

#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/DictEntry.hpp>
#include <opencc/DictGroup.hpp>
#include <opencc/Exception.hpp>
#include <opencc/Lexicon.hpp>

#include <cstdint>
#include <list>
#include <memory>
#include <unordered_set>

#include "index/cjk_query.h"
#include "text/markup_escape.h"
#include "text/utf8.h"

namespace regkg::index {

namespace {

// One OpenCC converter for one configuration (OpenCC's C++ API: its dictionaries are read below).
class Converter {
 public:
  explicit Converter(const char* config) {
    try {
      converter_ = opencc::Config().NewFromFile(config);
    } catch (const opencc::Exception& e) {
      throw ScriptFoldingError(std::string("OpenCC cannot open ") + config + ": " + e.what() +
                               " (is Debian's libopencc1.1 installed?)");
    }
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  std::string convert(std::string_view text) const {
    try {
      return converter_->Convert(std::string(text));
    } catch (const opencc::Exception& e) {
      throw ScriptFoldingError(std::string("OpenCC: ") + e.what());
    }
  }

  const opencc::Converter& opencc_converter() const { return *converter_; }

 private:
  opencc::ConverterPtr converter_;
};

// One converter per configuration for the whole process, opened on first use. OpenCC's
// conversion is const and thread-safe (its maintainer, BYVoid/OpenCC issue 231; its unit tests
// convert from several threads), and opening one reads its dictionaries: tens of milliseconds,
// which a converter per thread paid on every request thread's first Chinese query.
const Converter& converter(int which) {
  switch (which) {
    case 0: {
      static const Converter c("t2s.json");
      return c;
    }
    case 1: {
      static const Converter c("s2twp.json");
      return c;
    }
    default: {
      static const Converter c("tw2sp.json");
      return c;
    }
  }
}

// What t2s can change, read off its own dictionaries: the characters whose entry converts them
// to something else, and the first two characters of every phrase entry that converts its
// phrase to something else. OpenCC segments the text by its longest phrase matches and converts
// each segment by the longest entries it holds, so a text with neither such a character nor such
// a pair anywhere comes out exactly as it went in. That is 99.8 % of the statutes' text and
// 90 % of the Compass JSON's (line by line, 0 lines where the two differed); the check costs a
// twentieth of the conversion, which was 14 % of a full ingest's CPU.
class FoldCheck {
 public:
  explicit FoldCheck(const opencc::Converter& t2s) : changing_(kTableSize, false) {
    for (const auto& conversion : t2s.GetConversionChain()->GetConversions()) {
      std::list<opencc::DictPtr> dicts;
      if (auto group = std::dynamic_pointer_cast<opencc::DictGroup>(conversion->GetDict()))
        dicts = group->GetDicts();
      else
        dicts.push_back(conversion->GetDict());
      for (const auto& dict : dicts) {
        const opencc::LexiconPtr lexicon = dict->GetLexicon();
        for (size_t k = 0; k < lexicon->Length(); ++k) {
          const opencc::DictEntry* entry = lexicon->At(k);
          const std::string key = entry->Key();
          if (key.empty() || entry->GetDefault() == key) continue;
          size_t i = 0;
          const char32_t first = text::decode_utf8(key, i);
          if (i == key.size()) {
            mark(first);
            continue;
          }
          const char32_t second = text::decode_utf8(key, i);
          phrase_firsts_.insert(first);
          phrase_starts_.insert(pair_key(first, second));
        }
      }
    }
  }

  // False when t2s leaves `text` as it is.
  bool may_change(std::string_view text) const {
    char32_t previous = 0;
    for (size_t i = 0; i < text.size();) {
      if (static_cast<unsigned char>(text[i]) < 0x80) {
        previous = static_cast<unsigned char>(text[i++]);
        continue;
      }
      const char32_t cp = text::decode_utf8(text, i);
      if (cp < kTableSize ? changing_[cp] : changing_beyond_.count(cp) > 0) return true;
      if (previous != 0 && phrase_firsts_.count(previous) > 0 &&
          phrase_starts_.count(pair_key(previous, cp)) > 0)
        return true;
      previous = cp;
    }
    return false;
  }

 private:
  static constexpr char32_t kTableSize = 0x30000;  // the BMP and the first CJK extensions
  static uint64_t pair_key(char32_t a, char32_t b) { return (uint64_t{a} << 32) | b; }
  void mark(char32_t cp) {
    if (cp < kTableSize)
      changing_[cp] = true;
    else
      changing_beyond_.insert(cp);
  }

  std::vector<bool> changing_;
  std::unordered_set<char32_t> changing_beyond_;
  std::unordered_set<char32_t> phrase_firsts_;
  std::unordered_set<uint64_t> phrase_starts_;
};

const FoldCheck& fold_check() {
  static const FoldCheck check(converter(0).opencc_converter());
  return check;
}

std::vector<size_t> code_point_starts(std::string_view s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); i = text::next_code_point(s, i)) starts.push_back(i);
  starts.push_back(s.size());
  return starts;
}

}  // namespace

std::string fold_chinese(std::string_view text) {
  if (!fold_check().may_change(text)) return std::string(text);
  return converter(0).convert(text);
}

std::vector<std::string> regional_variants(std::string_view piece) {
  std::vector<std::string> out;
  auto add = [&out](std::string s) {
    for (const auto& o : out)
      if (o == s) return;
    out.push_back(std::move(s));
  };
  add(fold_chinese(piece));
  if (!has_cjk(piece)) return out;
  // Taiwan's words in Taiwan's script, then each region's words folded: 网路安全 -> 網路安全 ->
  // 网路安全 and 网络安全; 人工智能 -> 人工智慧 -> 人工智慧 and 人工智能.
  const std::string taiwan = converter(1).convert(piece);
  add(fold_chinese(taiwan));
  add(fold_chinese(converter(2).convert(taiwan)));
  return out;
}

std::string unfold_snippet(const std::string& snippet, const std::string& folded,
                           const std::string& original, std::string_view open_mark,
                           std::string_view close_mark, std::string_view omit) {
  if (folded == original) return snippet;
  const std::vector<size_t> folded_starts = code_point_starts(folded);
  const std::vector<size_t> original_starts = code_point_starts(original);
  if (folded_starts.size() != original_starts.size()) return snippet;
  // The snippet's plain text, where its marks fall in it (bytes), and the omissions around it.
  std::string plain;
  std::vector<std::pair<size_t, bool>> marks;  // (byte offset in plain, opening?)
  bool omit_before = false, omit_after = false;
  size_t i = 0;
  if (snippet.compare(0, omit.size(), omit) == 0) {
    omit_before = true;
    i = omit.size();
  }
  size_t end = snippet.size();
  if (end >= i + omit.size() && snippet.compare(end - omit.size(), omit.size(), omit) == 0) {
    omit_after = true;
    end -= omit.size();
  }
  while (i < end) {
    if (snippet.compare(i, open_mark.size(), open_mark) == 0) {
      marks.emplace_back(plain.size(), true);
      i += open_mark.size();
    } else if (snippet.compare(i, close_mark.size(), close_mark) == 0) {
      marks.emplace_back(plain.size(), false);
      i += close_mark.size();
    } else if (snippet[i] == '&') {
      static const std::pair<const char*, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      bool matched = false;
      for (const auto& [entity, c] : kEntities) {
        const std::string_view e(entity);
        if (snippet.compare(i, e.size(), e) == 0) {
          plain += c;
          i += e.size();
          matched = true;
          break;
        }
      }
      if (!matched) plain += snippet[i++];
    } else {
      plain += snippet[i++];
    }
  }
  const size_t at = folded.find(plain);
  if (plain.empty() || at == std::string::npos) return snippet;
  // Byte offsets in `folded` -> code point index -> byte offsets in `original`.
  auto to_original = [&](size_t folded_byte) -> size_t {
    auto it = std::lower_bound(folded_starts.begin(), folded_starts.end(), folded_byte);
    if (it == folded_starts.end() || *it != folded_byte) return std::string::npos;
    return original_starts[static_cast<size_t>(it - folded_starts.begin())];
  };
  std::string out(omit_before ? omit : "");
  size_t from = to_original(at);
  if (from == std::string::npos) return snippet;
  for (const auto& [offset, opening] : marks) {
    const size_t to = to_original(at + offset);
    if (to == std::string::npos || to < from) return snippet;
    out += text::html_escape(std::string_view(original).substr(from, to - from));
    out += opening ? open_mark : close_mark;
    from = to;
  }
  const size_t last = to_original(at + plain.size());
  if (last == std::string::npos || last < from) return snippet;
  out += text::html_escape(std::string_view(original).substr(from, last - from));
  if (omit_after) out += omit;
  return out;
}

}  // namespace regkg::index
