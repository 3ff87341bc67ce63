// Deontic analysis of article text: splits an article into clauses and classifies each as an
// obligation (应当/必须/须, shall/must), a prohibition (不得/禁止/严禁, shall not/must not), a
// permission or right (可以/有权, may) or an encouragement (鼓励/支持/国家…, encourage/support),
// with its bearer (the role that must act), action and condition (…的，应当…; "where …"). Pure text
// analysis; linking bearers to actor roles is the graph builder's job. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/symbol.h"

namespace regkg::ingest {

struct Obligation {
  std::string modality;  // obligation | prohibition | permission | encouragement
  std::string bearer;    // surface text of the bearer: "提供者", "providers", "" if implicit
  // When the bearer is a 的-clause describing a provider ("提供…生成式人工智能服务的"), the role
  // noun it stands for ("生成式人工智能服务提供者"), for linking it to an actor; else "".
  std::string bearer_role;
  // Which rule gave the bearer ("zh.bearer.subject", "zh.bearer.actor_clause",
  // "zh.bearer.liability_authority" …, listed in obligation_extractor.cpp); "" when the bearer is
  // empty. The chapter pass (chapter_bearer.h) has rules of its own for the bearers it fills.
  graph::Symbol bearer_rule;
  // The clause's subject is a thing or an activity, not an actor ("办理电话卡不得…",
  // "风险评估应当…"); false when it names an actor or has no subject of its own.
  bool thing_subject = false;
  std::string action;         // what must (not) be done, as written
  std::string condition;      // the condition clause, "" if none
  std::string trigger;        // the modal word that decided: "应当", "shall not" …
  size_t begin = 0, end = 0;  // byte span of the clause in the article text
  int paragraph = 0;          // 1-based paragraph (lines separated by '\n')
  graph::Symbol rule;         // extractor rule id, e.g. "zh.modal.yingdang"
  float confidence = 0.0f;
};

std::vector<Obligation> extract_obligations_zh(std::string_view article_text);
std::vector<Obligation> extract_obligations_en(std::string_view article_text);

// The actor a Chinese phrase opens with, as the extractor reads a subject ("个人信息处理者的义务"
// -> "个人信息处理者", "机关、单位应当…" -> "机关、单位"), or "" when it opens with a verb,
// a preposition or a thing. Thread-safe.
std::string leading_actor_zh(std::string_view phrase);

}  // namespace regkg::ingest
