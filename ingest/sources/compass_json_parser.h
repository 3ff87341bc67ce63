// Parser for the Compliance Compass JSON corpus (compass/): instruments, jurisdictions,
// provisions (articles, sections, rules, recitals, annexes, points), relations, status events.
// Field names vary between files; this is the one place that knows the variants.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/sources/diagnostics.h"

namespace regkg::ingest {

struct CompassText {
  std::vector<std::string> paragraphs;
  std::string full_text;  // fullText, or paragraphs joined with "\n"
  std::string language;   // "zh-CN", "en", "ja" …
};

struct CompassInstrument {
  std::string id;               // "cn-generative-ai-measures"
  std::string jurisdiction_id;  // "cn"
  std::string short_title, title, original_title;
  std::string category, legal_force, lifecycle_status, hierarchy_level;
  std::vector<std::string> issuing_bodies;
  std::map<std::string, std::string> dates;  // non-null entries of `dates` (adoptedOn, …)
  std::string version_note;                  // `version` as text
  std::string source_url, summary;
  std::string json_path;  // "$[9]"
};

struct CompassJurisdiction {
  std::string id, name, short_name, type, parent_id;
  std::string json_path;
};

struct CompassProvision {
  std::string id;  // "cn-genai-art-17"
  std::string instrument_id;
  std::string unit_type;  // article, section, rule, recital, annex, point, schedule …
  std::string number;     // "17", "5A", "I" (from articleNumber / sectionNumber /
                          // ruleNumber / recitalNumber / annexNumber / unitNumber /
                          // provisionNumber / locator "Article 5")
  std::string label, title, original_title;
  std::string chapter_id, chapter_label, chapter_title;
  std::string section_label, section_title;
  CompassText original;                // the text in its own language
  std::optional<CompassText> english;  // translations.en, or the original when it is English
  std::string applies_from;            // appliesFrom / effectiveFrom, YYYY-MM-DD or ""
  std::string version_as_of;           // versionAsOf or sourceVersion.effectiveFrom
  std::string source_url;
  std::string json_path;    // "$[16]"
  int ordinal = 0;          // position in its file (stable order)
  bool text_stored = true;  // false for provisions.json anchors (no text here:
                            // textAvailability.stored == false)
  std::string summary;      // the record's editorial summary, if any
};

struct CompassRelation {
  std::string id, type, directionality, status, confidence, rationale, limits, verified_on;
  std::string source_type, source_id, target_type, target_id;  // type: instrument | provision
  std::string json_path;
};

struct CompassStatusEvent {
  std::string id, instrument_id, date, type, label, resulting_status;
  std::string json_path;
};

enum class CompassFileKind {
  instruments,
  jurisdictions,
  provisions,
  relations,
  status_events,
  metadata /* manifests, audits, concepts: read and skipped */
};

struct CompassFile {
  std::string path;
  CompassFileKind kind = CompassFileKind::metadata;
  std::vector<CompassInstrument> instruments;
  std::vector<CompassJurisdiction> jurisdictions;
  std::vector<CompassProvision> provisions;
  std::vector<CompassRelation> relations;
  std::vector<CompassStatusEvent> status_events;
};

// Parses one JSON file; the kind is decided by the file name (instruments.json, jurisdictions.json,
// relations.json, status-events.json) or by content (an array of objects with instrumentId and
// paragraphs/fullText is a provision file; provisions.json anchors without text are kept with
// text_stored == false).
// Throws ParseError for invalid UTF-8, an empty file or JSON that does not parse (with the line of
// the parse error). A record missing a required field (id, instrumentId, text) is a warning naming
// its JSON path and is skipped. Thread-safe.
CompassFile parse_compass_json(const std::string& path, std::string_view content,
                               Diagnostics& diags);

}  // namespace regkg::ingest
