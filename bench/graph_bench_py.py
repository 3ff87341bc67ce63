#!/usr/bin/python3
"""The igraph and NetworkX side of bench/graph_bench.sh, over regkg's GraphML export.

  graph_bench_py.py sample GRAPHML OUTDIR [--seeds 200] [--pairs 200] [--random-seed 42]
      writes OUTDIR/seeds.txt (node ids, varied degree) and OUTDIR/pairs.tsv (from<TAB>to)
  graph_bench_py.py run {igraph,networkx} GRAPHML OUTDIR [--reps 5] [--pagerank-reps 3]
      answers the same queries as bench/graph_bench.cpp and writes OUTDIR/answers-LIB.tsv;
      prints "TIME <query> <median us/query> <min us/query> <queries> <reps>" lines
  graph_bench_py.py compare OUTDIR LIB...
      checks that every library's answers agree with regkg's (answers-regkg.tsv); exit 1 if not

The queries, the same for all three libraries:
  nbhd2     all nodes within 2 hops of a seed, edges walked in either direction (size compared)
  path      one shortest path between two nodes, edges walked in either direction, at most
            8 hops (regkg's cap; longer or no path = -1) (length compared)
  pagerank  PageRank of the whole directed graph (parallel edges counted), damping 0.85,
            uniform teleport and dangling mass; regkg and NetworkX iterate from the uniform
            vector until the L1 change of a step is < 1e-9 (NetworkX's tol is per node, so
            tol = 1e-9 / N), igraph solves with PRPACK (its default, tolerance 1e-10)
            (top-10 order compared)
Only /usr/bin/python3 with Debian's python3-igraph and python3-networkx.
"""
import random
import statistics
import sys
import time

MAX_PATH = 8


def load_igraph(path):
    import igraph
    t0 = time.perf_counter()
    g = igraph.Graph.Read_GraphML(path)
    print(f"LOAD igraph {time.perf_counter() - t0:.3f} s, {g.vcount()} nodes, {g.ecount()} edges",
          flush=True)
    return g


