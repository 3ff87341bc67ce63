// The text of one version of an instrument as the diff library compares it: its articles in
// document order, each with its number, text and the obligations extracted from it. Plain values,
// built from the knowledge graph (version_loader.h) or by tests straight from parsed sources.
#pragma once

#include <string>
#include <vector>

namespace regkg::diff {

struct ObligationText {
  std::string id;         // "cn/…@2023-04-26/art-9/obl-1"; may be empty in hand-built inputs
  std::string modality;   // obligation | prohibition | permission | encouragement
  std::string bearer;     // surface text, "" when implicit
  std::string action;     // what must (not) be done
  std::string condition;  // "" when unconditional
  std::string text;       // the clause as written
};

struct ArticleText {
  std::string id;      // node id, "cn/counter-espionage-law@2023-04-26/art-12"
  std::string number;  // "12", "17-1" (第十七条之一), "rec-3"; compared as strings
  std::string label;   // "第十二条"
  std::string text;    // paragraphs joined by '\n'
  std::vector<ObligationText> obligations;
};

struct VersionText {
  std::string id;          // "cn/counter-espionage-law@2023-04-26"
  std::string instrument;  // "cn/counter-espionage-law"
  std::string label;
  std::string date;       // version date
  std::string effective;  // effective date, "" when unknown
  std::string status;     // "draft" or "final"
  std::vector<ArticleText> articles;
};

}  // namespace regkg::diff
