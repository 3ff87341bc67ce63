#!/usr/bin/env python3
"""Holds many hostile connections against an HTTP server and probes /healthz meanwhile (issue 22,
"connection exhaustion"). Used by tests/deploy/test_connection_exhaustion.sh and, against regkg
alone, by bench/connection_exhaustion.sh.

Three kinds of connection, each reopened as soon as the server closes it (as an attacker would):
  idle       connects and sends nothing;
  keepalive  sends `GET /healthz`, reads the answer, stays open, and asks again every few seconds;
  slowloris  sends a request line and then one more header line every few seconds, never ending
             the head.
They come from --sources loopback addresses (127.0.0.2 …), the probes from --probe-source
(127.0.0.1). After the connections are opened, a probe every --probe-interval seconds opens a new
connection, sends `GET /healthz` and times the whole answer (status 200 needed; --probe-timeout
counts as a failure). Prints one line:
  FLOOD_RESULT probes=N failed=N max_ms=… p50_ms=… p95_ms=… held_min=N held_avg=N target=N
               reopened=N keepalive_answers=N
(held_*: attack connections open at the probe moments; reopened: closed by the server and opened
again) and, with --verbose, one line per probe.
"""
import argparse
import errno
import resource
import selectors
import socket
import sys
import threading
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--idle", type=int, default=0)
    p.add_argument("--keepalive", type=int, default=0)
    p.add_argument("--slowloris", type=int, default=0)
    p.add_argument("--hold", type=float, default=30, help="seconds of probing once opened")
    p.add_argument("--ramp", type=float, default=5, help="seconds to open the connections in")
    p.add_argument("--sources", type=int, default=16, help="loopback source addresses")
    p.add_argument("--probe-source", default="127.0.0.1")
    p.add_argument("--probe-interval", type=float, default=0.5)
    p.add_argument("--probe-timeout", type=float, default=10)
    p.add_argument("--interval", type=float, default=3, help="keep-alive / slowloris resend period")
    p.add_argument("--verbose", action="store_true")
    return p.parse_args()


