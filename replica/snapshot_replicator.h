// `regkg replicate`: copies the snapshot a primary `regkg serve` is serving into a replica's data
// directory (over the primary's admin routes, with its token) and makes it current there, so a
// `regkg serve` on the replica picks it up. Snapshots are immutable, so a copy is exact; index
// layers the replica already holds (same Xapian database, recognised by its iamglass file) are
// hard-linked instead of downloaded. The copy is validated (graph checksum, index, ids) before it
// becomes current; a failed run leaves the replica's current snapshot as it was.
#pragma once

#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string>

namespace regkg::replica {

struct ReplicateOptions {
  std::string primary;  // http://host:port
  std::filesystem::path data_dir;
  std::string token;  // the primary's admin bearer token
  unsigned keep = 3;  // snapshots kept on the replica after a copy (0 = all)
  int timeout_seconds = 30;
};

struct ReplicateResult {
  std::string snapshot_id;
  bool up_to_date = false;  // the replica already served this snapshot: nothing copied
  size_t files = 0, downloaded = 0, linked = 0;
  std::uint64_t bytes_downloaded = 0;
  double seconds = 0;
};

class ReplicateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

ReplicateResult replicate(const ReplicateOptions& options, std::ostream& log);

}  // namespace regkg::replica
