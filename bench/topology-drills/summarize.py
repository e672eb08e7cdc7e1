#!/usr/bin/env python3
"""summarize.py WORK: the drills' markdown table from the players' logs (player.py) and the events
run.sh recorded (epoch ms). A segment request counts once per attempt: a request retried on the
next edge is one failure and one success, as a player's network log shows it."""
import collections
import json
import os
import sys

work = sys.argv[1]


def read(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


events = {e["event"]: e["t"] for e in read("events.jsonl")}


def segments(name, since=0, until=float("inf")):
    return [r for r in read(name) if r["kind"] == "segment" and since <= r["t"] < until]


def ok(records):
    return [r for r in records if r["status"] == 200]


def share(records):
    good = len(ok(records))
    return f"{good}/{len(records)} ({100.0 * good / len(records):.1f} %)" if records else "0/0"


def xcache(records):
    counts = collections.Counter(
        r.get("xcache") or f"failed: {r['status'] or r['error']}" for r in records)
    return "; ".join(f"{v} × `{k}`" for k, v in counts.most_common())


def served(records):
    counts = collections.Counter(r["edge"] for r in records)
    return ", ".join(f"{k} {v}" for k, v in counts.most_common())


def longest_gap(records, start):
    """Longest time without a successful segment from `start` on (ms), and its end."""
    times = [start] + [r["t"] for r in ok(records) if r["t"] >= start]
    gaps = [(b - a, b) for a, b in zip(times, times[1:])]
    return max(gaps) if gaps else (float("nan"), None)


rows = []
cut, restored = events.get("cut-core-cloud"), events.get("restore-core-cloud")
if cut:
    for group, title in (("ran-a", "A, rendition 0, edge hits"), ("ran-b", "A, rendition 1, edge hits")):
        during = segments(f"b-{group}-play.jsonl", cut, restored)
        gap, _ = longest_gap(during, cut)
        rows.append(("(b) core-1–cloud-1 cut", f"{group} plays {title}", share(during),
                     f"{xcache(during)}; longest time without a segment {gap:.0f} ms; "
                     f"edges: {served(during)}"))
    walk = segments("b-ran-c-walk.jsonl")
    rows.append(("(b) core-1–cloud-1 cut", "ran-c walks A (first time in ran-c)",
                 share(walk), f"{xcache(walk)}; edges: {served(walk)}"))
    control = [r for r in read("b-ran-d-walk.jsonl") if r["kind"] != "route"]
    rows.append(("(b) core-1–cloud-1 cut", "ran-d asks for B (cached nowhere: the control)",
                 share(control), f"{xcache(control)}; edges: {served(control)}"))
kill = events.get("kill-regional-1")
if kill:
    before = segments("a-ran-a-play.jsonl", 0, kill)
    after = segments("a-ran-a-play.jsonl", kill)
    to_secondary = [r for r in after if "from regional-2" in r["xcache"]]
    first = f"{to_secondary[0]['t'] - kill:.0f} ms after the kill" if to_secondary else "never"
    rows.append(("(a) regional-1 killed", "ran-a plays B (cold), before the kill",
                 share(before), f"{xcache(before)}; edges: {served(before)}"))
    rows.append(("(a) regional-1 killed", "ran-a plays B, after the kill", share(after),
                 f"{xcache(after)}; first fill from regional-2 {first}; edges: {served(after)}"))
    walk = segments("a-ran-b-walk.jsonl")
    rows.append(("(a) regional-1 killed", "then ran-b walks B", share(walk),
                 f"{xcache(walk)}; edges: {served(walk)}"))


def broker_down(since):
    """When the broker's log says edge-1 went DOWN after `since` (epoch ms), and why."""
    path = os.path.join(work, "data", "logs", "broker.log")
    if not os.path.exists(path):
        path = os.path.join(work, "broker.log")  # a run's kept logs (run.sh --out FILE: FILE.logs)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        for line in f:
            if '"edge_state"' not in line:
                continue
            record = json.loads(line)
            kv = {k: v for pair in record.get("kvpList", []) for k, v in pair.items()}
            if kv.get("edge") == "edge-1" and kv.get("to") == "DOWN" and record["timestamp"] >= since:
                return record["timestamp"] - since, kv.get("cause")
    return None


def edge_cut(tag, cut_edge, label):
    routes = [r for r in read(f"{tag}-ran-a-route.jsonl") if r["t"] >= cut_edge and r["status"] == 200]
    moved = next((r for r in routes if r.get("edge") != "edge-1"), None)
    moved_text = (f"{moved['t'] - cut_edge:.0f} ms after the cut, to {moved['edge']} "
                  f"(`{moved['reason']}`)" if moved else "not within the run")
    down = broker_down(cut_edge)
    if down:
        moved_text += f"; the broker logged edge-1 DOWN ({down[1]}) {down[0]:.0f} ms after the cut"
    rows.append((label, "the broker's route for ran-a moves", "", moved_text))
    play = segments(f"{tag}-ran-a-play.jsonl", cut_edge)
    gap, _ = longest_gap(play, cut_edge)
    first = next((r for r in ok(play)), None)
    served = collections.Counter(r["edge"] for r in ok(play))
    failed = collections.Counter(f"{r['edge']} ({r['status'] or r['error']})"
                                 for r in play if r["status"] != 200)
    answers = [r for r in read(f"{tag}-ran-a-play.jsonl") if r["kind"] == "route" and r["t"] >= cut_edge]
    rows.append((label, "ran-a's player: failed attempts, route answers",
                 "", ", ".join(f"{k} × {v}" for k, v in failed.items()) + "; answers: "
                 + ", ".join(f"+{r['t'] - cut_edge:.0f} ms {r.get('edge')} alternates {r.get('alternates')}"
                             for r in answers)))
    rows.append((label, "ran-a plays A (1 s timeout, then the next edge)",
                 share(play),
                 f"first segment {first['t'] - cut_edge:.0f} ms after the cut (from {first['edge']}); "
                 f"longest time without a segment {gap:.0f} ms; served by "
                 + ", ".join(f"{k} {v}" for k, v in served.most_common())
                 if first else "no segment after the cut"))


for name, t in sorted(events.items(), key=lambda e: e[1]):
    if name == "cut-edge-1":
        edge_cut("c", t, "(c) edge-1 (edge-a) cut off")
    elif name.startswith("cut-edge-1#"):
        n = name.split("#")[1]
        edge_cut(f"c{n}", t, f"(c) edge-1 (edge-a) cut off, cut {n}")

print("| drill | viewer | segments ok | what they saw |")
print("|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
failures = os.path.join(work, "parent-failures.txt")
if os.path.exists(failures):
    print()
    print("Parent skips counted by the edges after (a):")
    print()
    with open(failures) as f:
        for line in f:
            print("    " + line.rstrip())
