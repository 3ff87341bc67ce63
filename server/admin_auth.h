// Admin routes (reload, snapshot files for replicas) need a bearer token. The token comes from a
// file or the REGKG_ADMIN_TOKEN environment variable; with none configured admin routes are off.
// Comparison takes the same time whatever the presented token, and tokens are never logged.
#pragma once

#include <filesystem>
#include <string>

namespace regkg::server {

// True when `authorization` is "Bearer <token>" with exactly `expected` (non-empty), compared in
// time independent of where the strings differ.
bool bearer_token_matches(const std::string& expected, const std::string& authorization);

// Reads the token from `file` (first line, surrounding whitespace removed) or, when `file` is
// empty, from $REGKG_ADMIN_TOKEN. Returns "" when neither is set. Throws std::runtime_error naming
// the file when it cannot be read, is empty, or is readable by group or others.
std::string load_admin_token(const std::filesystem::path& file);

}  // namespace regkg::server
