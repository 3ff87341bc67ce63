// Loading and saving DIR/.fetch-state.json (RapidJSON).
#include "fetch/fetch_state.h"
#include "text/whole_file.h"

#include <cstdio>
#include <fstream>
#include <system_error>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace regkg::fetch {

namespace {

// The fields of SourceState as JSON keys, one list for reading and writing.
template <typename State, typename F>
void for_each_field(State& s, F&& f) {
  f("url", s.url);
  f("final_url", s.final_url);
  f("etag", s.etag);
  f("last_modified", s.last_modified);
  f("body_sha256", s.body_sha256);
  f("file", s.file);
  f("file_sha256", s.file_sha256);
  f("title", s.title);
  f("version_date", s.version_date);
  f("fetched_at", s.fetched_at);
}

}  // namespace

FetchState FetchState::load(const std::filesystem::path& path, std::vector<std::string>* warnings) {
  FetchState state;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return state;
  const std::string text = text::read_whole_file(path).value_or(std::string());
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  // MemberEnd() may only be asked of an object (RapidJSON asserts otherwise).
  const rapidjson::Value* sources = nullptr;
  if (!doc.HasParseError() && doc.IsObject()) {
    auto m = doc.FindMember("sources");
    if (m != doc.MemberEnd() && m->value.IsObject()) sources = &m->value;
  }
  if (!sources) {
    if (warnings)
      warnings->push_back(path.string() +
                          ": warning: unreadable fetch state; fetching every source afresh");
    return state;
  }
  for (auto it = sources->MemberBegin(); it != sources->MemberEnd(); ++it) {
    if (!it->value.IsObject()) continue;
    SourceState s;
    for_each_field(s, [&](const char* key, std::string& value) {
      auto m = it->value.FindMember(key);
      if (m != it->value.MemberEnd() && m->value.IsString())
        value.assign(m->value.GetString(), m->value.GetStringLength());
    });
    state.sources_[std::string(it->name.GetString(), it->name.GetStringLength())] = std::move(s);
  }
  return state;
}

void FetchState::save(const std::filesystem::path& path) const {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("about");
  w.String("regkg fetch state: validators and hashes of the last good fetch of each source");
  w.Key("version");
  w.Int(1);
  w.Key("sources");
  w.StartObject();
  for (const auto& [id, s] : sources_) {
    w.Key(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
    w.StartObject();
    for_each_field(s, [&](const char* key, const std::string& value) {
      w.Key(key);
      w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
    });
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  write_file_atomically(path, std::string(buffer.GetString(), buffer.GetSize()) + "\n");
}

const SourceState* FetchState::find(const std::string& id) const {
  auto it = sources_.find(id);
  return it == sources_.end() ? nullptr : &it->second;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw std::runtime_error(path.parent_path().string() + ": error: " + ec.message());
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(tmp.string() + ": error: cannot write");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp, ec);
      throw std::runtime_error(tmp.string() + ": error: write failed");
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw std::runtime_error(path.string() + ": error: cannot replace: " + ec.message());
  }
}

}  // namespace regkg::fetch
