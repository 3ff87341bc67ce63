// Finds citations in article text: 《…》 instrument titles (with the article they name, and whether
// the sentence makes them a legal basis: 根据《…》…制定本办法), internal references (本法第X条,
// 依照本办法第X条规定, 前款, 前两款) and English "Article N" references. Pure text analysis:
// resolving a title to an instrument is the graph builder's job. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace regkg::ingest {

struct TitleCitation {
  std::string title;  // inside the brackets, as written: "中华人民共和国网络安全法"
  size_t begin = 0, end = 0;  // byte span of 《…》 including the brackets
  bool legal_basis =
      false;  // in a 根据/依据《…》…制定 clause (or "in accordance with … formulate")
  int article = 0;      // 《X》第二十四条 -> 24; 0 when no article follows the title
  int sub_article = 0;  // 之一 -> 1
  int paragraph = 0;    // 第X条第二款 -> 2
};

struct ArticleReference {
  enum class Kind { article, preceding_paragraph, this_instrument_article };
  Kind kind = Kind::article;
  int article = 0;  // 第X条 / Article N
  int sub_article = 0;
  int paragraph = 0;  // 第X款, or for 前款 the number of paragraphs back (1; 前两款 -> 2)
  size_t begin = 0, end = 0;  // byte span of the reference
  std::string text;           // as written: "本办法第七条"
};

// 《…》 titles in Chinese text. Nested brackets (《关于修改〈…〉的决定》) give the outer title;
// an unbalanced 《 is ignored (never throws). Decisions like 《…的决定》 are returned as written.
std::vector<TitleCitation> find_title_citations(std::string_view text);

// References to articles of the same instrument in Chinese text (本法/本办法/本规定/本条例 第X条,
// 依照第X条, 前款, 前两款 …), excluding those that follow a 《…》 title.
std::vector<ArticleReference> find_internal_references_zh(std::string_view text);

// "Article 17", "Articles 5 and 6", "Article 6(1)" in English text (same-instrument references).
std::vector<ArticleReference> find_article_references_en(std::string_view text);

}  // namespace regkg::ingest
