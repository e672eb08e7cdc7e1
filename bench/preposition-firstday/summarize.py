#!/usr/bin/env python3
"""The tables of bench/preposition-firstday/run.sh from its results (one JSON line per run).

usage: summarize.py RESULTS CATALOG SUMMARY METADATA DISK

Byte hit ratio = bytes of responses with X-Cache HIT / bytes of all 200 responses, over the titles
the nightly trigger named ("prepositioned": the set of the A runs, which must be the same in every
A run), over the others, and over all. The nightly's own size estimate of a title (what it budgets
with) is the catalog's: ceil(duration / 2 s) segments x mean rendition bandwidth x 2 s / 8 x renditions.
"""
import json
import math
import statistics
import sys


def ratio(day, titles):
    total = sum(day["titles"][t]["bytes"] for t in titles)
    hit = sum(day["titles"][t]["hitBytes"] for t in titles)
    return (hit / total if total else float("nan")), hit, total


def estimate(video):
    bandwidths = [r.get("bandwidth", 0) for r in video.get("renditions", []) if r.get("bandwidth", 0) > 0]
    if not bandwidths or video.get("durationSeconds", 0) <= 0:
        return 0
    segments = math.ceil(video["durationSeconds"] / 2)
    return segments * max(1, sum(bandwidths) // len(bandwidths) * 2 // 8) * len(bandwidths)


def main():
    results = [json.loads(line) for line in open(sys.argv[1])]
    catalog = json.load(open(sys.argv[2]))
    summary = json.load(open(sys.argv[3]))
    metadata = {v["id"]: v for v in (json.loads(line) for line in open(sys.argv[4]) if line.strip())}
    disk = int(sys.argv[5])
    sets = {tuple(r["trigger"]["trigger"]["content.ccid"]) for r in results if r["kind"] == "A"}
    if len(sets) != 1:
        print("the A runs' nightly triggers named different titles: %s" % sorted(sets))
    pre = list(sets.pop()) if sets else []
    everyone = list(catalog)
    rest = [t for t in everyone if t not in pre]
    top = [t["id"] for t in summary["topPerSite"].get("site-1", [])]
    print()
    print("prepositioned (the nightly trigger's titles, in its order): %s" % ", ".join(
        "%s (batch rank %s)" % (t[:8], top.index(t) + 1 if t in top else "-") for t in pre))
    share = int(disk * 0.3)
    used = 0
    for rank, t in enumerate(top, 1):  # the nightly's choice, as it made it: batch order, estimates
        e = estimate(metadata[t])
        fits = used + e <= share
        used += e if fits else 0
        print("  batch rank %d: %s, %d requests yesterday, estimate %d bytes, origin %d: %s" % (
            rank, t[:8], summary["topPerSite"]["site-1"][rank - 1]["requests"], e, catalog[t],
            ("chosen" if t in pre else "fits but NOT chosen") if fits else ("too big for the rest of the share" if t not in pre else "chosen but over the share?")))
    est = sum(estimate(metadata[t]) for t in pre)
    real = sum(catalog[t] for t in pre)
    print("their size: %d bytes by the nightly's estimate, %d at the origin; nightly share 0.3 x %d = %d; "
          "catalog %d bytes" % (est, real, disk, int(disk * 0.3), sum(catalog.values())))
    print()
    print("| round | run | load before the day | nightly trigger | objects / bytes filled | vid-raw fetches per filled object "
          "| byte hit ratio, prepositioned titles (hit / all bytes) | other titles | all titles | errors | triggers at the end |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    per = {"A": {}, "B": {}}
    for r in sorted(results, key=lambda r: (r["round"], r["kind"])):
        day = r["day"]
        p, ph, pt = ratio(day, pre)
        o, _, _ = ratio(day, rest)
        a, _, _ = ratio(day, everyone)
        per[r["kind"]][r["round"]] = (p, o, a)
        fill = "-"; perobj = "-"; status = "-"
        if r["kind"] == "A":
            prog = r["trigger"].get("progress", {})
            status = r["trigger"].get("status", "?")
            fill = "%d / %d" % (prog.get("objectsDone", 0), prog.get("bytesDone", 0))
            perobj = "%d / %d = %.3f" % (r["fetches"], prog.get("objectsDone", 0),
                                         r["fetches"] / prog["objectsDone"] if prog.get("objectsDone") else float("nan"))
        print("| %d | %s | %s | %s | %s | %s | %.3f (%d / %d) | %.3f | %.3f | %d | %d |" % (
            r["round"], r["kind"], r["load"], status, fill, perobj, p, ph, pt, o, a, len(day["errors"]), r["triggers"]))
    rounds = sorted(set(per["A"]) & set(per["B"]))
    if not rounds:
        return
    print()
    print("| byte hit ratio (median of %d rounds) | A: after the nightly fill | B: without | A - B | A / B |" % len(rounds))
    print("|---|---|---|---|---|")
    for i, name in enumerate(("prepositioned titles", "other titles", "all titles")):
        a = statistics.median(per["A"][k][i] for k in rounds)
        b = statistics.median(per["B"][k][i] for k in rounds)
        print("| %s | %.3f | %.3f | %+.3f | %.2f |" % (name, a, b, a - b, a / b if b else float("nan")))


if __name__ == "__main__":
    main()
