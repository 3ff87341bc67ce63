// history.json: reading, writing and carrying forward.
#include "snapshot/snapshot_history.h"
#include "text/whole_file.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace regkg::snapshot {

SnapshotHistory next_history(const SnapshotHistory& previous,
                             const std::map<std::string, std::uint64_t>& fingerprints,
                             const std::string& now, const std::string& snapshot_id) {
  SnapshotHistory next;
  for (const auto& [id, fp] : fingerprints) {
    auto it = previous.versions.find(id);
    VersionHistory h;
    if (it == previous.versions.end()) {
      h = {now, now, snapshot_id, fp};
    } else {
      h = it->second;
      if (h.fingerprint != fp) {
        h.changed = now;
        h.snapshot_id = snapshot_id;
        h.fingerprint = fp;
      }
    }
    next.versions.emplace(id, std::move(h));
  }
  return next;
}

void write_history(const SnapshotHistory& history, const std::filesystem::path& path) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("versions");
  w.StartObject();
  char hex[17];
  for (const auto& [id, h] : history.versions) {
    w.Key(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
    w.StartObject();
    w.Key("first_seen");
    w.String(h.first_seen.c_str());
    w.Key("changed");
    w.String(h.changed.c_str());
    w.Key("snapshot");
    w.String(h.snapshot_id.c_str());
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h.fingerprint));
    w.Key("fingerprint");
    w.String(hex);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
  out << '\n';
  out.flush();
  if (!out) throw std::runtime_error(path.string() + ": error: cannot write");
}

SnapshotHistory read_history(const std::filesystem::path& path) {
  SnapshotHistory history;
  const std::optional<std::string> read = text::read_whole_file(path);
  if (!read) return history;
  const std::string& text = *read;
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("versions") || !d["versions"].IsObject())
    throw std::runtime_error(path.string() + ": error: not a history file");
  auto str = [](const rapidjson::Value& o, const char* k) -> std::string {
    auto it = o.FindMember(k);
    return it != o.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
  };
  for (const auto& m : d["versions"].GetObject()) {
    if (!m.value.IsObject()) continue;
    VersionHistory h;
    h.first_seen = str(m.value, "first_seen");
    h.changed = str(m.value, "changed");
    h.snapshot_id = str(m.value, "snapshot");
    std::string fp = str(m.value, "fingerprint");
    char* end = nullptr;
    h.fingerprint = std::strtoull(fp.c_str(), &end, 16);
    if (fp.size() != 16 || end != fp.c_str() + fp.size()) h.fingerprint = 0;
    history.versions.emplace(m.name.GetString(), std::move(h));
  }
  return history;
}

}  // namespace regkg::snapshot
