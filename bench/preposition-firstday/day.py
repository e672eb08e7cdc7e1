#!/usr/bin/env python3
"""One "day" of viewer sessions for bench/preposition-firstday/run.sh, played as the player page
does it, without a browser: ask the broker's GET /api/route/{id}?sid=... for an edge, load the
signed master playlist from it, pick one rendition, load its playlist, init segment and media
segments in order on one kept-alive connection, and stop after a segment with probability
1 - --keep-watching (viewers leave early: the head of a title is watched more than its tail).

Popularity: title ranks follow Zipf(--zipf) over --titles, ranked by a fixed permutation of the
given ids (--rank-seed, the same every day, so yesterday's popular titles are today's); --seed
draws the sessions, renditions and departures, so two runs with one seed make the same requests.
Rendition: the highest bandwidth for half of the sessions, the next for a third, the rest the
lowest (a short ladder gives its rungs the shares in that order).

Writes --out: per title the bytes and requests of every response and those with X-Cache HIT, and
the errors (a status other than 200, or no answer). Prints one line.
"""
import argparse
import http.client
import json
import random
import sys
import time
from urllib.parse import urljoin, urlsplit

RENDITION_SHARES = (0.5, 0.33, 0.17)


class Connections:
    """One kept-alive HTTP/1.1 connection per host:port; dropped on any error."""

    def __init__(self, timeout):
        self.timeout = timeout
        self.open = {}

    def get(self, url, headers=None):
        parts = urlsplit(url)
        path = parts.path + ("?" + parts.query if parts.query else "")
        try:
            conn = self.open.get(parts.netloc)
            if conn is None:
                conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=self.timeout)
                self.open[parts.netloc] = conn
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            body = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.drop(parts.netloc)
            return response.status, response.getheader("X-Cache", ""), body
        except (OSError, http.client.HTTPException) as e:
            self.drop(parts.netloc)
            return 0, type(e).__name__, b""

    def drop(self, key):
        conn = self.open.pop(key, None)
        if conn is not None:
            conn.close()


def variants(master):
    """(bandwidth, uri) of every EXT-X-STREAM-INF, highest first."""
    out, bandwidth = [], None
    for line in master.splitlines():
        if line.startswith("#EXT-X-STREAM-INF:"):
            attrs = dict(a.split("=", 1) for a in line.split(":", 1)[1].split(",") if "=" in a)
            bandwidth = int(attrs.get("BANDWIDTH", "0"))
        elif line and not line.startswith("#") and bandwidth is not None:
            out.append((bandwidth, line.strip()))
            bandwidth = None
    return sorted(out, reverse=True)


def media(playlist):
    """(init uri or None, [segment uris]) of a media playlist."""
    init, segments = None, []
    for line in playlist.splitlines():
        if line.startswith("#EXT-X-MAP:"):
            init = line.split('URI="', 1)[1].split('"', 1)[0]
        elif line and not line.startswith("#"):
            segments.append(line.strip())
    return init, segments


class Day:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        ids = list(args.titles)
        random.Random(args.rank_seed).shuffle(ids)
        self.ranked = ids
        self.weights = [1.0 / (k ** args.zipf) for k in range(1, len(ids) + 1)]
        self.http = Connections(args.timeout)
        self.titles = {t: {"bytes": 0, "hitBytes": 0, "requests": 0, "hits": 0, "sessions": 0} for t in ids}
        self.errors = []

    def fetch(self, title, url):
        status, cache, body = self.http.get(url)
        t = self.titles[title]
        if status != 200:
            self.errors.append({"title": title, "url": urlsplit(url).path[-60:], "status": status, "cache": cache})
            return None
        t["requests"] += 1
        t["bytes"] += len(body)
        if cache == "HIT":
            t["hits"] += 1
            t["hitBytes"] += len(body)
        return body

    def session(self, n):
        title = self.rng.choices(self.ranked, self.weights)[0]
        self.titles[title]["sessions"] += 1
        sid = "day-%d-%d" % (self.args.seed, n)
        status, _, body = self.http.get(
            "%s/api/route/%s?sid=%s" % (self.args.broker, title, sid), {"X-Client-Site": self.args.site})
        if status != 200:
            self.errors.append({"title": title, "url": "route", "status": status})
            return
        master_url = json.loads(body)["edge"]["masterUrl"]
        master = self.fetch(title, master_url)
        if master is None:
            return
        ladder = variants(master.decode())
        pick = self.rng.choices(range(len(ladder)), RENDITION_SHARES[: len(ladder)])[0]
        playlist_url = urljoin(master_url, ladder[pick][1])
        playlist = self.fetch(title, playlist_url)
        if playlist is None:
            return
        init, segments = media(playlist.decode())
        if init:
            self.fetch(title, urljoin(playlist_url, init))
        for segment in segments:
            if self.fetch(title, urljoin(playlist_url, segment)) is None:
                return
            if self.rng.random() >= self.args.keep_watching:
                return

    def run(self):
        start = time.time()
        for n in range(self.args.sessions):
            self.session(n)
        return {"seed": self.args.seed, "sessions": self.args.sessions, "ranked": self.ranked,
                "seconds": round(time.time() - start, 2), "titles": self.titles, "errors": self.errors}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--broker", required=True, help="the broker's viewer URL")
    p.add_argument("--site", default="site-1", help="X-Client-Site of every session")
    p.add_argument("--titles", nargs="+", required=True, help="video ids")
    p.add_argument("--sessions", type=int, default=300)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--rank-seed", type=int, default=7)
    p.add_argument("--zipf", type=float, default=1.0)
    p.add_argument("--keep-watching", type=float, default=0.9)
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    if not 1 <= args.sessions <= 5000:
        sys.exit("--sessions must be 1..5000")
    result = Day(args).run()
    with open(args.out, "w") as f:
        json.dump(result, f)
    total = sum(t["bytes"] for t in result["titles"].values())
    hit = sum(t["hitBytes"] for t in result["titles"].values())
    print("day seed %d: %d sessions in %.1f s, %d bytes, byte hit ratio %.3f, errors %d"
          % (args.seed, args.sessions, result["seconds"], total, hit / total if total else 0, len(result["errors"])))


if __name__ == "__main__":
    main()
