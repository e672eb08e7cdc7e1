#!/usr/bin/env python3
"""A player-like HTTP loop for the failure drills (bench/topology-drills/run.sh), run inside a
client group's namespace with `cdn topology exec GROUP -- python3 player.py ...`.

It behaves as the player page's failover loader (client/.../js/failover.js) does, without a
browser: it asks the broker's GET /api/route/{id}?sid=... for an edge and its alternates, loads the
master and one rendition's playlist from the edge, then requests that rendition's segments in a
cycle on one kept-alive connection per edge. A request that fails or has no head within
--timeout marks its edge failed and is retried at once on the next edge of the answer; the route is
asked again every 10 s (as the page does) and whenever every edge failed. Every request is one JSON
line in --log: epoch ms, path, edge, status, X-Cache, X-Served-By, TTFB and total ms, error.

Modes: `play` (the loop above for --seconds), `walk` (every segment of every rendition once, for
warming caches and counting X-Cache), `route` (ask /api/route every --pace s for --seconds and log
the edge and reason: how long the broker takes to move this client group).
"""
import argparse
import http.client
import json
import sys
import time
import uuid
from urllib.parse import urljoin, urlsplit

REFRESH_S = 10.0


class Done(Exception):
    """--seconds are over (also while the master or a playlist is still being retried)."""


def now_ms():
    return time.time() * 1000.0


class Connections:
    """One kept-alive HTTP/1.1 connection per host:port; dropped on any error."""

    def __init__(self, timeout):
        self.timeout = timeout
        self.open = {}

    def get(self, url):
        parts = urlsplit(url)
        key = parts.netloc
        path = parts.path + ("?" + parts.query if parts.query else "")
        start = time.perf_counter()
        try:
            conn = self.open.get(key)
            if conn is None:
                conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=self.timeout)
                self.open[key] = conn
            conn.request("GET", path, headers={"Accept": "*/*"})
            response = conn.getresponse()
            ttfb = (time.perf_counter() - start) * 1000.0
            body = response.read()
            total = (time.perf_counter() - start) * 1000.0
            if response.getheader("Connection", "").lower() == "close":
                self.drop(key)
            heads = (response.getheader("X-Cache", ""), response.getheader("X-Served-By", ""))
            return response.status, heads, body, ttfb, total, ""
        except Exception as e:  # any failure is a failed request, as a player sees it
            self.drop(key)
            return 0, ("", ""), b"", None, (time.perf_counter() - start) * 1000.0, type(e).__name__

    def drop(self, key):
        conn = self.open.pop(key, None)
        if conn is not None:
            conn.close()


class Player:
    def __init__(self, args, log):
        self.args = args
        self.log = log
        self.http = Connections(args.timeout)
        self.sid = "drill-" + uuid.uuid4().hex[:12]
        self.edges = []
        self.failed = {}
        self.current = 0
        self.routed_at = 0.0
        default = float("inf") if args.mode == "walk" else 20.0
        self.deadline = time.time() + (args.seconds or default)

    def check(self):
        if time.time() >= self.deadline:
            raise Done()

    def route(self):
        url = f"{self.args.broker}/api/route/{self.args.video}?sid={self.sid}"
        status, _, body, ttfb, total, error = self.http.get(url)
        record = {"t": now_ms(), "kind": "route", "status": status, "ms": total, "error": error}
        if status == 200:
            answer = json.loads(body)
            self.edges = [answer["edge"]] + answer.get("alternates", [])
            record.update(edge=answer["edge"]["name"], reason=answer["reason"],
                          alternates=[e["name"] for e in answer.get("alternates", [])])
            self.failed = {n: t for n, t in self.failed.items() if time.time() - t < REFRESH_S}
            healthy = [i for i, e in enumerate(self.edges) if e["name"] not in self.failed]
            self.current = healthy[0] if healthy else 0
        self.routed_at = time.time()
        self.log.write(json.dumps(record) + "\n")
        return status == 200

    def edge_url(self, path):
        return urljoin(self.edges[self.current]["masterUrl"], path)

    def fetch(self, path, kind):
        """One object, failing over along the answer's edges; True when one edge served it."""
        for _ in range(max(1, len(self.edges))):
            edge = self.edges[self.current]["name"]
            status, (xcache, served_by), body, ttfb, total, error = self.http.get(self.edge_url(path))
            self.log.write(json.dumps({"t": now_ms(), "kind": kind, "path": path, "edge": edge,
                                       "status": status, "xcache": xcache, "servedBy": served_by,
                                       "ttfb": ttfb, "ms": total, "error": error}) + "\n")
            if status == 200:
                return body
            self.failed[edge] = time.time()
            self.current = (self.current + 1) % len(self.edges)
        return None

    def playlist(self, path):
        body = self.fetch(path, "playlist")
        if body is None:
            return None
        lines = body.decode().splitlines()
        uris = [l for l in lines if l and not l.startswith("#")]
        maps = [l.split('URI="', 1)[1].split('"', 1)[0] for l in lines if l.startswith("#EXT-X-MAP")]
        base = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        return [base + u for u in maps + uris]

    def start(self):
        while not self.route():
            self.check()
            time.sleep(0.2)
        variants = None
        while variants is None:
            self.check()
            variants = self.playlist("master.m3u8")
        return variants

    def segments(self, variants):
        chosen = variants if self.args.rendition == "all" else [variants[int(self.args.rendition)]]
        paths = []
        for v in chosen:
            listed = None
            while listed is None:
                self.check()
                listed = self.playlist(v)
            paths += listed
        return paths

    def play(self):
        paths = self.segments(self.start())
        i = 0
        while time.time() < self.deadline:
            if time.time() - self.routed_at >= REFRESH_S:
                self.route()
            if self.fetch(paths[i % len(paths)], "segment") is None:
                self.route()
            else:
                i += 1
            time.sleep(self.args.pace)

    def walk(self):
        for path in self.segments(self.start()):
            self.check()
            self.fetch(path, "segment")

    def poll_route(self):
        while time.time() < self.deadline:
            self.route()
            time.sleep(self.args.pace)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("mode", choices=["play", "walk", "route"])
    p.add_argument("--broker", required=True, help="the broker's viewer URL")
    p.add_argument("--video", required=True)
    p.add_argument("--seconds", type=float, help="how long: play and route 20 s, walk unbounded")
    p.add_argument("--pace", type=float, default=0.2, help="pause between requests, s")
    p.add_argument("--timeout", type=float, default=1.0, help="connect and head timeout, s")
    p.add_argument("--rendition", default="0", help="index in the master playlist, or 'all'")
    p.add_argument("--log", required=True)
    args = p.parse_args()
    with open(args.log, "a", buffering=1) as log:
        player = Player(args, log)
        try:
            {"play": player.play, "walk": player.walk, "route": player.poll_route}[args.mode]()
        except Done:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
