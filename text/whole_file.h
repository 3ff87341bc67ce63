// Reading a whole file into memory: the one place regkg does it (corpus sources, manifests,
// configuration, snapshot side files). Each caller decides what a missing or unreadable file means
// (an error naming the path, an empty default, a skipped source).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace regkg::text {

// The file's bytes, or nullopt when it cannot be opened or a read fails (a directory, no
// permission, an I/O error). An empty file gives an empty string.
std::optional<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace regkg::text
