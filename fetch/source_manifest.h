// The fetch manifest (corpus/sources.json): the official pages to fetch and, for each, the facts
// its statute file needs that the page may not state plainly (instrument id, short title for the
// file name, issuer, expected dates, the statutes-zh folder). Immutable after loading.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace regkg::fetch {

struct PublicationSource {
  std::string id;          // stable key in the fetch state: "cac-generative-ai-measures"
  std::string url;         // http:// or https:// publication page
  std::string publisher;   // "cac", "gov.cn", "npc" …
  std::string instrument;  // the regkg id the ingest gives it: "cn/generative-ai-measures"
  std::string title;  // full title as published: "生成式人工智能服务管理暂行办法"
  std::string short_title;  // file-name stem; defaults to the title without 中华人民共和国
  std::string issuer;  // "国家互联网信息办公室、…" (written into the 公布 header line)
  std::string document_number;  // "国家互联网信息办公室等七部门令第15号" (optional)
  std::string
      kind;  // law, administrative-regulation, departmental-rule, judicial-interpretation, other
  std::string category;  // statutes-zh folder; defaults by kind ("部门规章", "行政法规" …)
  std::string adopted, published, effective;  // YYYY-MM-DD as known when the manifest was written
  std::string version_date;  // the file-name date when it is not `published` (the corpus names
                             // some versions by their adoption date)
  std::string note;
};

struct SourceManifest {
  std::string path;
  std::vector<PublicationSource> sources;
};

// A manifest that cannot be used; the message reads "path: error: sources[2].url: …".
class ManifestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads and validates a manifest: a JSON object with a non-empty "sources" array; each source
// needs id (unique, [a-z0-9._-]), url (http/https), title and kind; dates must be real
// YYYY-MM-DD dates; unknown keys are refused (a typo must not silently drop a fact); two sources
// may not write the same file. Throws ManifestError.
SourceManifest load_source_manifest(const std::filesystem::path& path);
SourceManifest parse_source_manifest(std::string_view json, const std::string& source_name);

// The statutes-zh folder for a kind when the manifest names none.
std::string default_category(std::string_view kind);

}  // namespace regkg::fetch
