// Extracts a rule from the HTML of its official publication page (CAC, State Council policy
// library, NPC): title, issuer, document number, dates (adopted, 公布/成文, 发布时间, 施行) and the
// articles 第X条 under their chapters 第X章 (parts 编, sections 节). Survives any bytes: linear
// in the input, never throws. Thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace regkg::fetch {

struct PublicationHeading {
  // "part" (编), "chapter" (章), "section" (节), or "supplementary" (a bare 附则, top level)
  std::string kind;
  std::string text;  // spaces collapsed: "第一章 总则"
};

struct PublicationArticle {
  std::string label;                    // "第十七条之一"
  int number = 0;                       // 17
  int sub_number = 0;                   // 1 for 之一
  std::vector<std::string> paragraphs;  // the first without its label; items "（一）…" apart
  std::vector<int> headings;  // indexes into ExtractedPublication::headings opened just before
};

// A dated line of the page's history, as written: "（2021年8月20日第十三届…会议通过）" gives
// {"2021-08-20", "第十三届…会议通过"}; "已经2023年5月23日…室务会会议审议通过" gives the meeting.
struct PublicationEvent {
  std::string date;  // YYYY-MM-DD
  std::string text;  // without the date: "国家互联网信息办公室2023年第12次室务会会议审议通过"
};

struct ExtractedPublication {
  std::string title;  // as printed: meta ArticleTitle, else the <h1>, else <title>
  // 发文机关 / 发布机关 when the page labels it, else the issuers an order names ("国家互联网信息
  // 办公室、中华人民共和国工业和信息化部" from "…令 第30号"), else ""
  std::string issuer;
  std::string document_number;  // "国家互联网信息办公室令第15号", "国发〔2024〕12号", or ""
  std::vector<PublicationEvent> events;  // adoption and amendment lines, in page order
  std::string published;  // the rule's own date: 成文日期 / 公布日期 / the order's closing date
  std::string page_date;  // when the page was posted: 发布时间 / 发布日期, or meta PubDate
  std::string effective;  // 施行日期, "自…起施行", or `published` for "自公布之日起施行"
  bool effective_on_publication = false;  // "自公布之日起施行" (set even when published is "")
  std::vector<PublicationHeading> headings;
  std::vector<PublicationArticle> articles;
  std::vector<std::string> warnings;  // out-of-sequence numbers, a second copy of the text …
};

// Extracts from UTF-8 HTML (other bytes are tolerated but give garbage text). Articles start a
// text block with 第X条 followed by a space, or by text that is not a cross-reference
// (第二十条规定的… is not an article). Text stops at a page's tail: 附件, 责任编辑, 【打印】,
// 版权所有, a signature date, or the text starting again at 第一条.
ExtractedPublication extract_publication(std::string_view html);

// "2023年7月10日", "２０２３年７月１０日", "二〇二三年七月十日", "2023-07-10", "2023/7/10" or
// "2023.07.10" at byte `pos` of `text`: the ISO date, and *end past it. "" when none or invalid.
std::string read_date_at(std::string_view text, size_t pos, size_t* end);

}  // namespace regkg::fetch