class Attacker:
    """One hostile connection; reopened whenever it closes."""

    REQUEST = b"GET /healthz HTTP/1.1\r\nHost: flood\r\nUser-Agent: connection_flood\r\n\r\n"

    def __init__(self, flood, kind, source):
        self.flood, self.kind, self.source = flood, kind, source
        self.sock, self.connected, self.next_send, self.lines = None, False, 0.0, 0

    def open(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        try:
            s.bind((self.source, 0))
            s.connect((self.flood.args.host, self.flood.args.port))
        except BlockingIOError:
            pass
        except OSError:
            s.close()
            self.sock, self.connected = None, False
            self.next_send = time.monotonic() + 0.2  # retry later
            return
        self.sock, self.connected, self.lines = s, False, 0
        self.flood.sel.register(s, selectors.EVENT_WRITE, self)

    def close(self, reopen=True):
        if self.sock is not None:
            try:
                self.flood.sel.unregister(self.sock)
            except (KeyError, ValueError):
                pass
            self.sock.close()
        if self.connected and reopen:
            self.flood.reopened += 1
        self.sock, self.connected = None, False
        self.next_send = time.monotonic() + 0.05

    def on_event(self, mask):
        if not self.connected:
            err = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                self.close()
                return
            self.connected = True
            self.flood.sel.modify(self.sock, selectors.EVENT_READ, self)
            self.next_send = time.monotonic()
            self.tick(time.monotonic())
            return
        try:
            data = self.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self.close()
        elif self.kind == "keepalive":
            self.flood.keepalive_answers += data.count(b"HTTP/1.1 ")

    def send(self, data):
        try:
            self.sock.send(data)
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self.close()

    def tick(self, now):
        if self.sock is None:
            if now >= self.next_send:
                self.open()
            return
        if not self.connected or now < self.next_send:
            return
        a = self.flood.args
        if self.kind == "keepalive":
            self.send(self.REQUEST)
            self.next_send = now + a.interval
        elif self.kind == "slowloris":
            if self.lines == 0:
                self.send(b"GET /healthz HTTP/1.1\r\nHost: flood\r\n")
            else:
                self.send(b"X-Slow-%d: a\r\n" % self.lines)
            self.lines += 1
            self.next_send = now + a.interval
        else:
            self.next_send = now + 3600


class Flood:
    def __init__(self, args):
        self.args = args
        self.sel = selectors.DefaultSelector()
        self.reopened = self.keepalive_answers = 0
        self.attackers = []
        kinds = ["idle"] * args.idle + ["keepalive"] * args.keepalive + ["slowloris"] * args.slowloris
        # Interleaved, so every kind is present early in the ramp.
        order = sorted(range(len(kinds)), key=lambda i: (i * 7919) % len(kinds))
        for n, i in enumerate(order):
            source = "127.0.0.%d" % (2 + n % max(1, args.sources))
            self.attackers.append(Attacker(self, kinds[i], source))
        self.stop = False

    def held(self):
        # Read from the probe thread without a lock: a stale count by one is good enough.
        return sum(1 for a in self.attackers if a.connected)

    def run(self):
        start = time.monotonic()
        ramp = max(self.args.ramp, 0.001)
        opened, last_tick = 0, 0.0
        while not self.stop:
            now = time.monotonic()
            due = min(len(self.attackers), int(len(self.attackers) * (now - start) / ramp) + 1)
            while opened < due:
                self.attackers[opened].open()
                opened += 1
            for key, mask in self.sel.select(timeout=0.05):
                key.data.on_event(mask)
            # Timers (resends, reopening) in 0.2 s steps: ticking thousands of connections every
            # loop would take the CPU the servers under test need.
            if now - last_tick >= 0.2 or opened < len(self.attackers):
                last_tick = now
                for a in self.attackers[:opened]:
                    a.tick(now)


def probe(args):
    """One /healthz on a new connection: (milliseconds, ok, note)."""
    t0 = time.monotonic()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(args.probe_timeout)
    try:
        s.bind((args.probe_source, 0))
        s.connect((args.host, args.port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        ms = (time.monotonic() - t0) * 1000
        status = data.split(b"\r\n", 1)[0].decode("latin-1", "replace")
        ok = status.startswith("HTTP/1.1 200") and b'"snapshot"' in data
        return ms, ok, status
    except OSError as e:
        return (time.monotonic() - t0) * 1000, False, type(e).__name__ + ": " + str(e)
    finally:
        s.close()


def main():
    args = parse_args()
    total = args.idle + args.keepalive + args.slowloris
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = total + 256
    if soft < want:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
        except (ValueError, OSError):
            pass
        if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < want:
            print("REGKG-SKIP: connection_flood needs %d file descriptors, ulimit -n allows %d"
                  % (want, resource.getrlimit(resource.RLIMIT_NOFILE)[0]))
            return 0
    flood = Flood(args)
    thread = threading.Thread(target=flood.run, daemon=True)
    thread.start()
    time.sleep(args.ramp + 1)
    results, held = [], []
    end = time.monotonic() + args.hold
    while time.monotonic() < end:
        t = time.monotonic()
        h = flood.held()
        ms, ok, note = probe(args)
        results.append((ms, ok))
        held.append(h)
        if args.verbose:
            print("probe %.1f ms %s held=%d %s" % (ms, "ok" if ok else "FAILED", h, note), flush=True)
        time.sleep(max(0.0, args.probe_interval - (time.monotonic() - t)))
    flood.stop = True
    thread.join(2)
    lat = sorted(ms for ms, _ in results)
    pick = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else 0
    print("FLOOD_RESULT probes=%d failed=%d max_ms=%.1f p50_ms=%.1f p95_ms=%.1f held_min=%d "
          "held_avg=%d target=%d reopened=%d keepalive_answers=%d"
          % (len(results), sum(1 for _, ok in results if not ok), lat[-1] if lat else 0, pick(0.5),
             pick(0.95), min(held) if held else 0, sum(held) // max(1, len(held)), total,
             flood.reopened, flood.keepalive_answers), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