def sample(graphml, outdir, n_seeds=200, n_pairs=200, rseed=42):
    g = load_igraph(graphml)
    rnd = random.Random(rseed)
    ids = g.vs["id"]
    degree = g.degree(mode="all")
    order = sorted(range(g.vcount()), key=lambda v: (degree[v], ids[v]))
    # Seeds of varied degree: equal numbers from each of ten degree bands, plus the ten
    # highest-degree nodes (hubs such as jurisdictions, whose 2-hop neighbourhood is large).
    seeds = [order[-1 - i] for i in range(10)]
    per_band = (n_seeds - len(seeds)) // 10
    n = len(order)
    for b in range(10):
        band = order[b * n // 10:(b + 1) * n // 10]
        seeds += rnd.sample(band, per_band)
    seeds = seeds[:n_seeds]
    # Pairs: half uniformly random (often far apart or unconnected), half joined by a random walk
    # of 2-8 steps over either direction (near each other).
    pairs = []
    while len(pairs) < n_pairs // 2:
        a, b = rnd.randrange(n), rnd.randrange(n)
        if a != b:
            pairs.append((a, b))
    while len(pairs) < n_pairs:
        a = rnd.randrange(n)
        v = a
        for _ in range(rnd.randint(2, 8)):
            nb = g.neighbors(v, mode="all")
            if not nb:
                break
            v = rnd.choice(nb)
        if v != a:
            pairs.append((a, v))
    with open(f"{outdir}/seeds.txt", "w", encoding="utf-8") as f:
        for v in seeds:
            f.write(ids[v] + "\n")
    with open(f"{outdir}/pairs.tsv", "w", encoding="utf-8") as f:
        for a, b in pairs:
            f.write(f"{ids[a]}\t{ids[b]}\n")
    degs = sorted(degree[v] for v in seeds)
    print(f"seeds: {len(seeds)} (degree min {degs[0]}, median {degs[len(degs) // 2]}, "
          f"max {degs[-1]}); pairs: {len(pairs)}")


def time_batches(reps, queries, batch):
    per_query = []
    for _ in range(reps):
        t0 = time.perf_counter()
        batch()
        per_query.append((time.perf_counter() - t0) * 1e6 / queries)
    return statistics.median(per_query), min(per_query)


def report(name, t, queries, reps):
    print(f"TIME {name} {t[0]:.3f} {t[1]:.3f} {queries} {reps}", flush=True)


def read_queries(outdir):
    with open(f"{outdir}/seeds.txt", encoding="utf-8") as f:
        seeds = [line.rstrip("\n") for line in f if line.strip()]
    with open(f"{outdir}/pairs.tsv", encoding="utf-8") as f:
        pairs = [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]
    return seeds, pairs


def run_igraph(graphml, outdir, reps, pagerank_reps):
    g = load_igraph(graphml)
    index = {name: i for i, name in enumerate(g.vs["id"])}
    ids = g.vs["id"]
    seed_ids, pair_ids = read_queries(outdir)
    seeds = [index[s] for s in seed_ids]
    pairs = [(index[a], index[b]) for a, b in pair_ids]

    def nbhd(v):
        return g.neighborhood(v, order=2, mode="all")

    def path(a, b):
        p = g.get_shortest_paths(a, to=b, mode="all", output="vpath")[0]
        return len(p) - 1 if p else -1

    def pagerank():
        return g.pagerank(directed=True, damping=0.85)

    with open(f"{outdir}/answers-igraph.tsv", "w", encoding="utf-8") as f:
        for v in seeds:
            f.write(f"nbhd\t{ids[v]}\t{len(nbhd(v))}\n")
        for a, b in pairs:
            d = path(a, b)
            f.write(f"path\t{ids[a]}\t{ids[b]}\t{d if d <= MAX_PATH else -1}\n")
        pr = pagerank()
        top = sorted(range(len(pr)), key=lambda v: -pr[v])[:10]
        for i, v in enumerate(top):
            f.write(f"pagerank\t{i + 1}\t{ids[v]}\t{pr[v]:.12g}\n")
    report("nbhd2", time_batches(reps, len(seeds), lambda: [nbhd(v) for v in seeds]),
           len(seeds), reps)
    report("path", time_batches(reps, len(pairs), lambda: [path(a, b) for a, b in pairs]),
           len(pairs), reps)
    report("pagerank", time_batches(pagerank_reps, 1, pagerank), 1, pagerank_reps)


def run_networkx(graphml, outdir, reps, pagerank_reps):
    import networkx as nx
    t0 = time.perf_counter()
    g = nx.read_graphml(graphml)  # a MultiDiGraph keyed by the GraphML node id (= regkg id)
    print(f"LOAD networkx {time.perf_counter() - t0:.3f} s, {g.number_of_nodes()} nodes, "
          f"{g.number_of_edges()} edges", flush=True)
    t0 = time.perf_counter()
    # Traversals walk edges either way: give NetworkX a plain undirected copy once (its fastest
    # form for BFS), not a view that merges successors and predecessors on every step.
    ug = nx.Graph(g)
    print(f"PREP networkx undirected copy {time.perf_counter() - t0:.3f} s", flush=True)
    n = g.number_of_nodes()
    seeds, pairs = read_queries(outdir)

    def nbhd(v):
        return nx.single_source_shortest_path_length(ug, v, cutoff=2)

    def path(a, b):
        try:
            return len(nx.shortest_path(ug, a, b)) - 1
        except nx.NetworkXNoPath:
            return -1

    def pagerank():
        return nx.pagerank(g, alpha=0.85, tol=1e-9 / n, max_iter=1000)

    with open(f"{outdir}/answers-networkx.tsv", "w", encoding="utf-8") as f:
        for v in seeds:
            f.write(f"nbhd\t{v}\t{len(nbhd(v))}\n")
        for a, b in pairs:
            d = path(a, b)
            f.write(f"path\t{a}\t{b}\t{d if d <= MAX_PATH else -1}\n")
        pr = pagerank()
        top = sorted(pr, key=lambda v: -pr[v])[:10]
        for i, v in enumerate(top):
            f.write(f"pagerank\t{i + 1}\t{v}\t{pr[v]:.12g}\n")
    report("nbhd2", time_batches(reps, len(seeds), lambda: [nbhd(v) for v in seeds]),
           len(seeds), reps)
    report("path", time_batches(reps, len(pairs), lambda: [path(a, b) for a, b in pairs]),
           len(pairs), reps)
    report("pagerank", time_batches(pagerank_reps, 1, pagerank), 1, pagerank_reps)


def read_answers(path):
    nbhd, paths, top = {}, {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "nbhd":
                nbhd[parts[1]] = int(parts[2])
            elif parts[0] == "path":
                paths[(parts[1], parts[2])] = int(parts[3])
            elif parts[0] == "pagerank":
                top.append((parts[2], float(parts[3])))
    return nbhd, paths, top


def compare(outdir, libs):
    ref_nbhd, ref_paths, ref_top = read_answers(f"{outdir}/answers-regkg.tsv")
    ok = True
    for lib in libs:
        nbhd, paths, top = read_answers(f"{outdir}/answers-{lib}.tsv")
        bad_n = [k for k in ref_nbhd if nbhd.get(k) != ref_nbhd[k]]
        bad_p = [k for k in ref_paths if paths.get(k) != ref_paths[k]]
        # Top-10 order: the same ids in the same order, and scores within 1e-6 relative.
        same_order = [i for i, _ in top] == [i for i, _ in ref_top]
        max_rel = max(abs(a[1] - b[1]) / b[1] for a, b in zip(top, ref_top)) if top else 1.0
        lengths = sorted(ref_paths.values())
        print(f"AGREE {lib}: neighbourhood sizes {len(ref_nbhd) - len(bad_n)}/{len(ref_nbhd)}, "
              f"path lengths {len(ref_paths) - len(bad_p)}/{len(ref_paths)}, "
              f"pagerank top-10 order {'same' if same_order else 'DIFFERENT'} "
              f"(max relative score difference {max_rel:.2e})")
        for k in bad_n[:5]:
            print(f"  nbhd {k}: regkg {ref_nbhd[k]}, {lib} {nbhd.get(k)}")
        for k in bad_p[:5]:
            print(f"  path {k}: regkg {ref_paths[k]}, {lib} {paths.get(k)}")
        if bad_n or bad_p or not same_order or max_rel > 1e-6:
            ok = False
    sizes = sorted(ref_nbhd.values())
    lengths = sorted(ref_paths.values())
    print(f"QUERIES 2-hop sizes min {sizes[0]}, median {sizes[len(sizes) // 2]}, max {sizes[-1]}, "
          f"sum {sum(sizes)}; path lengths: "
          + ", ".join(f"{d if d >= 0 else 'none'}: {lengths.count(d)}"
                      for d in sorted(set(lengths))))
    return ok


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    opts = {"--seeds": 200, "--pairs": 200, "--random-seed": 42, "--reps": 5,
            "--pagerank-reps": 3}
    args = []
    i = 1
    while i < len(argv):
        if argv[i] in opts:
            opts[argv[i]] = int(argv[i + 1])
            i += 2
        else:
            args.append(argv[i])
            i += 1
    if args[0] == "sample":
        sample(args[1], args[2], opts["--seeds"], opts["--pairs"], opts["--random-seed"])
    elif args[0] == "run" and args[1] == "igraph":
        run_igraph(args[2], args[3], opts["--reps"], opts["--pagerank-reps"])
    elif args[0] == "run" and args[1] == "networkx":
        run_networkx(args[2], args[3], opts["--reps"], opts["--pagerank-reps"])
    elif args[0] == "compare":
        return 0 if compare(args[1], args[2:]) else 1
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
