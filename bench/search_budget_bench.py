#!/usr/bin/python3
"""Slow searches against cheap ones (issue 22, point 4), the work gate off and on in one run.

Starts `regkg serve` on DATA twice on free ports, first with the gate and the time budget off
(`--slow-search-slots 0 --heavy-route-slots 0 --search-time-budget 0`), then with the defaults;
each time CLIENTS threads send expensive searches (another offset each time, so that none is
answered from the response cache) (ten OR'd phrases of 30 x 的, a phrase of 32,
five OR'd phrases of 32, and a phrase of 330 over the phrase limit) for SECONDS while a probe asks
a cheap search (数据安全, another offset each time) every 250 ms. Prints per mode the probe's
median, 95th percentile and worst latency, probes over 1 s and failed, and what the expensive
searches got (200, 503 busy, 400), and the worst-latency ratio off/on.

With --overhead instead: the cost of the budget for ordinary searches. Two servers at once, both
with --cache-mb 0, one with the gate and the time budget off and one with the defaults; each query
of bench/queries.txt is asked of both in turn (alternating which goes first), one client, ROUNDS
rounds; prints the median and total latency of each and the ratio on/off.

Usage: bench/search_budget_bench.py REGKG DATA [SECONDS=20] [CLIENTS=20]
       bench/search_budget_bench.py --overhead REGKG DATA [ROUNDS=3] [ON_ARG ...]
(ON_ARGS replace the second server's defaults, e.g. `--search-time-budget 0` for the gate alone)
(BENCHMARKS.md, "Search budget")
"""
import http.client
import subprocess
import sys
import threading
import time
import urllib.parse


def de_phrase(n):
    return '"' + "的" * n + '"'


EXPENSIVE = [
    " OR ".join([de_phrase(30)] * 10),
    de_phrase(32),
    " OR ".join([de_phrase(32)] * 5),
    de_phrase(330),
]
CHEAP = urllib.parse.quote("数据安全")


def get(port, target, timeout=60):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", target)
        r = c.getresponse()
        r.read()
        return r.status
    except OSError:
        return 0
    finally:
        c.close()


def serve(regkg, data, extra):
    p = subprocess.Popen([regkg, "serve", "--data", data, "--port", "0"] + extra,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    for _ in range(200):
        if get(port, "/healthz", 2) == 200:
            break
        time.sleep(0.05)
    return p, port


def run(regkg, data, extra, seconds, clients):
    proc, port = serve(regkg, data, extra)
    stop = threading.Event()
    counts = {}
    lock = threading.Lock()

    def client(k):
        i = k
        while not stop.is_set():
            q = EXPENSIVE[i % len(EXPENSIVE)]
            i += 1
            # Another offset each time: no answer comes from the response cache.
            s = get(port, f"/api/v1/search?offset={i % 1000}&q=" + urllib.parse.quote(q))
            with lock:
                counts[s] = counts.get(s, 0) + 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    took, bad = [], 0
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        t0 = time.monotonic()
        s = get(port, f"/api/v1/search?limit=5&offset={i % 50}&q={CHEAP}")
        took.append((time.monotonic() - t0) * 1000)
        bad += s != 200
        i += 1
        time.sleep(0.25)
    stop.set()
    for t in threads:
        t.join()
    proc.terminate()
    proc.wait()
    took.sort()
    return {
        "probes": len(took),
        "median": took[len(took) // 2],
        "p95": took[int(len(took) * 0.95)],
        "worst": took[-1],
        "over_1s": sum(t >= 1000 for t in took),
        "failed": bad,
        "counts": counts,
    }


def timed(port, target):
    t0 = time.monotonic()
    s = get(port, target)
    return (time.monotonic() - t0) * 1000, s


def overhead(regkg, data, rounds, on_args):
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    queries = [q.strip() for q in open(os.path.join(here, "queries.txt"), encoding="utf-8")
               if q.strip()]
    off, port_off = serve(regkg, data, ["--cache-mb", "0", "--slow-search-slots", "0",
                                        "--heavy-route-slots", "0", "--search-time-budget", "0"])
    on, port_on = serve(regkg, data, ["--cache-mb", "0"] + on_args)
    t = {"off": [], "on": []}
    statuses = {}
    for r in range(rounds):
        for k, q in enumerate(queries):
            target = "/api/v1/search?q=" + urllib.parse.quote(q)
            order = [("off", port_off), ("on", port_on)]
            if (k + r) % 2:
                order.reverse()
            for name, port in order:
                ms, s = timed(port, target)
                t[name].append(ms)
                statuses[(name, s)] = statuses.get((name, s), 0) + 1
    off.terminate()
    on.terminate()
    off.wait()
    on.wait()
    for name in ("off", "on"):
        v = sorted(t[name])
        print(f"gate {name}: {len(v)} searches, median {v[len(v) // 2]:.1f} ms, "
              f"p95 {v[int(len(v) * 0.95)]:.1f} ms, total {sum(v) / 1000:.1f} s")
    print("statuses:", {f"{k[0]} {k[1]}": n for k, n in sorted(statuses.items())})
    print(f"total on/off: {sum(t['on']) / sum(t['off']):.3f}")


def main():
    if sys.argv[1] == "--overhead":
        overhead(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 3,
                 sys.argv[5:])
        return
    regkg, data = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 20
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    modes = [("gate off", ["--slow-search-slots", "0", "--heavy-route-slots", "0",
                           "--search-time-budget", "0"]),
             ("gate on (defaults)", [])]
    results = {}
    print(f"{clients} clients of expensive searches, {seconds:.0f} s per mode, probe every 250 ms")
    print("| mode | probes | median ms | p95 ms | worst ms | over 1 s | failed | expensive: 200 / 503 busy / 400 / no answer |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for name, extra in modes:
        r = run(regkg, data, extra, seconds, clients)
        results[name] = r
        c = r["counts"]
        print(f"| {name} | {r['probes']} | {r['median']:.0f} | {r['p95']:.0f} | {r['worst']:.0f} | "
              f"{r['over_1s']} | {r['failed']} | {c.get(200, 0)} / {c.get(503, 0)} / "
              f"{c.get(400, 0)} / {c.get(0, 0)} |", flush=True)
    off, on = results["gate off"]["worst"], results["gate on (defaults)"]["worst"]
    print(f"worst probe latency off/on: {off / max(on, 1):.1f}x")


if __name__ == "__main__":
    main()
