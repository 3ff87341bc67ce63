// GET /healthz: liveness plus the snapshot being served and its counts.
#include <httplib.h>

#include "server/handlers.h"
#include "server/json_output.h"

namespace regkg::server {

void handle_healthz(const HandlerContext& ctx, const httplib::Request& req,
                    httplib::Response& res) {
  reject_unknown_params(req, {});
  const auto& snap = ctx.snapshot;
  JsonOutput out;
  auto& w = out.writer();
  w.StartObject();
  out.field("status", "ok");
  out.key("snapshot");
  w.StartObject();
  out.field("id", snap->id);
  out.field("created", snap->manifest.created);
  out.key("counts");
  w.StartObject();
  for (const auto& [k, v] : snap->manifest.counts) out.field(k, v);
  w.EndObject();
  w.EndObject();
  out.field("uptime_seconds",
            static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                           std::chrono::steady_clock::now() - ctx.started)
                                           .count()));
  w.EndObject();
  res.set_content(out.str(), "application/json; charset=utf-8");
}

}  // namespace regkg::server
