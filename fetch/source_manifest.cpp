// Reading and validating corpus/sources.json.
#include "fetch/source_manifest.h"

#include <map>
#include <set>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "fetch/publication_html_extractor.h"
#include "fetch/statute_markdown_writer.h"
#include "text/chinese_title.h"
#include "text/utf8.h"
#include "text/utf8_validation.h"
#include "text/whole_file.h"

namespace regkg::fetch {

namespace {

const std::set<std::string>& known_kinds() {
  static const std::set<std::string> kinds = {
      "law", "administrative-regulation", "departmental-rule", "judicial-interpretation", "other"};
  return kinds;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool valid_iso_date(const std::string& d) {
  size_t end = 0;
  return d.size() == 10 && read_date_at(d, 0, &end) == d && end == d.size();
}

// A folder path under statutes-zh/: relative, no "..", no empty or hidden segments.
bool valid_category(const std::string& c) {
  if (c.empty() || c.front() == '/' || c.back() == '/') return false;
  size_t start = 0;
  while (start <= c.size()) {
    size_t end = c.find('/', start);
    if (end == std::string::npos) end = c.size();
    const std::string seg = c.substr(start, end - start);
    if (seg.empty() || seg[0] == '.' || seg.find('\\') != std::string::npos) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::string default_category(std::string_view kind) {
  if (kind == "law") return "法律";
  if (kind == "administrative-regulation") return "行政法规";
  if (kind == "departmental-rule") return "部门规章";
  if (kind == "judicial-interpretation") return "司法解释";
  return "其他";
}

SourceManifest parse_source_manifest(std::string_view json, const std::string& source_name) {
  auto fail = [&](const std::string& where, const std::string& message) -> ManifestError {
    return ManifestError(source_name + ": error: " + (where.empty() ? "" : where + ": ") + message);
  };
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    throw fail("", std::string("invalid JSON at byte ") + std::to_string(doc.GetErrorOffset()) +
                       ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) throw fail("", "expected a JSON object with a \"sources\" array");
  auto sources_it = doc.FindMember("sources");
  if (sources_it == doc.MemberEnd() || !sources_it->value.IsArray())
    throw fail("", "expected a \"sources\" array");
  if (sources_it->value.Empty()) throw fail("sources", "no sources listed");

  SourceManifest m;
  m.path = source_name;
  std::set<std::string> ids;
  std::map<std::string, std::string> files;  // file name -> source id
  const auto& arr = sources_it->value;
  for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
    const std::string where = "sources[" + std::to_string(i) + "]";
    const auto& v = arr[i];
    if (!v.IsObject()) throw fail(where, "expected an object");
    PublicationSource s;
    const std::map<std::string, std::string*> fields = {
        {"id", &s.id},
        {"url", &s.url},
        {"publisher", &s.publisher},
        {"instrument", &s.instrument},
        {"title", &s.title},
        {"short_title", &s.short_title},
        {"issuer", &s.issuer},
        {"document_number", &s.document_number},
        {"kind", &s.kind},
        {"category", &s.category},
        {"adopted", &s.adopted},
        {"published", &s.published},
        {"effective", &s.effective},
        {"version_date", &s.version_date},
        {"note", &s.note},
    };
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      const std::string key(it->name.GetString(), it->name.GetStringLength());
      auto f = fields.find(key);
      if (f == fields.end()) throw fail(where, "unknown key \"" + key + "\"");
      if (!it->value.IsString()) throw fail(where + "." + key, "expected a string");
      *f->second =
          text::trim_text(std::string_view(it->value.GetString(), it->value.GetStringLength()));
      if (!text::is_valid_utf8(*f->second)) throw fail(where + "." + key, "invalid UTF-8");
    }
    if (!valid_id(s.id))
      throw fail(where + ".id", "required: lower-case letters, digits, '-', '_' or '.'");
    if (!ids.insert(s.id).second) throw fail(where + ".id", "duplicate id \"" + s.id + "\"");
    if (s.url.rfind("http://", 0) != 0 && s.url.rfind("https://", 0) != 0)
      throw fail(where + ".url", "required: an http:// or https:// URL (\"" + s.url + "\")");
    if (s.title.empty()) throw fail(where + ".title", "required");
    if (!known_kinds().count(s.kind))
      throw fail(where + ".kind", "\"" + s.kind +
                                      "\" is not one of law, administrative-regulation, "
                                      "departmental-rule, judicial-interpretation, other");
    for (auto [key, value] : {std::pair<const char*, const std::string*>{"adopted", &s.adopted},
                              {"published", &s.published},
                              {"effective", &s.effective},
                              {"version_date", &s.version_date}}) {
      if (!value->empty() && !valid_iso_date(*value))
        throw fail(where + "." + key, "\"" + *value + "\" is not a YYYY-MM-DD date");
    }
    if (s.short_title.empty()) s.short_title = text::normalize_cn_title(s.title);
    if (s.category.empty()) s.category = default_category(s.kind);
    if (!valid_category(s.category))
      throw fail(where + ".category", "\"" + s.category + "\" is not a relative folder path");
    const std::string date = !s.version_date.empty() ? s.version_date : s.published;
    if (!date.empty()) {
      const std::string file = s.category + "/" + statute_file_name(s.short_title, date);
      auto [it, inserted] = files.emplace(file, s.id);
      if (!inserted) throw fail(where, "writes the same file as \"" + it->second + "\": " + file);
    }
    m.sources.push_back(std::move(s));
  }
  return m;
}

SourceManifest load_source_manifest(const std::filesystem::path& path) {
  const std::optional<std::string> contents = text::read_whole_file(path);
  if (!contents) throw ManifestError(path.string() + ": error: cannot read the sources manifest");
  return parse_source_manifest(*contents, path.string());
}

}  // namespace regkg::fetch
