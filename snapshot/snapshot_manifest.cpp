// manifest.json reading and writing (RapidJSON).
#include "snapshot/snapshot_manifest.h"
#include "text/whole_file.h"

#include <fstream>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace regkg::snapshot {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void put(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string get_string(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  if (it == v.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

std::uint64_t get_u64(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  if (it == v.MemberEnd() || !it->value.IsUint64()) return 0;
  return it->value.GetUint64();
}

}  // namespace

void write_manifest(const SnapshotManifest& m, const std::filesystem::path& path) {
  rapidjson::StringBuffer sb;
  Writer w(sb);
  w.SetIndent(' ', 1);
  w.StartObject();
  put(w, "id", m.id);
  put(w, "created", m.created);
  w.Key("index_schema_version");
  w.Int(m.index_schema_version);
  w.Key("graph_format_version");
  w.Uint(m.graph_format_version);
  put(w, "regkg_version", m.regkg_version);
  w.Key("ingest_seconds");
  w.Double(m.ingest_seconds);
  w.Key("corpora");
  w.StartArray();
  for (const auto& c : m.corpora) w.String(c.data(), static_cast<rapidjson::SizeType>(c.size()));
  w.EndArray();
  w.Key("counts");
  w.StartObject();
  for (const auto& [k, v] : m.counts) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    w.Uint64(v);
  }
  w.EndObject();
  w.Key("sources");
  w.StartArray();
  for (const auto& s : m.sources) {
    w.StartObject();
    put(w, "path", s.path);
    put(w, "corpus", s.corpus);
    put(w, "format", s.format);
    put(w, "sha256", s.sha256);
    w.Key("bytes");
    w.Uint64(s.bytes);
    put(w, "status", s.status);
    w.EndObject();
  }
  w.EndArray();
  w.Key("diagnostics");
  w.StartArray();
  for (const auto& d : m.diagnostics) {
    w.StartObject();
    put(w, "severity", d.severity);
    put(w, "path", d.path);
    w.Key("line");
    w.Int(d.line);
    put(w, "message", d.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << sb.GetString() << '\n';
  out.flush();
  if (!out) throw ManifestError(path.string() + ": error: cannot write manifest");
}

SnapshotManifest read_manifest(const std::filesystem::path& path) {
  std::optional<std::string> read = text::read_whole_file(path);
  if (!read) throw ManifestError(path.string() + ": error: cannot open manifest");
  std::string text = std::move(*read);
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError())
    throw ManifestError(path.string() + ": error: malformed manifest JSON at byte " +
                        std::to_string(doc.GetErrorOffset()) + ": " +
                        rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject()) throw ManifestError(path.string() + ": error: manifest is not an object");
  SnapshotManifest m;
  m.id = get_string(doc, "id");
  if (m.id.empty()) throw ManifestError(path.string() + ": error: manifest has no id");
  m.created = get_string(doc, "created");
  m.regkg_version = get_string(doc, "regkg_version");
  if (auto it = doc.FindMember("index_schema_version"); it != doc.MemberEnd() && it->value.IsInt())
    m.index_schema_version = it->value.GetInt();
  m.graph_format_version = static_cast<unsigned>(get_u64(doc, "graph_format_version"));
  if (auto it = doc.FindMember("ingest_seconds"); it != doc.MemberEnd() && it->value.IsNumber())
    m.ingest_seconds = it->value.GetDouble();
  if (auto it = doc.FindMember("corpora"); it != doc.MemberEnd() && it->value.IsArray())
    for (const auto& c : it->value.GetArray())
      if (c.IsString()) m.corpora.emplace_back(c.GetString(), c.GetStringLength());
  if (auto it = doc.FindMember("counts"); it != doc.MemberEnd() && it->value.IsObject())
    for (const auto& kv : it->value.GetObject())
      if (kv.value.IsUint64())
        m.counts[std::string(kv.name.GetString(), kv.name.GetStringLength())] =
            kv.value.GetUint64();
  if (auto it = doc.FindMember("sources"); it != doc.MemberEnd() && it->value.IsArray())
    for (const auto& s : it->value.GetArray()) {
      if (!s.IsObject()) continue;
      m.sources.push_back({get_string(s, "path"), get_string(s, "corpus"), get_string(s, "format"),
                           get_string(s, "sha256"), get_u64(s, "bytes"), get_string(s, "status")});
    }
  if (auto it = doc.FindMember("diagnostics"); it != doc.MemberEnd() && it->value.IsArray())
    for (const auto& d : it->value.GetArray()) {
      if (!d.IsObject()) continue;
      DiagnosticRecord r;
      r.severity = get_string(d, "severity");
      r.path = get_string(d, "path");
      if (auto l = d.FindMember("line"); l != d.MemberEnd() && l->value.IsInt())
        r.line = l->value.GetInt();
      r.message = get_string(d, "message");
      m.diagnostics.push_back(std::move(r));
    }
  return m;
}

}  // namespace regkg::snapshot
