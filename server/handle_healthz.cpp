// GET /healthz: liveness plus the snapshot being served and its counts. "status" is "degraded"
// while requests on the served snapshot fail with internal errors (a damaged index), or while a
// remote index shard was last seen down (by a search or the once-a-second probe), else "ok".
#include <algorithm>

#include <httplib.h>

#include "server/handlers.h"
#include "server/json_output.h"
#include "server/route_spec.h"
#include "server/service_health.h"
#include "server/snapshot_reloader.h"

namespace regkg::server {

void handle_healthz(const HandlerContext& ctx, const RequestParams&, httplib::Response& res) {
  const auto& snap = ctx.snapshot;
  ServiceHealth::View health;
  if (ctx.health) health = ctx.health->view(snap->id);
  // Remote index shards (serve --remote-shards): as last seen, without waiting (shard_health.h).
  const index::RemoteShards& remote = snap->searcher->remote_shards();
  std::vector<std::string> down;
  if (!remote.empty()) down = snap->searcher->unavailable_shards();
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("status", health.degraded || !down.empty() ? "degraded" : "ok");
  out.key("snapshot");
  w.StartObject();
  out.field("id", snap->id);
  out.field("created", snap->manifest.created);
  out.key("counts");
  w.StartObject();
  for (const auto& [k, v] : snap->manifest.counts) out.field(k, v);
  w.EndObject();
  w.EndObject();
  if (ctx.reloader) {
    // A refused snapshot is visible here: the server keeps serving the previous one.
    ReloadStatus r = ctx.reloader->status();
    out.key("reload");
    w.StartObject();
    out.field("reloads", r.reloads);
    out.field("failures", r.failures);
    out.field_or_null("last_attempt", r.last_attempt);
    out.field_or_null("last_result", r.last_result);
    out.field_or_null("last_error", r.last_error);
    out.field_or_null("refused_snapshot", r.refused_id);
    w.EndObject();
  } else {
    out.key("reload");
    w.Null();
  }
  out.key("internal_errors");
  w.StartObject();
  out.field("total", health.internal_errors);
  out.field("last_minute", health.recent_internal_errors);
  w.EndObject();
  out.key("index_shards");
  if (remote.empty()) {
    w.Null();
  } else {
    w.StartArray();
    for (const auto& shard : remote.shards) {
      const bool up = std::find(down.begin(), down.end(), shard.name()) == down.end();
      w.StartObject();
      out.field("shard", shard.name());
      out.field("status", up ? "ok" : "unavailable");
      w.EndObject();
    }
    w.EndArray();
  }
  out.field("uptime_seconds",
            static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                           std::chrono::steady_clock::now() - ctx.started)
                                           .count()));
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
