// Checks every request passes before routing: a well-formed request target (percent-encoding),
// no body on GET or HEAD, and static file paths that stay inside the web folder even through
// symlinks. A refused request gets a 4xx JSON error and never reaches a handler or the disk.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "server/api_error.h"

namespace httplib {
struct Request;
}

namespace regkg::server {

// The byte offset of the first '%' in `target` that is not followed by two hex digits, or nullopt.
std::optional<size_t> find_bad_percent_encoding(const std::string& target);

// True when the static file `url_path` (decoded, starting with '/') names something that exists
// under `web_root` only by leaving it: through a symlink, or as a path that resolves outside.
// `web_root` must be canonical. Missing files are not escapes (they are plain 404s).
bool static_path_escapes(const std::filesystem::path& web_root, const std::string& url_path);

// The error a request is refused with, or nullopt to route it. `web_root` is the canonical web
// folder ("" = no static files). Thread-safe.
std::optional<ApiError> screen_request(const httplib::Request& req,
                                       const std::filesystem::path& web_root);

}  // namespace regkg::server
