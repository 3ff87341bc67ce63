// Reading and writing index/layers.json and index/documents.tsv; document fingerprints.
#include "index/index_layers.h"
#include "text/whole_file.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace regkg::index {

namespace fs = std::filesystem;

size_t IndexLayers::hidden_count() const {
  size_t n = 0;
  for (const auto& [layer, ids] : hidden) n += ids.size();
  return n;
}

namespace {

void write_text_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out)
    throw IndexLayersError(path.string() + ": error: cannot write: " + std::strerror(errno));
}

std::string read_text_file(const fs::path& path) {
  std::optional<std::string> contents = text::read_whole_file(path);
  if (!contents) throw IndexLayersError(path.string() + ": error: cannot read");
  return std::move(*contents);
}

}  // namespace

void write_layers(const IndexLayers& layers, const fs::path& index_dir) {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("snapshot_id");
  w.String(layers.snapshot_id.c_str());
  w.Key("schema_version");
  w.Int(layers.schema_version);
  w.Key("layers");
  w.StartArray();
  for (const auto& l : layers.layers) w.String(l.c_str());
  w.EndArray();
  w.Key("hidden");
  w.StartObject();
  for (const auto& [layer, ids] : layers.hidden) {
    w.Key(layer.c_str());
    w.StartArray();
    for (const auto& id : ids) w.String(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  write_text_file(index_dir / kLayersFile, std::string(buf.GetString(), buf.GetSize()) + "\n");
}

bool has_layers(const fs::path& index_dir) {
  std::error_code ec;
  return fs::is_regular_file(index_dir / kLayersFile, ec);
}

IndexLayers read_layers(const fs::path& index_dir) {
  const fs::path path = index_dir / kLayersFile;
  const std::string text = read_text_file(path);
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  auto fail = [&path](const std::string& what) {
    return IndexLayersError(path.string() + ": error: " + what);
  };
  if (d.HasParseError() || !d.IsObject()) throw fail("not a JSON object");
  IndexLayers out;
  auto sid = d.FindMember("snapshot_id");
  auto ver = d.FindMember("schema_version");
  auto lay = d.FindMember("layers");
  auto hid = d.FindMember("hidden");
  if (sid == d.MemberEnd() || !sid->value.IsString()) throw fail("missing string 'snapshot_id'");
  if (ver == d.MemberEnd() || !ver->value.IsInt()) throw fail("missing integer 'schema_version'");
  if (lay == d.MemberEnd() || !lay->value.IsArray() || lay->value.Empty())
    throw fail("missing non-empty array 'layers'");
  out.snapshot_id = sid->value.GetString();
  out.schema_version = ver->value.GetInt();
  for (const auto& l : lay->value.GetArray()) {
    if (!l.IsString()) throw fail("'layers' holds a non-string");
    std::string name = l.GetString();
    // Layers are plain subdirectory names: nothing may point outside the index directory.
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
      throw fail("bad layer name '" + name + "'");
    out.layers.push_back(std::move(name));
  }
  if (hid != d.MemberEnd()) {
    if (!hid->value.IsObject()) throw fail("'hidden' is not an object");
    for (const auto& m : hid->value.GetObject()) {
      if (!m.value.IsArray()) throw fail("'hidden' entry is not an array");
      auto& ids = out.hidden[m.name.GetString()];
      for (const auto& id : m.value.GetArray())
        if (id.IsString()) ids.emplace_back(id.GetString(), id.GetStringLength());
    }
  }
  return out;
}

void write_document_records(const std::vector<DocumentRecord>& records, const fs::path& index_dir) {
  std::string text;
  text.reserve(records.size() * 96);
  char hex[17];
  for (const auto& r : records) {
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(r.fingerprint));
    text += r.id;
    text += '\t';
    text += hex;
    text += '\t';
    text += r.layer;
    text += '\t';
    text += r.version_id;
    text += '\n';
  }
  write_text_file(index_dir / kDocumentsFile, text);
}

std::vector<DocumentRecord> read_document_records(const fs::path& index_dir) {
  const fs::path path = index_dir / kDocumentsFile;
  const std::string text = read_text_file(path);
  std::vector<DocumentRecord> out;
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos)
      throw IndexLayersError(path.string() + ":" + std::to_string(line_no + 1) +
                             ": error: truncated (no final newline)");
    ++line_no;
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1), t3 = line.find('\t', t2 + 1);
    if (t1 == std::string_view::npos || t2 == std::string_view::npos ||
        t3 == std::string_view::npos || t2 - t1 != 17)
      throw IndexLayersError(path.string() + ":" + std::to_string(line_no) +
                             ": error: expected id, fingerprint, layer, version");
    DocumentRecord r;
    r.id = std::string(line.substr(0, t1));
    const std::string hex(line.substr(t1 + 1, 16));
    char* hex_end = nullptr;
    r.fingerprint = std::strtoull(hex.c_str(), &hex_end, 16);
    if (hex_end != hex.c_str() + hex.size())
      throw IndexLayersError(path.string() + ":" + std::to_string(line_no) +
                             ": error: fingerprint is not 16 hex digits");
    r.layer = std::string(line.substr(t2 + 1, t3 - t2 - 1));
    r.version_id = std::string(line.substr(t3 + 1));
    out.push_back(std::move(r));
  }
  return out;
}

std::uint64_t fingerprint(const SearchDocument& doc) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0x1f) * 1099511628211ULL;  // field separator
  };
  auto mix_list = [&](const std::vector<std::string>& v) {
    for (const auto& s : v) mix(s);
    h = (h ^ 0x1e) * 1099511628211ULL;
  };
  for (const std::string* f :
       {&doc.id, &doc.kind, &doc.title, &doc.instrument_id, &doc.instrument_title, &doc.version_id,
        &doc.article_label, &doc.date, &doc.jurisdiction, &doc.text_zh, &doc.text_en,
        &doc.text_en_aligned})
    mix(*f);
  // The ranking signals: a version superseded since the last ingest is written again.
  mix(doc.in_force ? "in force" : "not in force");
  mix(doc.definitions ? "definitions" : "specific");
  mix_list(doc.issuers);
  mix_list(doc.modalities);
  mix_list(doc.actors);
  return h;
}

}  // namespace regkg::index
