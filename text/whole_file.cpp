// read_whole_file: one read of the file's size when it is known, else streamed to the end.
#include "text/whole_file.h"

#include <fstream>
#include <iterator>

namespace regkg::text {

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string out;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0 && in) {
    out.resize(static_cast<size_t>(size));
    in.read(out.data(), size);
    // A file that shrank meanwhile: what was there.
    out.resize(static_cast<size_t>(in.gcount()));
    if (in.bad()) return std::nullopt;
    // A file that grew meanwhile (or a size the stream could not tell): the rest.
    if (in) out.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    in.clear();
    in.seekg(0, std::ios::beg);
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (in.bad()) return std::nullopt;
  return out;
}

}  // namespace regkg::text
