// OpenCC script folding (see the header).
#include "index/script_folding.h"

#include <opencc.h>

#include "index/cjk_query.h"
#include "text/markup_escape.h"
#include "text/utf8.h"

namespace regkg::index {

namespace {

// One OpenCC converter for one configuration, opened on first use in each thread.
class Converter {
 public:
  explicit Converter(const char* config) : handle_(opencc_open(config)) {
    if (handle_ == reinterpret_cast<opencc_t>(-1))
      throw ScriptFoldingError(std::string("OpenCC cannot open ") + config + ": " + opencc_error() +
                               " (is Debian's libopencc1.1 installed?)");
  }
  ~Converter() { opencc_close(handle_); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  std::string convert(std::string_view text) const {
    char* out = opencc_convert_utf8(handle_, text.data(), text.size());
    if (!out) throw ScriptFoldingError(std::string("OpenCC: ") + opencc_error());
    std::string result(out);
    opencc_convert_utf8_free(out);
    return result;
  }

 private:
  opencc_t handle_;
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

std::vector<size_t> code_point_starts(std::string_view s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); i = text::next_code_point(s, i)) starts.push_back(i);
  starts.push_back(s.size());
  return starts;
}

}  // namespace

std::string fold_chinese(std::string_view text) {
  if (!has_cjk(text)) return std::string(text);
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
