// Tests for CorpusFollower's hand-over (the whole of `serve --follow` runs against the real binary
// in tests/server/test_follow.cpp): the snapshot opened on its thread, or why it could not be.
#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>

#include "ingest/corpus_follower.h"

using regkg::ingest::CorpusFollower;

TEST_CASE("corpus follower: a failed open is rethrown by snapshot() and join returns") {
  CorpusFollower follower(
      []() -> CorpusFollower::Snapshot { throw std::runtime_error("error: no current snapshot"); });
  CHECK_THROWS_WITH_AS(follower.snapshot(), "error: no current snapshot", std::runtime_error);
  follower.join();
}

TEST_CASE("corpus follower: the snapshot is opened on the follower thread") {
  std::thread::id opened_on;
  CorpusFollower follower([&opened_on] {
    opened_on = std::this_thread::get_id();
    return CorpusFollower::Snapshot();
  });
  CHECK(follower.snapshot() == nullptr);
  CHECK(opened_on != std::this_thread::get_id());
  follower.join();  // never given work: the thread ends at once
}
