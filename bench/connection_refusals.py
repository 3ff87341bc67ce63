#!/usr/bin/env python3
"""How long regkg's per-client connection cap takes to refuse (issue 22: "each 503 refusal holds a
worker up to 200 ms"). Against a `regkg serve --threads 4 --max-client-connections 2` on PORT:
holds 2 connections from 127.0.0.2, then opens N more from it that each send a request and keep
the socket open (so a refusal that drains before closing waits), reads their 503s, and times a
/healthz probe from 127.0.0.1 made right after them. Prints one line.
Usage: bench/connection_refusals.py PORT [N=100]   (BENCHMARKS.md, "Connection exhaustion")
"""
import socket
import sys
import time


def main():
    port = int(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    held = []
    for _ in range(2):
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.connect(("127.0.0.1", port))
        held.append(s)
    time.sleep(0.3)
    t0 = time.monotonic()
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.settimeout(10)
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        socks.append(s)
    t = time.monotonic()
    probe = socket.create_connection(("127.0.0.1", port), timeout=30)
    probe.sendall(b"GET /healthz HTTP/1.1\r\nHost: p\r\nConnection: close\r\n\r\n")
    while probe.recv(65536):
        pass
    probe_ms = (time.monotonic() - t) * 1000
    refused = 0
    for s in socks:
        try:
            refused += s.recv(4096).startswith(b"HTTP/1.1 503")
        except OSError:
            pass
    print("refusals_503=%d of %d in %.0f ms; /healthz probe after them %.0f ms"
          % (refused, n, (time.monotonic() - t0) * 1000, probe_ms))


if __name__ == "__main__":
    main()
