#!/usr/bin/env python3
"""summarize.py WORK TOPOLOGY: the per-tier table of bench/topology-ttfb/run.sh from its views
(TierTtfb.java's JSON), the loopback service times and `cdn topology show --json`."""
import glob
import json
import os
import statistics
import sys

work = sys.argv[1]


def load(path):
    with open(path) as f:
        return json.load(f)


def one_way(a, b):
    for link in load(os.path.join(work, "show.json"))["links"]:
        if {link["a"], link["b"]} == {a, b}:
            return link["spec"]["oneWayMs"]
    raise SystemExit(f"no link {a}–{b}")


def loopback(name):
    with open(os.path.join(work, f"loopback-{name}.txt")) as f:
        return statistics.median(float(line) for line in f if line.strip())


# The path of a request from ran-a: its RAN link, edge-a's primary parent, then the core and cloud.
rtt = {
    "edge-hit": 2 * one_way("ran-a", "edge-a"),
    "regional-hit": 2 * (one_way("ran-a", "edge-a") + one_way("edge-a", "regional-north")),
    "origin-miss": 2 * (one_way("ran-a", "edge-a") + one_way("edge-a", "regional-north")
                        + one_way("regional-north", "core-1") + one_way("core-1", "cloud-1")),
}
service = {"edge-hit": loopback("edge"), "regional-hit": loopback("edge") + loopback("regional")}
# An origin miss crosses the cloud tier too (MISS from cloud-tier-1); runs before it had no such file.
cloud_tier = loopback("cloud-tier") if os.path.exists(os.path.join(work, "loopback-cloud-tier.txt")) else 0
service["origin-miss"] = service["regional-hit"] + cloud_tier + loopback("origin")

views = {}
for path in sorted(glob.glob(os.path.join(work, "view-*.json"))):
    meta = load(path[:-len(".json")] + ".meta")
    if meta["condition"] == "warmup":
        continue
    view = load(path)
    segments = [r for r in view["resources"] if r["name"].endswith(".m4s")]
    if not segments:
        continue
    first = segments[0]
    cache = next((f["cache"] for f in view["fragments"] if first["name"].split("/")[-1] in f["url"]
                  and f["url"].endswith(first["name"].split("/")[-1])), None)
    views.setdefault(meta["condition"], []).append({
        "startup": view["startupMs"], "ttfb": first["responseStart"] - first["requestStart"],
        "new": first["connectEnd"] > first["connectStart"], "cache": cache, "load": meta["load"],
        "parents": meta.get("parentConnections")})


def spread(values):
    return f"{statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"


print("| tier | views | first frame, ms | segment TTFB, ms | X-Cache of that segment | round trips (file) + loopback service = predicted, ms | TTFB − predicted, ms |")
print("|---|---|---|---|---|---|---|")
for condition in ("edge-hit", "regional-hit", "origin-miss"):
    vs = views.get(condition, [])
    if not vs:
        print(f"| {condition} | 0 | – | – | – | – | – |")
        continue
    ttfb = statistics.median(v["ttfb"] for v in vs)
    predicted = rtt[condition] + service[condition]
    caches = sorted({str(v["cache"]) for v in vs})
    print(f"| {condition} | {len(vs)} | {spread([v['startup'] for v in vs])} | {spread([v['ttfb'] for v in vs])}"
          f" | {', '.join(caches)} | {rtt[condition]:.1f} + {service[condition]:.2f} = {predicted:.1f}"
          f" | {ttfb - predicted:+.1f} |")
print()
print(f"Loopback service times (median of 11, curl TTFB inside the server's namespace): edge-1 hit "
      f"{loopback('edge'):.2f} ms, regional-1 hit {loopback('regional'):.2f} ms, cloud-tier-1 hit "
      f"{cloud_tier:.2f} ms, vid-raw object read "
      f"{loopback('origin'):.2f} ms. Load average during the views: "
      + ", ".join(f"{v['load']}" for c in views.values() for v in c) + ".")
print("A view's first segment on a new connection: "
      + ", ".join(f"{c} {sum(v['new'] for v in vs)}/{len(vs)}" for c, vs in views.items()) + ".")
print("Each view's segment TTFB in ms (edge-1's new connections to its parents during the view):")
for condition in ("edge-hit", "regional-hit", "origin-miss"):
    print(f"  {condition}: " + ", ".join(f"{v['ttfb']:.1f} ({v['parents']})" for v in views.get(condition, [])))
