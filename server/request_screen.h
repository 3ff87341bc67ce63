// Checks every request passes before routing: a well-formed request target (percent-encoding),
// an unambiguous body length (one plain Content-Length, or chunked, never both; a POST says which),
// no body on GET or HEAD, and static file paths that stay inside the web folder even through
// symlinks and never name a hidden file. A refused request gets a 4xx JSON error and never reaches
// a handler or the disk. Also the Range rules: honoured only as one range of a static file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "server/api_error.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace regkg::server {

// The byte offset of the first '%' in `target` that is not followed by two hex digits, or nullopt.
std::optional<size_t> find_bad_percent_encoding(const std::string& target);

// True when the static file `url_path` (decoded, starting with '/') names something that exists
// under `web_root` only by leaving it: through a symlink, or as a path that resolves outside.
// `web_root` must be canonical. Missing files are not escapes (they are plain 404s).
bool static_path_escapes(const std::filesystem::path& web_root, const std::string& url_path);

// True when a segment of `url_path` (decoded) starts with '.': a dotfile or dot folder (.git,
// .env, an editor's swap file), never served.
bool names_hidden_file(const std::string& url_path);

// The error a request is refused with, or nullopt to route it. `web_root` is the canonical web
// folder ("" = no static files). Thread-safe.
std::optional<ApiError> screen_request(const httplib::Request& req,
                                       const std::filesystem::path& web_root);

// Drops the ranges of `req` that will not be honoured: all of them on API answers (built in memory
// and small, or streamed without a length; 300 ranges of one answer made a 1.18 GB multipart 206,
// issue 22 item 1), and all when a file is asked for more than one range. Call before routing.
void restrict_ranges(httplib::Request& req);

// For a static file answer whose whole content is `file_size` bytes: rewrites the one range left
// in `req` to explicit first and last bytes within the file, or returns false when it cannot be
// satisfied (the answer is then 416 with "Content-Range: bytes */size").
bool resolve_file_range(httplib::Request& req, size_t file_size);

}  // namespace regkg::server
