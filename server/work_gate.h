// Bounded lanes for expensive work: slow searches (by the query budget's cost estimate) and heavy
// routes (exports, large neighbourhoods and paths) each get a few slots, and a request that finds
// its lane full is refused at once (503 busy, Retry-After) instead of queueing on the Xapian
// handles or the cores: cheap routes (healthz, node, suggest, plain search) always find a worker.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

namespace regkg::server {

class WorkGate {
 public:
  enum class Lane { slow_search, heavy_route };
  // Slots per lane; 0 = that lane is not limited (the gate off).
  WorkGate(unsigned slow_search_slots, unsigned heavy_route_slots);

  // A held slot, given back when the last copy is destroyed (it may outlive the handler: a
  // streamed export keeps it in its content provider).
  using Ticket = std::shared_ptr<void>;
  // A slot of `lane`, or throws ApiError 503 "busy" (details: lane, slots; Retry-After 1 s) when
  // all are held. Never waits. Thread-safe.
  Ticket enter(Lane lane);
  // Slots of `lane` held now (for tests and /healthz). Thread-safe.
  unsigned in_use(Lane lane) const;
  unsigned slots(Lane lane) const { return slots_[index(lane)]; }

  static const char* name(Lane lane);

 private:
  static size_t index(Lane lane) { return static_cast<size_t>(lane); }
  std::array<unsigned, 2> slots_;
  // Shared with the tickets, which may outlive the gate only in theory (a response being sent
  // while the server stops): they hold the counters alive.
  std::shared_ptr<std::array<std::atomic<unsigned>, 2>> used_;
};

}  // namespace regkg::server
