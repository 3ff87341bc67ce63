// The party a chapter (or its whole instrument) is about, for the obligations of its articles
// that name no one ("确定国家秘密的密级，应当…" in a chapter whose articles bind 机关、单位): a
// pass over one version's articles after the per-article extraction (obligation_extractor.h),
// before the graph's bearer edges are written. Pure text analysis; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "graph/symbol.h"
#include "ingest/extract/obligation_extractor.h"

namespace regkg::ingest {

// One article of a version, in text order, with what the per-article pass found in it.
struct ChapterArticle {
  std::string_view text;  // the article's Chinese text, paragraphs joined by '\n'
  int chapter = -1;       // the chapter it is in (any key unique in the version), or -1
  std::string_view chapter_title;  // the chapter's heading ("第五章 个人信息处理者的义务") or ""
  const std::vector<Obligation>* obligations = nullptr;  // extract_obligations_zh(text)
};

// A bearer given to an obligation that names none, and where it came from.
struct ChapterBearer {
  size_t article = 0;     // index into the articles passed in
  size_t obligation = 0;  // index into that article's obligations
  std::string bearer;
  // zh.bearer.chapter_title (the heading names the party), zh.bearer.chapter_subject (the party
  // the chapter's other articles bind) or zh.bearer.instrument_party (the regulated party the
  // instrument defines); the confidence is lower than any per-article rule's.
  graph::Symbol rule;
  float confidence = 0.0f;
};

// The bearers for the obligations and prohibitions of `articles` whose bearer is empty and whose
// subject is not a thing (encouragements and permissions keep theirs: an empty one there is a
// reading, not a gap), in article and obligation order. Returns none where the chapter and the
// instrument establish no single party. Never throws except std::bad_alloc.
std::vector<ChapterBearer> chapter_bearers_zh(const std::vector<ChapterArticle>& articles);

}  // namespace regkg::ingest
