// Checking an index before it is served: every Xapian database the Searcher would open is run
// through Xapian::Database::check, which reads every block of every table. A database that opens
// can still be damaged past its first blocks (a truncated postlist.glass opened fine and then
// failed half the searches, issue 22 item 2); the server checks a snapshot before it swaps it in.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace regkg::index {

// The Xapian databases of the index in `db_dir`, in the order the Searcher combines them: the
// layers of layers.json, else the shard-N folders, else `db_dir` itself. Throws IndexOpenError
// for a malformed layers.json.
std::vector<std::string> index_databases(const std::filesystem::path& db_dir);

// The shard-N folders of an index written without layers.json, sorted; empty when there are none.
std::vector<std::string> shard_databases(const std::filesystem::path& db_dir);

// Checks every database of the index in `db_dir` (see above). Throws IndexOpenError naming the
// database, the Xapian error class and message, or the number of problems found and the first
// of them. Reads the whole index (about as long as copying it); safe while it is being served.
void check_index(const std::filesystem::path& db_dir);

}  // namespace regkg::index
