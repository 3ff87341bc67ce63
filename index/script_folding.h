// Chinese script folding with OpenCC (Debian libopencc): traditional characters are indexed and
// searched as simplified ones, so 個人資料 and 个人资料 are one term, and a query also asks for the
// other region's word where OpenCC's phrase tables know one (人工智能 <-> 人工智慧, 网络 <-> 網路).
// Converters are opened once per process from OpenCC's data files; every function is thread-safe
// and throws ScriptFoldingError when OpenCC's data cannot be opened.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace regkg::index {

class ScriptFoldingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Traditional -> simplified characters (OpenCC t2s), identically at index and query time. Text
// that t2s would leave as it is (no character or phrase its dictionaries convert: nearly every
// simplified text) is returned without calling OpenCC.
std::string fold_chinese(std::string_view text);

// The forms a Chinese query piece is searched in, folded: itself, its Taiwan form with Taiwan
// phrases (s2twp, then folded: 人工智能 -> 人工智慧) and the mainland form of that (tw2sp:
// 人工智慧 -> 人工智能, 網路 -> 网络). Distinct, the folded piece first.
std::vector<std::string> regional_variants(std::string_view piece);

// A snippet made on fold_chinese(original) shown in the original's characters: the same marks
// around the same characters. Returns `snippet` unchanged when the folded text does not have as
// many characters as the original (OpenCC changed a length) or the snippet is not found in it.
std::string unfold_snippet(const std::string& snippet, const std::string& folded,
                           const std::string& original, std::string_view open_mark,
                           std::string_view close_mark, std::string_view omit);

}  // namespace regkg::index
