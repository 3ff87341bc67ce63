// The index served by xapian-tcpsrv processes instead of read from the snapshot's folder: one
// remote shard (host:port) per layer of the snapshot's index, in the order of layers.json, opened
// with Xapian's remote backend and combined as one database. The graph stays in the server.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

namespace regkg::index {

struct RemoteShard {
  std::string host;
  unsigned port = 0;
  std::string name() const { return host + ":" + std::to_string(port); }  // "host:port"
};

struct RemoteShards {
  std::vector<RemoteShard> shards;  // one per index layer, in the layers' order; empty = local
  // The longest wait for one answer of a shard, and for a connection to it: a shard that is down
  // or hung costs a search at most this long before ShardUnavailableError.
  unsigned timeout_ms = 5000;
  unsigned connect_timeout_ms = 2000;
  bool empty() const { return shards.empty(); }
};

// A shard could not be reached or broke off while answering. shard() is "host:port" (or
// "unknown" when Xapian did not say which one of the shards failed).
class ShardUnavailableError : public std::runtime_error {
 public:
  ShardUnavailableError(const std::string& message, std::string shard)
      : std::runtime_error(message), shard_(std::move(shard)) {}
  const std::string& shard() const { return shard_; }

 private:
  std::string shard_;
};

// "host:port,host:port" (an IPv6 host in brackets: "[::1]:7000") -> shards, in that order.
// Throws std::invalid_argument naming the malformed entry.
std::vector<RemoteShard> parse_remote_shards(const std::string& list);

// Opens every shard and combines them, in order. Throws ShardUnavailableError naming the first
// shard that cannot be reached within the connect timeout.
Xapian::Database open_remote_shards(const RemoteShards& remote);

// Opens one shard alone (to read its metadata and document count). Throws ShardUnavailableError.
Xapian::Database open_remote_shard(const RemoteShard& shard, const RemoteShards& remote);

// The ShardUnavailableError for a Xapian::NetworkError raised while using `remote`'s combined
// database: the shard named in the error's context ("remote:tcp(host:port)"), or, when the
// context is empty (a connection closed under a read), the first shard that does not accept a
// connection now.
ShardUnavailableError shard_error(const Xapian::NetworkError& e, const RemoteShards& remote);

}  // namespace regkg::index
