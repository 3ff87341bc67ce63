// Parses Compliance Compass JSON files (compass/) into instruments, jurisdictions, provisions,
// relations and status events, absorbing the field-name variants between corpora.
#include "ingest/sources/compass_json_parser.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

#include "text/utf8.h"
#include "text/utf8_validation.h"

namespace regkg::ingest {

namespace {

using rapidjson::Value;

// Member `key` when present and not null.
const Value* member(const Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

std::string scalar_text(const Value& v) {
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsUint64()) return std::to_string(v.GetUint64());
  if (v.IsDouble()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v.GetDouble());
    return buf;
  }
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  return "";
}

// The text of a string (or number) member; "" when absent, null or structured.
std::string text_of(const Value& obj, const char* key) {
  const Value* v = member(obj, key);
  return v ? scalar_text(*v) : std::string();
}

// First non-empty of several member names: the one place that lists field-name variants.
std::string first_text(const Value& obj, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    std::string t = text_of(obj, k);
    if (!t.empty()) return t;
  }
  return "";
}

std::string json_text(const Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buf);
  v.Accept(writer);
  return std::string(buf.GetString(), buf.GetSize());
}

// `source` is a URL string in the corpus files and {url, label, …} in the curated files.
std::string url_of(const Value& obj) {
  if (const Value* s = member(obj, "source")) {
    if (s->IsString()) return scalar_text(*s);
    if (s->IsObject()) return text_of(*s, "url");
  }
  return first_text(obj, {"canonicalSource", "sourceUrl", "officialHtmlSource"});
}

// Line of each element of a top-level array, by one pass that skips strings; RapidJSON's DOM
// keeps no positions, and warnings must still name a line.
std::vector<int> element_lines(std::string_view content) {
  std::vector<int> lines;
  int line = 1;
  int depth = 0;
  bool in_string = false;
  bool expect_value = false;  // at depth 1, after '[' or ','
  for (size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\')
        ++i;  // escapes never hide a newline: JSON strings cannot contain one raw
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (depth == 1 && expect_value && c != ']') {
      lines.push_back(line);
      expect_value = false;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        ++depth;
        if (depth == 1 && c == '[') expect_value = true;
        break;
      case ']':
      case '}':
        --depth;
        break;
      case ',':
        if (depth == 1) expect_value = true;
        break;
      default:
        break;
    }
  }
  return lines;
}

class FileParser {
 public:
  FileParser(const std::string& path, std::string_view content, Diagnostics& diags)
      : path_(path), content_(content), diags_(diags) {}

