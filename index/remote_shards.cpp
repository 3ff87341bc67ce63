// RemoteShards: parsing host:port lists, opening xapian-tcpsrv shards, naming the one that failed.
#include "index/remote_shards.h"

#include <charconv>

namespace regkg::index {

namespace {

RemoteShard parse_one(const std::string& entry) {
  auto bad = [&entry](const std::string& why) {
    return std::invalid_argument("remote shard '" + entry + "': " + why +
                                 " (expected host:port, e.g. 127.0.0.1:7001)");
  };
  const size_t colon = entry.rfind(':');
  if (colon == std::string::npos || colon == 0) throw bad("no host:port");
  RemoteShard shard;
  shard.host = entry.substr(0, colon);
  if (shard.host.size() > 2 && shard.host.front() == '[' && shard.host.back() == ']')
    shard.host = shard.host.substr(1, shard.host.size() - 2);
  const std::string port = entry.substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value == 0 ||
      value > 65535)
    throw bad("port '" + port + "' is not a number from 1 to 65535");
  shard.port = value;
  return shard;
}

Xapian::Database open_shard(const RemoteShard& shard, const RemoteShards& remote) {
  try {
    return Xapian::Remote::open(shard.host, shard.port, remote.timeout_ms,
                                remote.connect_timeout_ms);
  } catch (const Xapian::NetworkError& e) {
    throw ShardUnavailableError("index shard " + shard.name() + " is unavailable: " + e.get_msg(),
                                shard.name());
  }
}

}  // namespace

std::vector<RemoteShard> parse_remote_shards(const std::string& list) {
  std::vector<RemoteShard> shards;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string entry = list.substr(start, comma - start);
    while (!entry.empty() && entry.front() == ' ') entry.erase(entry.begin());
    while (!entry.empty() && entry.back() == ' ') entry.pop_back();
    if (entry.empty()) throw std::invalid_argument("remote shards '" + list + "': empty entry");
    shards.push_back(parse_one(entry));
    start = comma + 1;
  }
  return shards;
}

Xapian::Database open_remote_shard(const RemoteShard& shard, const RemoteShards& remote) {
  return open_shard(shard, remote);
}

Xapian::Database open_remote_shards(const RemoteShards& remote) {
  Xapian::Database db;
  for (const RemoteShard& shard : remote.shards) db.add_database(open_shard(shard, remote));
  return db;
}

ShardUnavailableError shard_error(const Xapian::NetworkError& e, const RemoteShards& remote) {
  // Xapian's remote backend names its connection "remote:tcp(host:port)" in the context.
  const std::string context = e.get_context();
  const std::string open = "remote:tcp(";
  std::string name;
  if (context.rfind(open, 0) == 0 && context.back() == ')')
    name = context.substr(open.size(), context.size() - open.size() - 1);
  if (name.empty()) {
    // No context (the connection closed under a read): the shard that refuses a connection now.
    for (const RemoteShard& shard : remote.shards) {
      try {
        open_shard(shard, remote);
      } catch (const ShardUnavailableError&) {
        name = shard.name();
        break;
      }
    }
  }
  if (name.empty()) name = "unknown";
  return ShardUnavailableError("index shard " + name + " is unavailable: " + e.get_msg(), name);
}

}  // namespace regkg::index
