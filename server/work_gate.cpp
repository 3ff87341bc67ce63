// WorkGate: a counter per lane, taken with a compare-and-swap and given back by the ticket.
#include "server/work_gate.h"

#include "server/api_error.h"

namespace regkg::server {

WorkGate::WorkGate(unsigned slow_search_slots, unsigned heavy_route_slots)
    : slots_{slow_search_slots, heavy_route_slots},
      used_(std::make_shared<std::array<std::atomic<unsigned>, 2>>()) {
  for (auto& u : *used_) u.store(0);
}

const char* WorkGate::name(Lane lane) {
  return lane == Lane::slow_search ? "slow_search" : "heavy_route";
}

WorkGate::Ticket WorkGate::enter(Lane lane) {
  const size_t i = index(lane);
  if (slots_[i] == 0) return nullptr;  // not limited
  auto& used = (*used_)[i];
  unsigned now = used.load();
  do {
    if (now >= slots_[i])
      throw ApiError(
          503, "busy",
          std::string("the server is busy with other ") +
              (lane == Lane::slow_search ? "slow searches" : "heavy requests") + " (" +
              std::to_string(slots_[i]) + " at a time); retry in a second",
          {{"lane", name(lane)}, {"slots", std::to_string(slots_[i])}, {"retry_after", "1"}});
  } while (!used.compare_exchange_weak(now, now + 1));
  auto counters = used_;
  // The deleter gives the slot back; the pointer itself is only a non-null token.
  return Ticket(counters.get(), [counters, i](void*) { (*counters)[i].fetch_sub(1); });
}

unsigned WorkGate::in_use(Lane lane) const { return (*used_)[index(lane)].load(); }

}  // namespace regkg::server