  CompassFile parse() {
    size_t bad = 0;
    if (!text::is_valid_utf8(content_, &bad)) {
      throw ParseError(path_, text::line_of_offset(content_, bad),
                       "invalid UTF-8 (byte offset " + std::to_string(bad) + ")");
    }
    if (text::trim_text(content_).empty()) throw ParseError(path_, 1, "empty file");

    rapidjson::Document doc;
    doc.Parse(content_.data(), content_.size());
    if (doc.HasParseError()) {
      const size_t offset = doc.GetErrorOffset();
      throw ParseError(path_, text::line_of_offset(content_, offset),
                       std::string("invalid JSON: ") +
                           rapidjson::GetParseError_En(doc.GetParseError()) + " (byte offset " +
                           std::to_string(offset) + ")");
    }

    CompassFile out;
    out.path = path_;
    out.kind = decide_kind(doc);
    if (out.kind == CompassFileKind::metadata) return out;
    if (!doc.IsArray()) throw ParseError(path_, 1, "expected a JSON array of records");
    lines_ = element_lines(content_);

    for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
      const Value& rec = doc[i];
      const std::string where = "$[" + std::to_string(i) + "]";
      if (!rec.IsObject()) {
        warn(i, "record " + where + " is not an object; skipped");
        continue;
      }
      switch (out.kind) {
        case CompassFileKind::instruments:
          read_instrument(rec, i, where, out);
          break;
        case CompassFileKind::jurisdictions:
          read_jurisdiction(rec, i, where, out);
          break;
        case CompassFileKind::provisions:
          read_provision(rec, i, where, out);
          break;
        case CompassFileKind::relations:
          read_relation(rec, i, where, out);
          break;
        case CompassFileKind::status_events:
          read_status_event(rec, i, where, out);
          break;
        case CompassFileKind::metadata:
          break;
      }
    }
    return out;
  }

 private:
  CompassFileKind decide_kind(const Value& doc) const {
    std::string_view name = path_;
    if (size_t slash = name.find_last_of('/'); slash != std::string_view::npos) {
      name.remove_prefix(slash + 1);
    }
    if (name == "instruments.json") return CompassFileKind::instruments;
    if (name == "jurisdictions.json") return CompassFileKind::jurisdictions;
    if (name == "relations.json") return CompassFileKind::relations;
    if (name == "status-events.json") return CompassFileKind::status_events;
    // Translation files hold `units` for the same provisions as the corpus files; the corpus
    // files' own `translations` are what we read.
    if (path_.find("reference-translations/") != std::string::npos)
      return CompassFileKind::metadata;
    if (!doc.IsArray()) return CompassFileKind::metadata;
    for (const Value& rec : doc.GetArray()) {
      if (member(rec, "instrumentId") && (member(rec, "paragraphs") || member(rec, "fullText"))) {
        return CompassFileKind::provisions;
      }
    }
    return CompassFileKind::metadata;  // concepts, audits, structure summaries
  }

  int line_of(rapidjson::SizeType index) const { return index < lines_.size() ? lines_[index] : 0; }

  void warn(rapidjson::SizeType index, const std::string& message) {
    diags_.warn(path_, line_of(index), message);
  }

  bool require(const Value& rec, const char* key, rapidjson::SizeType index,
               const std::string& where, std::string* out) {
    *out = text_of(rec, key);
    if (out->empty()) {
      warn(index, "record " + where + " has no '" + key + "'; skipped");
      return false;
    }
    return true;
  }

  void read_instrument(const Value& rec, rapidjson::SizeType i, const std::string& where,
                       CompassFile& out) {
    CompassInstrument in;
    if (!require(rec, "id", i, where, &in.id)) return;
    in.jurisdiction_id = text_of(rec, "jurisdictionId");
    in.short_title = text_of(rec, "shortTitle");
    in.title = text_of(rec, "title");
    in.original_title = text_of(rec, "originalTitle");
    in.category = text_of(rec, "category");
    in.legal_force = text_of(rec, "legalForce");
    in.lifecycle_status = text_of(rec, "lifecycleStatus");
    in.hierarchy_level = text_of(rec, "hierarchyLevel");
    if (const Value* bodies = member(rec, "issuingBodies"); bodies && bodies->IsArray()) {
      for (const Value& b : bodies->GetArray()) {
        if (b.IsString()) in.issuing_bodies.push_back(scalar_text(b));
      }
    }
    if (const Value* dates = member(rec, "dates"); dates && dates->IsObject()) {
      for (const auto& m : dates->GetObject()) {
        std::string v = scalar_text(m.value);
        if (!v.empty()) in.dates[std::string(m.name.GetString(), m.name.GetStringLength())] = v;
      }
    }
    if (const Value* v = member(rec, "version")) {
      in.version_note = v->IsString() || v->IsNumber() ? scalar_text(*v) : json_text(*v);
    }
    in.source_url = url_of(rec);
    in.summary = text_of(rec, "summary");
    in.json_path = where;
    out.instruments.push_back(std::move(in));
  }

  void read_jurisdiction(const Value& rec, rapidjson::SizeType i, const std::string& where,
                         CompassFile& out) {
    CompassJurisdiction j;
    if (!require(rec, "id", i, where, &j.id)) return;
    j.name = text_of(rec, "name");
    j.short_name = text_of(rec, "shortName");
    j.type = text_of(rec, "type");
    j.parent_id = text_of(rec, "parentId");
    j.json_path = where;
    out.jurisdictions.push_back(std::move(j));
  }

  void read_relation(const Value& rec, rapidjson::SizeType i, const std::string& where,
                     CompassFile& out) {
    CompassRelation r;
    if (!require(rec, "id", i, where, &r.id)) return;
    if (!require(rec, "type", i, where, &r.type)) return;
    const Value* source = member(rec, "source");
    const Value* target = member(rec, "target");
    if (!source || !target || text_of(*source, "id").empty() || text_of(*target, "id").empty()) {
      warn(i, "relation " + where + " (" + r.id + ") lacks source.id or target.id; skipped");
      return;
    }
    r.source_type = text_of(*source, "type");
    r.source_id = text_of(*source, "id");
    r.target_type = text_of(*target, "type");
    r.target_id = text_of(*target, "id");
    r.directionality = text_of(rec, "directionality");
    r.status = text_of(rec, "status");
    r.confidence = text_of(rec, "confidence");
    r.rationale = text_of(rec, "rationale");
    r.limits = text_of(rec, "limits");
    r.verified_on = text_of(rec, "verifiedOn");
    r.json_path = where;
    out.relations.push_back(std::move(r));
  }

  void read_status_event(const Value& rec, rapidjson::SizeType i, const std::string& where,
                         CompassFile& out) {
    CompassStatusEvent e;
    if (!require(rec, "id", i, where, &e.id)) return;
    if (!require(rec, "instrumentId", i, where, &e.instrument_id)) return;
    if (!require(rec, "date", i, where, &e.date)) return;
    e.type = text_of(rec, "type");
    e.label = text_of(rec, "label");
    e.resulting_status = text_of(rec, "resultingStatus");
    e.json_path = where;
    out.status_events.push_back(std::move(e));
  }

  // paragraphs / fullText of a record or of one of its translations.
  static bool read_text(const Value& obj, CompassText* text) {
    if (const Value* ps = member(obj, "paragraphs"); ps && ps->IsArray()) {
      for (const Value& p : ps->GetArray()) {
        if (p.IsString()) text->paragraphs.push_back(scalar_text(p));
      }
    }
    text->full_text = text_of(obj, "fullText");
    if (text->full_text.empty()) {
      for (size_t k = 0; k < text->paragraphs.size(); ++k) {
        if (k) text->full_text += '\n';
        text->full_text += text->paragraphs[k];
      }
    }
    if (text->paragraphs.empty() && !text->full_text.empty()) {
      text->paragraphs.push_back(text->full_text);
    }
    return !text->full_text.empty();
  }

  // "Article 5" -> "5", "Section 6.3.13" -> "6.3.13"; "" when the locator is not "<word> <n>".
  static std::string number_from_locator(std::string_view locator) {
    const size_t space = locator.find(' ');
    if (space == std::string_view::npos) return "";
    std::string_view rest = locator.substr(space + 1);
    rest = rest.substr(0, rest.find_first_of(" ,"));
    if (rest.empty() || rest[0] < '0' || rest[0] > '9') return "";
    return std::string(rest);
  }

  void read_provision(const Value& rec, rapidjson::SizeType i, const std::string& where,
                      CompassFile& out) {
    CompassProvision p;
    if (!require(rec, "id", i, where, &p.id)) return;
    if (!require(rec, "instrumentId", i, where, &p.instrument_id)) return;
    if (!read_text(rec, &p.original)) {
      // provisions.json mixes curated anchors (text stored elsewhere, textAvailability.stored
      // false) with records that carry text; the anchors are expected, anything else is not.
      const Value* avail = member(rec, "textAvailability");
      const Value* stored = avail ? member(*avail, "stored") : nullptr;
      if (!(stored && stored->IsBool() && !stored->GetBool())) {
        warn(i, "provision " + where + " (" + p.id + ") has no paragraphs or fullText; skipped");
        return;
      }
      // An anchor: kept (relations point at it) with its editorial summary, but no text.
      p.text_stored = false;
    }
    p.summary = text_of(rec, "summary");

    // Number: the variants in field-name order of preference, then the free-text locator.
    static constexpr std::pair<const char*, const char*> kNumberFields[] = {
        {"articleNumber", "article"},
        {"sectionNumber", "section"},
        {"ruleNumber", "rule"},
        {"recitalNumber", "recital"},
        {"annexNumber", "annex"},
        {"scheduleNumber", "schedule"},
        {"supplementNumber", "supplementary-provision"},
        {"appendedTableNumber", "appended-table"},
        {"unitNumber", "unit"},
        {"provisionNumber", "provision"},
    };
    std::string kind_from_field;
    for (const auto& [field, kind] : kNumberFields) {
      p.number = text_of(rec, field);
      if (!p.number.empty()) {
        kind_from_field = kind;
        break;
      }
    }
    const std::string locator = text_of(rec, "locator");
    if (p.number.empty() && !locator.empty()) p.number = number_from_locator(locator);

    p.label = text_of(rec, "label");
    if (p.label.empty()) p.label = locator;
    p.title = text_of(rec, "title");
    p.original_title = text_of(rec, "originalTitle");

    p.unit_type = first_text(rec, {"unitType", "provisionType"});
    if (p.unit_type.empty()) {
      // Files without a unit field label their units "Section 1" / "Article 1" / "Art. 1".
      std::string_view label = p.label;
      const std::string_view first_word = label.substr(0, label.find(' '));
      if (first_word == "Section")
        p.unit_type = "section";
      else if (first_word == "Article" || first_word == "Art.")
        p.unit_type = "article";
      else
        p.unit_type = kind_from_field.empty() ? "provision" : kind_from_field;
    }

    if (const Value* ch = member(rec, "chapter")) {
      if (ch->IsObject()) {
        p.chapter_id = text_of(*ch, "id");
        p.chapter_label = text_of(*ch, "label");
        p.chapter_title = text_of(*ch, "title");
      } else if (ch->IsString()) {  // india-dpdp: "chapter": "Chapter I", "chapterTitle": "…"
        p.chapter_label = scalar_text(*ch);
        p.chapter_title = text_of(rec, "chapterTitle");
      }
    }
    if (const Value* sec = member(rec, "section")) {
      if (sec->IsObject()) {
        p.section_label = text_of(*sec, "label");
        p.section_title = text_of(*sec, "title");
      } else if (sec->IsString()) {
        p.section_label = scalar_text(*sec);
      }
    }

    p.original.language = text_of(rec, "language");
    if (p.original.language.empty()) {
      if (const Value* avail = member(rec, "textAvailability"); avail && avail->IsObject()) {
        p.original.language = text_of(*avail, "language");
      }
    }
    if (const Value* tr = member(rec, "translations"); tr && tr->IsObject()) {
      if (const Value* en = member(*tr, "en"); en && en->IsObject()) {
        CompassText english;
        if (read_text(*en, &english)) {
          english.language = "en";
          p.english = std::move(english);
        }
      }
    }
    if (!p.english && p.original.language.rfind("en", 0) == 0) p.english = p.original;

    p.applies_from = first_text(rec, {"appliesFrom", "effectiveFrom"});
    p.version_as_of = text_of(rec, "versionAsOf");
    if (p.version_as_of.empty()) {
      if (const Value* sv = member(rec, "sourceVersion"); sv && sv->IsObject()) {
        p.version_as_of = text_of(*sv, "effectiveFrom");
      }
    }
    p.source_url = url_of(rec);
    p.json_path = where;
    p.ordinal = static_cast<int>(i);
    out.provisions.push_back(std::move(p));
  }

  const std::string& path_;
  std::string_view content_;
  Diagnostics& diags_;
  std::vector<int> lines_;
};

}  // namespace

CompassFile parse_compass_json(const std::string& path, std::string_view content,
                               Diagnostics& diags) {
  return FileParser(path, content, diags).parse();
}

}  // namespace regkg::ingest
