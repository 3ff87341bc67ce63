// Snapshot replication over the primary's admin routes.
#include "replica/snapshot_replicator.h"

#include <chrono>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include <httplib.h>
#include <rapidjson/document.h>

#include "snapshot/snapshot.h"
#include "snapshot/snapshot_store.h"
#include "text/percent_encoding.h"
#include "text/whole_file.h"

namespace regkg::replica {

namespace {

namespace fs = std::filesystem;

struct RemoteFile {
  std::string path;
  std::uint64_t bytes = 0;
};

std::string read_small_file(const fs::path& p) {
  return text::read_whole_file(p).value_or(std::string());
}

class Primary {
 public:
  Primary(const ReplicateOptions& o) : client_(o.primary), primary_(o.primary) {
    if (!client_.is_valid())
      throw ReplicateError("error: --from '" + o.primary + "' is not an http://host:port URL");
    client_.set_connection_timeout(o.timeout_seconds, 0);
    client_.set_read_timeout(o.timeout_seconds, 0);
    client_.set_bearer_token_auth(o.token.c_str());
  }

  std::string get(const std::string& path) {
    auto res = client_.Get(path.c_str());
    check(res, path);
    return res->body;
  }

  // Streams a file to `to`; returns the bytes written.
  std::uint64_t download(const std::string& path, const fs::path& to) {
    std::ofstream out(to, std::ios::binary | std::ios::trunc);
    if (!out) throw ReplicateError(to.string() + ": error: cannot write");
    std::uint64_t written = 0;
    auto res = client_.Get(
        path.c_str(), httplib::Headers{},
        [&](const httplib::Response& r) { return r.status == 200; },
        [&](const char* data, size_t n) {
          out.write(data, static_cast<std::streamsize>(n));
          written += n;
          return static_cast<bool>(out);
        });
    check(res, path);
    out.flush();
    if (!out) throw ReplicateError(to.string() + ": error: write failed (disk full?)");
    return written;
  }

 private:
  void check(const httplib::Result& res, const std::string& path) {
    if (!res)
      throw ReplicateError("error: " + primary_ + path + ": " + httplib::to_string(res.error()));
    if (res->status != 200) {
      std::string message = res->body;
      rapidjson::Document d;
      d.Parse(res->body.data(), res->body.size());
      if (!d.HasParseError() && d.IsObject() && d.HasMember("error") &&
          d["error"].HasMember("message") && d["error"]["message"].IsString())
        message = d["error"]["message"].GetString();
      throw ReplicateError("error: " + primary_ + path + ": HTTP " + std::to_string(res->status) +
                           ": " + message);
    }
  }

  httplib::Client client_;
  std::string primary_;
};

}  // namespace

ReplicateResult replicate(const ReplicateOptions& o, std::ostream& log) {
  auto started = std::chrono::steady_clock::now();
  ReplicateResult result;
  Primary primary(o);
  const std::string listing = primary.get("/api/v1/admin/snapshot");
  rapidjson::Document d;
  d.Parse(listing.data(), listing.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("id") || !d["id"].IsString() ||
      !d.HasMember("files") || !d["files"].IsArray())
    throw ReplicateError("error: " + o.primary + ": unexpected answer to /api/v1/admin/snapshot");
  result.snapshot_id = d["id"].GetString();
  std::vector<RemoteFile> files;
  for (const auto& f : d["files"].GetArray()) {
    if (!f.IsObject() || !f.HasMember("path") || !f["path"].IsString() || !f.HasMember("bytes") ||
        !f["bytes"].IsUint64())
      throw ReplicateError("error: " + o.primary + ": malformed file entry in the listing");
    std::string path = f["path"].GetString();
    // Never write outside the staging directory, whatever the primary says.
    fs::path rel = fs::u8path(path).lexically_normal();
    if (path.empty() || rel.is_absolute() || rel.string().rfind("..", 0) == 0)
      throw ReplicateError("error: " + o.primary + ": refusing file path '" + path + "'");
    files.push_back({path, f["bytes"].GetUint64()});
  }
  result.files = files.size();

  snapshot::SnapshotStore store(o.data_dir, /*writable=*/true);
  if (store.current_id() == result.snapshot_id) {
    result.up_to_date = true;
    return result;
  }
  snapshot::StagedSnapshot staged;
  try {
    staged = store.begin_copy(result.snapshot_id);
  } catch (const snapshot::SnapshotStoreError& e) {
    throw ReplicateError(e.what());
  }
  try {
    // Index layers the replica already has: the same iamglass (UUID and revision) is the same
    // immutable database. Look in the replica's current snapshot.
    std::map<std::string, fs::path> local_layers;  // iamglass bytes -> layer dir
    if (auto cur = store.current_id()) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(store.snapshot_dir(*cur) / "index", ec)) {
        std::string stamp = read_small_file(e.path() / "iamglass");
        if (!stamp.empty()) local_layers.emplace(std::move(stamp), e.path());
      }
    }
    std::map<std::string, std::optional<fs::path>> layer_source;  // "index/<layer>" -> local dir
    for (const auto& f : files) {
      fs::path rel = fs::u8path(f.path);
      fs::path to = staged.dir / rel;
      fs::create_directories(to.parent_path());
      std::string layer_key;
      if (rel.begin() != rel.end() && *rel.begin() == "index" &&
          std::distance(rel.begin(), rel.end()) == 3)
        layer_key = (*rel.begin() / *std::next(rel.begin())).string();
      if (!layer_key.empty() && !layer_source.count(layer_key)) {
        // Fetch the layer's iamglass first to see whether the replica already has it.
        fs::path stamp_file = staged.dir / layer_key / "iamglass";
        fs::create_directories(stamp_file.parent_path());
        primary.download(
            "/api/v1/admin/snapshot/file?snapshot=" + text::percent_encode(result.snapshot_id) +
                "&path=" + text::percent_encode(layer_key + "/iamglass"),
            stamp_file);
        auto it = local_layers.find(read_small_file(stamp_file));
        layer_source[layer_key] =
            it == local_layers.end() ? std::nullopt : std::optional<fs::path>(it->second);
      }
      if (!layer_key.empty() && rel.filename() == "iamglass") continue;  // fetched above
      if (!layer_key.empty() && layer_source[layer_key]) {
        std::error_code ec;
        fs::create_hard_link(*layer_source[layer_key] / rel.filename(), to, ec);
        if (!ec && fs::file_size(to) == f.bytes) {
          ++result.linked;
          continue;
        }
        fs::remove(to, ec);
      }
      std::uint64_t got = primary.download(
          "/api/v1/admin/snapshot/file?snapshot=" + text::percent_encode(result.snapshot_id) +
              "&path=" + text::percent_encode(f.path),
          to);
      if (got != f.bytes)
        throw ReplicateError("error: " + f.path + ": received " + std::to_string(got) +
                             " bytes, expected " + std::to_string(f.bytes));
      ++result.downloaded;
      result.bytes_downloaded += got;
    }
    // Validate before it can become current: the graph's checksum, the index, the ids.
    try {
      snapshot::open_snapshot(staged.dir, 1);
    } catch (const std::exception& e) {
      throw ReplicateError(std::string("error: the copied snapshot does not open: ") + e.what());
    }
    store.commit(staged);
  } catch (const ReplicateError&) {
    store.abandon(staged);
    throw;
  } catch (const std::exception& e) {
    store.abandon(staged);
    throw ReplicateError(e.what());
  }
  if (o.keep > 0) store.collect_garbage(o.keep, log);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace regkg::replica
