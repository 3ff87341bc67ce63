#!/usr/bin/python3
"""Sequential request timing over one keep-alive connection, for bench/cost_curve.sh.

Usage: cost_curve_http.py --url http://127.0.0.1:PORT --paths FILE [--rounds 3]

FILE holds one request target a line (/api/v1/neighborhood?id=…). One untimed pass checks that
every answer is 200 (and warms the page cache), then ROUNDS timed passes; each request's time is
the median of its rounds. Prints one line:
  HTTP n=<requests> p50_ms=… p99_ms=… mean_ms=… max_ms=… bytes_mean=…
Exits 1 if any answer is not 200. Loopback only; the server should run with --cache-mb 0.
"""
import argparse
import http.client
import statistics
import sys
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--paths", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    u = urllib.parse.urlsplit(args.url)
    with open(args.paths, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)

    def get(path):
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Connection": "keep-alive"})
        r = conn.getresponse()
        body = r.read()
        return r.status, time.perf_counter() - t0, len(body)

    sizes = []
    for p in paths:
        status, _, size = get(p)
        if status != 200:
            print(f"cost_curve_http: {status} for {p}", file=sys.stderr)
            sys.exit(1)
        sizes.append(size)
    per = [[] for _ in paths]
    for _ in range(args.rounds):
        for i, p in enumerate(paths):
            status, t, _ = get(p)
            if status != 200:
                print(f"cost_curve_http: {status} for {p}", file=sys.stderr)
                sys.exit(1)
            per[i].append(t * 1000)
    med = sorted(statistics.median(x) for x in per)
    n = len(med)
    p50 = med[int(n * 0.5 + 0.5) - 1] if n else 0
    p99 = med[min(n - 1, int(n * 0.99 + 0.5) - 1)] if n else 0
    print(f"HTTP n={n} p50_ms={p50:.3f} p99_ms={p99:.3f} mean_ms={statistics.mean(med):.3f} "
          f"max_ms={med[-1]:.3f} bytes_mean={statistics.mean(sizes):.0f}")


if __name__ == "__main__":
    main()
