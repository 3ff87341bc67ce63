// check_index: Xapian::Database::check over each database of an index.
#include "index/index_check.h"

#include <algorithm>
#include <sstream>
#include <system_error>

#include <xapian.h>

#include "index/index_layers.h"
#include "index/searcher.h"

namespace regkg::index {

namespace fs = std::filesystem;

std::vector<std::string> shard_databases(const fs::path& db_dir) {
  std::vector<std::string> shards;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(db_dir, ec))
    if (entry.is_directory() && entry.path().filename().string().rfind("shard-", 0) == 0)
      shards.push_back(entry.path().string());
  std::sort(shards.begin(), shards.end());
  return shards;
}

std::vector<std::string> index_databases(const fs::path& db_dir) {
  std::vector<std::string> databases;
  if (has_layers(db_dir)) {
    try {
      for (const auto& layer : read_layers(db_dir).layers)
        databases.push_back((db_dir / layer).string());
    } catch (const IndexLayersError& e) {
      throw IndexOpenError(e.what());
    }
    return databases;
  }
  databases = shard_databases(db_dir);
  if (databases.empty()) databases.push_back(db_dir.string());
  return databases;
}

void check_index(const fs::path& db_dir) {
  for (const std::string& db : index_databases(db_dir)) {
    std::ostringstream report;
    size_t problems = 0;
    try {
      problems = Xapian::Database::check(db, 0, &report);
    } catch (const Xapian::Error& e) {
      throw IndexOpenError(db + ": error: Xapian::" + e.get_type() + ": " + e.get_msg());
    }
    if (problems == 0) continue;
    // The report lists every table it read; the problems are the lines that are not "table:" ok.
    std::string first;
    std::istringstream lines(report.str());
    for (std::string line; std::getline(lines, line);)
      if (!line.empty() && line.find("B-tree checked okay") == std::string::npos &&
          line.rfind("No errors found", 0) != 0 && first.empty())
        first = line;
    throw IndexOpenError(db + ": error: Xapian::Database::check found " + std::to_string(problems) +
                         " problem(s)" + (first.empty() ? std::string() : ": " + first));
  }
}

}  // namespace regkg::index
