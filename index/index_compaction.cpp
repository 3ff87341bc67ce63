// compact_database: Xapian's compactor into a sibling folder, then two renames.
#include "index/index_compaction.h"

#include <system_error>

#include <xapian.h>

namespace regkg::index {

namespace fs = std::filesystem;

std::string compact_database(const fs::path& dir) {
  const fs::path compacted = dir.string() + ".compact";
  const fs::path old = dir.string() + ".uncompacted";
  std::error_code ec;
  fs::remove_all(compacted, ec);
  fs::remove_all(old, ec);
  try {
    Xapian::Database db(dir.string());
    // FULLER: blocks as full as they go (the layer is never updated in place); docids kept, as
    // documents.tsv, the facet columns and the hidden-document lists name documents by them.
    db.compact(compacted.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULLER);
  } catch (const Xapian::Error& e) {
    fs::remove_all(compacted, ec);
    return dir.string() + ": " + e.get_type() + ": " + e.get_msg();
  }
  fs::rename(dir, old, ec);
  if (ec) {
    fs::remove_all(compacted, ec);
    return dir.string() + ": cannot move aside: " + ec.message();
  }
  fs::rename(compacted, dir, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::rename(old, dir, ec);  // back as it was
    fs::remove_all(compacted, ec);
    return dir.string() + ": cannot move the compact copy in: " + why;
  }
  fs::remove_all(old, ec);
  return {};
}

}  // namespace regkg::index
