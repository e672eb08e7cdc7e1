#!/usr/bin/env python3
"""overflow_summary.py WORK: the overflow drill's markdown (bench/topology-drills/overflow.sh) from
the players' logs (player.py), the events (epoch ms), /play's answer, the broker's counters and its
log lines."""
import collections
import json
import os
import re
import statistics
import sys

work = sys.argv[1]


def read(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def text(name):
    path = os.path.join(work, name)
    return open(path).read() if os.path.exists(path) else ""


events = {e["event"]: e["t"] for e in read("events.jsonl")}


def kind(records, k, since=0, until=float("inf")):
    return [r for r in records if r["kind"] == k and since <= r["t"] < until]


def counts(records, key):
    c = collections.Counter(r.get(key) or f"failed: {r['status'] or r['error']}" for r in records)
    return "; ".join(f"{v} × `{k}`" for k, v in c.most_common())


def ttfb(records):
    values = [r["ttfb"] for r in records if r["status"] == 200 and r["ttfb"] is not None]
    if not values:
        return "-"
    return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"


def ok(records):
    return f"{sum(1 for r in records if r['status'] == 200)}/{len(records)}"


def route_change(records, since, prefix):
    """(ms after since, reason, edge) of the first route answer whose reason starts with prefix."""
    for r in records:
        if r["t"] >= since and r.get("reason", "").startswith(prefix):
            return r["t"] - since, r["reason"], r["edge"]
    return None, "never", "-"


def first_at(records, since, edge):
    for r in records:
        if r["t"] >= since and r.get("edge") == edge and r.get("status") == 200:
            return r["t"] - since, r.get("reason", r.get("xcache", ""))
    return None, "never"


rows = []
local = read("local-ran-a-play.jsonl")
routes = kind(local, "route")
rows.append(("local (nothing held)", f"{counts(routes, 'reason')} → {counts(routes, 'edge')}",
             kind(local, "segment")))
# The first route asked once the connections were open; the time is mostly `cdn topology exec`'s
# own start (a JVM), not the broker's reaction.
for phase, name, tag, prefix in (("edge-1 saturated", "edge-a-routes.jsonl", "held-edge-1", "neighbour-site"),
                                 ("all four edges saturated", "overflow-routes.jsonl", "held-all", "overflow-cloud")):
    records = read(name)
    ms, reason, edge = route_change(records, events.get(tag, 0), prefix)
    asked = f", {len(records)} route(s) asked, the match {ms / 1000:.1f} s after the hold" if ms is not None else ""
    rows.append((f"{phase}{asked}", f"`{reason}` → {edge}", []))
play = read("overflow-ran-a-play.jsonl")
release = events.get("release", float("inf"))
before = kind(play, "segment", until=release)
after = kind(play, "segment", since=release)
rows.append(("overflow: ran-a plays (new session), 12 s", counts(kind(play, "route", until=release), "reason"), before))
routes_after = counts(kind(play, "route", since=release), "reason")
for served_by in sorted({r.get("servedBy") for r in after}, key=str):
    part = [r for r in after if r.get("servedBy") == served_by]
    rows.append((f"after the release, served by {served_by or '-'}", routes_after, part))

print("| phase | ran-a's route (reason → edge) | segments ok | `X-Served-By` | `X-Cache` | segment TTFB ms, median (min-max) |")
print("|---|---|---|---|---|---|")
for phase, route, segs in rows:
    print(f"| {phase} | {route} | {ok(segs) if segs else ''} | {counts(segs, 'servedBy') if segs else ''} "
          f"| {counts(segs, 'xcache') if segs else ''} | {ttfb(segs) if segs else ''} |")
print()
head = [l for l in text("play-302.txt").splitlines() if l.split(":")[0].lower() in ("location", "x-route-reason") or l.startswith("HTTP/")]
# The signed URL's token says nothing here: shortened.
head = [re.sub(r"URISigningPackage=[^/]+", "URISigningPackage=…", l) for l in head]
print("ran-a's `/play` during the overflow: " + "; ".join(f"`{l}`" for l in head))
poll = read("overflow-ran-a-route.jsonl")
ms, why = first_at(poll, release, "edge-1")
print(f"Second session (routes every 0.2 s): first answer edge-1 {ms / 1000 if ms is not None else float('nan'):.2f} s after the release (`{why}`)")
ms, xc = first_at(play, release, "edge-1")
print(f"Player: first segment from edge-1 {ms / 1000 if ms is not None else float('nan'):.2f} s after the release (its route refresh every 10 s)")
held = collections.defaultdict(list)
for line in text("connections.txt").splitlines():
    tag, edge, count = line.split()
    held[tag].append(f"{edge} {count}")
for tag, values in held.items():
    print(f"Open viewer connections ({tag}): " + ", ".join(values))
print("Broker: " + "; ".join(l for l in text("decisions.txt").splitlines() if "overflow-cloud" in l))
for line in text("broker-overflow.txt").splitlines():
    try:
        record = json.loads(line)
    except ValueError:
        print("Broker log: " + line)
        continue
    t = record.get("timestamp", 0)
    marks = ", ".join(f"{(t - v) / 1000:+.2f} s from {k}" for k, v in events.items() if k in ("held-all", "release"))
    print(f"Broker log ({marks}): {record.get('formattedMessage', record.get('message', line))}")
