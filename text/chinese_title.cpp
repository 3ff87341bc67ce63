// normalize_cn_title (see chinese_title.h).
#include "text/chinese_title.h"

namespace regkg::text {

namespace {

void erase_every(std::string& s, std::string_view what) {
  for (size_t pos; (pos = s.find(what)) != std::string::npos;) s.erase(pos, what.size());
}

}  // namespace

std::string normalize_cn_title(std::string_view title) {
  std::string s(title);
  erase_every(s, "《");
  erase_every(s, "》");
  erase_every(s, "\xE3\x80\x80");  // U+3000 ideographic space
  erase_every(s, " ");
  erase_every(s, "\t");
  static const std::string kPrc = "中华人民共和国";
  if (s.rfind(kPrc, 0) == 0 && s.size() > kPrc.size()) s.erase(0, kPrc.size());
  return s;
}

}  // namespace regkg::text
