// Admin routes (bearer token checked by HttpServer before these run):
//   POST /api/v1/admin/reload           switch to the data directory's current snapshot now
//   GET  /api/v1/admin/snapshot         the served snapshot's files (for `regkg replicate`)
//   GET  /api/v1/admin/snapshot/file    one of those files, streamed
#include <fstream>
#include <memory>
#include <vector>

#include <httplib.h>

#include "server/api_error.h"
#include "server/handlers.h"
#include "server/json_output.h"
#include "server/route_spec.h"
#include "server/snapshot_reloader.h"
#include "snapshot/snapshot.h"

namespace regkg::server {

namespace {

namespace fs = std::filesystem;

struct SnapshotFile {
  std::string path;  // relative to the snapshot directory, '/'-separated
  std::uintmax_t bytes = 0;
};

// Every regular file of the snapshot directory; the only paths the file route will serve.
std::vector<SnapshotFile> snapshot_files(const fs::path& dir) {
  std::vector<SnapshotFile> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fe;
    if (!it->is_regular_file(fe) || it->is_symlink(fe)) continue;
    files.push_back({it->path().lexically_relative(dir).generic_string(), it->file_size(fe)});
  }
  if (ec)
    throw ApiError(503, "snapshot_unavailable",
                   "the served snapshot's directory cannot be read (collected or moved?)",
                   {{"dir", dir.string()}});
  std::sort(files.begin(), files.end(),
            [](const SnapshotFile& a, const SnapshotFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace

void handle_admin_reload(const HandlerContext& ctx, const RequestParams& params,
                         httplib::Response& res) {
  if (!ctx.reloader)
    throw ApiError(409, "reload_unavailable",
                   "this server was started without a data directory to reload from");
  const std::string before = ctx.snapshot->id;
  ReloadStatus status = ctx.reloader->reload(params.boolean("force"));
  if (status.last_result == "refused" && !status.refused_id.empty())
    throw ApiError(
        409, "snapshot_refused",
        "the current snapshot could not be opened; still serving the previous one",
        {{"snapshot", status.refused_id}, {"reason", status.last_error}, {"serving", before}});
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("previous", before);
  out.field("result", status.last_result.empty() ? "unchanged" : status.last_result);
  out.field("reloads", status.reloads);
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

void handle_admin_snapshot(const HandlerContext& ctx, const RequestParams&,
                           httplib::Response& res) {
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("id", ctx.snapshot->id);
  out.key("files");
  w.StartArray();
  for (const auto& f : snapshot_files(ctx.snapshot->dir)) {
    w.StartObject();
    out.field("path", f.path);
    out.field("bytes", static_cast<std::uint64_t>(f.bytes));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

void handle_admin_snapshot_file(const HandlerContext& ctx, const RequestParams& params,
                                httplib::Response& res) {
  const std::string& wanted = params.text("path");
  const std::string& snapshot = params.text("snapshot");
  // The snapshot may have changed since the client listed it: say so instead of mixing files.
  if (!snapshot.empty() && snapshot != ctx.snapshot->id)
    throw ApiError(409, "snapshot_changed", "the server now serves another snapshot",
                   {{"requested", snapshot}, {"serving", ctx.snapshot->id}});
  // Only paths from the listing: nothing outside the snapshot directory can be named.
  std::uintmax_t bytes = 0;
  bool listed = false;
  for (const auto& f : snapshot_files(ctx.snapshot->dir))
    if (f.path == wanted) {
      listed = true;
      bytes = f.bytes;
    }
  if (!listed)
    throw ApiError(404, "not_found", "no such file in the served snapshot", {{"path", wanted}});
  auto in =
      std::make_shared<std::ifstream>(ctx.snapshot->dir / fs::u8path(wanted), std::ios::binary);
  if (!*in) throw ApiError(404, "not_found", "file vanished", {{"path", wanted}});
  res.set_content_provider(static_cast<size_t>(bytes), "application/octet-stream",
                           [in](size_t offset, size_t length, httplib::DataSink& sink) {
                             std::vector<char> buf(std::min<size_t>(length, 1 << 20));
                             in->seekg(static_cast<std::streamoff>(offset));
                             in->read(buf.data(), static_cast<std::streamsize>(buf.size()));
                             std::streamsize got = in->gcount();
                             if (got <= 0) return false;
                             return sink.write(buf.data(), static_cast<size_t>(got));
                           });
}

}  // namespace regkg::server
