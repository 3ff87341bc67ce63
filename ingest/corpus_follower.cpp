// CorpusFollower: `regkg serve --follow`'s ingest thread (see corpus_follower.h).
#include "ingest/corpus_follower.h"

#include <exception>
#include <utility>

#include "snapshot/snapshot_store.h"

namespace regkg::ingest {

CorpusFollower::CorpusFollower(std::function<Snapshot()> open)
    : thread_([this, open = std::move(open)] {
        try {
          opened_.set_value(open());
        } catch (...) {
          opened_.set_exception(std::current_exception());
          return;
        }
        if (auto work = work_future_.get()) work();
      }) {}

CorpusFollower::~CorpusFollower() { join(); }

CorpusFollower::Snapshot CorpusFollower::snapshot() { return opened_future_.get(); }

void CorpusFollower::run(std::function<void()> work) {
  given_ = true;
  work_.set_value(std::move(work));
}

void CorpusFollower::join() {
  if (!given_) run(nullptr);
  if (thread_.joinable()) thread_.join();
}

void CorpusFollower::follow(FollowOptions options, FollowTarget target, std::ostream& log,
                            const std::atomic<bool>& stop) {
  run([options = std::move(options), target = std::move(target), &log, &stop]() mutable {
    const size_t pool = options.searcher_pool_size;
    const std::filesystem::path data = options.ingest.data_dir;
    options.ingest.on_index_ready = [&target, pool](
                                        const std::filesystem::path& staging,
                                        std::shared_ptr<const graph::KnowledgeGraph> g) {
      // The ingest's graph writer is building the graph's traversal indexes meanwhile.
      target.install(snapshot::open_snapshot_with_graph(staging, std::move(g), pool,
                                                        /*build_graph_indexes=*/false));
    };
    options.watch.on_failure = [&target] { target.reload(/*force=*/true); };
    options.watch.on_commit = [&target, &log, pool, data](const IngestSummary& s) {
      try {
        const std::filesystem::path dir = snapshot::SnapshotStore(data).snapshot_dir(s.snapshot_id);
        target.install(snapshot::open_snapshot_with_graph(dir, s.graph, pool));
      } catch (const std::exception& e) {
        log << e.what() << "\nregkg serve: reloading " << s.snapshot_id << " from disk"
            << std::endl;
        target.reload(/*force=*/false);
      }
    };
    run_watch(options.ingest, options.watch, log, stop);
  });
}

}  // namespace regkg::ingest
