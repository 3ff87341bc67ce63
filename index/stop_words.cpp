// English stop words and Chinese question words (see the header).
#include "index/stop_words.h"

#include <algorithm>
#include <array>

#include "text/utf8.h"

namespace regkg::index {

namespace {

constexpr std::array kEnglish = {
    "a",          "an",          "the",      "and",      "or",        "of",         "to",
    "in",         "on",          "at",       "by",       "for",       "from",       "with",
    "into",       "about",       "as",       "is",       "are",       "was",        "were",
    "be",         "been",        "being",    "it",       "its",       "this",       "that",
    "these",      "those",       "there",    "their",    "they",      "them",       "what",
    "which",      "who",         "whom",     "whose",    "when",      "where",      "why",
    "how",        "do",          "does",     "did",      "doing",     "have",       "has",
    "had",        "can",         "could",    "may",      "might",     "must",       "shall",
    "should",     "will",        "would",    "i",        "we",        "you",        "he",
    "she",        "our",         "your",     "my",       "me",        "us",         "if",
    "than",       "then",        "so",       "such",     "any",       "all",        "some",
    "each",       "every",       "other",    "also",     "only",      "own",        "same",
    "very",       "just",        "not",      "no",       "nor",       "too",        "under",
    "over",       "between",     "through",  "during",   "before",    "after",      "above",
    "below",      "up",          "down",     "out",      "off",       "again",      "further",
    "once",       "here",        "both",     "more",     "most",      "need",       "needs",
    "required",   "require",     "requires", "rules",    "rule",      "law",        "laws",
    "regulation", "regulations", "article",  "articles", "provision", "provisions", "say",
    "says",       "said",        "get",      "make",     "makes",     "anyone",     "someone",
    "whether"};

// Longest first, so that 什么时候 wins over 什么.
constexpr std::array kChineseQuestion = {
    "什么时候", "什么是", "是什么", "有哪些", "有没有", "是不是", "要不要", "为什么", "怎么样",
    "什么",     "哪些",   "哪个",   "哪里",   "如何",   "怎么",   "怎样",   "是否",   "需要",
    "应该",     "必须",   "可以",   "能否",   "请问",   "关于",   "多少",   "何时",   "规定了",
    "的",       "了",     "吗",     "呢",     "吧",     "谁"};

}  // namespace

const Xapian::SimpleStopper& english_stopper() {
  static const Xapian::SimpleStopper stopper(kEnglish.begin(), kEnglish.end());
  return stopper;
}

std::vector<std::string> split_chinese_question(std::string_view run) {
  std::vector<std::string> pieces;
  std::string current;
  auto flush = [&] {
    // A single character left between question words is a function word, not a query.
    if (text::code_point_count(current) >= 2) pieces.push_back(current);
    current.clear();
  };
  size_t i = 0;
  while (i < run.size()) {
    bool matched = false;
    for (const char* word : kChineseQuestion) {
      const std::string_view w(word);
      if (run.substr(i, w.size()) == w) {
        flush();
        i += w.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const size_t next = text::next_code_point(run, i);
    current.append(run.substr(i, next - i));
    i = next;
  }
  flush();
  return pieces;
}

}  // namespace regkg::index
