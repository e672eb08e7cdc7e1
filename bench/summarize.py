#!/usr/bin/env python3
"""Turns bench/edge-vs-nginx's results.tsv into the markdown tables it prints: medians over the
rounds of each figure, for the edge and nginx, and the ratio edge/nginx."""
import os
import statistics
import sys
from collections import defaultdict

TICK = os.sysconf("SC_CLK_TCK")


SIGNED, UNSIGNED = "signed", "unsigned"


def median(values):
    return statistics.median(values) if values else float("nan")


def ratio(edge, nginx):
    return edge / nginx if nginx else float("nan")


def hit_rows(rows):
    """{workload: {target: {figure: [per-round values]}}} from the wrk rows."""
    table = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for r in rows:
        _, workload, target, rnd, reqs, nbytes, dur, p50, p99, p999, errors, ticks, wrk_cpu, rss = r
        if rnd == "0":
            continue  # warm-up run
        seconds = int(dur) / 1e6
        figures = table[workload][target]
        figures["rps"].append(int(reqs) / seconds)
        figures["mbps"].append(int(nbytes) / seconds / 1e6)
        figures["p50"].append(int(p50) / 1000)
        figures["p99"].append(int(p99) / 1000)
        figures["p999"].append(int(p999) / 1000)
        figures["errors"].append(int(errors))
        figures["cpu_per_gb"].append((int(ticks) / TICK) / (int(nbytes) / 1e9) if int(nbytes) else float("nan"))
        figures["wrk_core"].append(100 * float(wrk_cpu) / seconds)
        figures["rss"].append(int(rss) / 1024)
    return table


def print_hits(table, a="edge", b="nginx"):
    print(f"| workload | req/s {a} | req/s {b} | ratio | MB/s {a} / {b} | p50 ms {a} / {b} | p99 ms {a} / {b} (ratio) "
          f"| p99.9 ms {a} / {b} | CPU s/GB {a} / {b} (ratio) | peak RSS MiB {a} / {b} | wrk core % {a} / {b} | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for workload, targets in table.items():
        e = {k: median(v) for k, v in targets[a].items()}
        n = {k: median(v) for k, v in targets[b].items()}
        print(f"| {workload} | {e['rps']:.0f} | {n['rps']:.0f} | **{ratio(e['rps'], n['rps']):.2f}** "
              f"| {e['mbps']:.0f} / {n['mbps']:.0f} | {e['p50']:.2f} / {n['p50']:.2f} "
              f"| {e['p99']:.2f} / {n['p99']:.2f} (**{ratio(e['p99'], n['p99']):.2f}**) | {e['p999']:.2f} / {n['p999']:.2f} "
              f"| {e['cpu_per_gb']:.3f} / {n['cpu_per_gb']:.3f} (**{ratio(e['cpu_per_gb'], n['cpu_per_gb']):.2f}**) "
              f"| {e['rss']:.0f} / {n['rss']:.0f} | {e['wrk_core']:.0f} / {n['wrk_core']:.0f} "
              f"| {sum(targets[a]['errors'])} / {sum(targets[b]['errors'])} |")
    for workload, targets in table.items():
        for target in (a, b):
            if median(targets[target]["wrk_core"]) >= 90:
                print(f"\nNote: in {workload} against {target}, wrk used {median(targets[target]['wrk_core']):.0f} % of its core: "
                      "the load generator, not the server, was the bottleneck.")


def print_cold(rows):
    per = defaultdict(lambda: defaultdict(lambda: ([], [])))
    for _, _, target, rnd, ttfb, total in rows:
        per[target][rnd][0].append(float(ttfb) * 1000)
        per[target][rnd][1].append(float(total) * 1000)
    figures = {}
    for target, rounds in per.items():
        figures[target] = (median([median(t) for t, _ in rounds.values()]),
                           median([max(t) for t, _ in rounds.values()]),
                           median([median(x) for _, x in rounds.values()]))
    # each cache is compared with its own origin: nginx with the nginx HTTP origin, the edge with vid-raw
    own_origin = {"origin": "origin", "nginx": "origin", "vid-raw": "vid-raw", "edge": "vid-raw"}
    print("| target | TTFB p50 ms | TTFB max ms | total p50 ms | TTFB p50 above its own origin's, ms |")
    print("|---|---|---|---|---|")
    for target in ("origin", "nginx", "vid-raw", "edge"):
        if target in figures:
            t50, tmax, total = figures[target]
            origin = figures.get(own_origin[target], (float("nan"),) * 3)
            print(f"| {target} | {t50:.2f} | {tmax:.2f} | {total:.2f} | {t50 - origin[0]:+.2f} |")


def print_stampede(rows):
    print("| target | origin requests per round | identical bodies per round (of 100) |")
    print("|---|---|---|")
    per = defaultdict(list)
    for _, _, target, rnd, origin_requests, same in rows:
        per[target].append((origin_requests, same))
    for target, values in per.items():
        print(f"| {target} | {', '.join(o for o, _ in values)} | {', '.join(s for _, s in values)} |")


def main():
    path, server_core, load_core, rounds, seconds = sys.argv[1:6]
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    if len(sys.argv) > 6 and sys.argv[6] == "signing":
        print(f"Medians of {rounds} rounds of {seconds} s each, the edge with signed URLs off (A) and on (B) alternating (A B, B A, ...); "
              f"both edges on core {server_core}, wrk and vid-raw on core {load_core}. Ratios are {SIGNED}/{UNSIGNED}: "
              "above 1 is better for req/s, below 1 is better for latency and CPU.\n")
        print_hits(hit_rows([r for r in rows if r[0] == "hit"]), SIGNED, UNSIGNED)
        return
    print(f"Medians of {rounds} rounds of {seconds} s each, edge and nginx alternating (A B A B); "
          f"server on core {server_core}, wrk/curl and both origins on core {load_core}. "
          "Ratios are edge/nginx: above 1 is better for req/s, below 1 is better for latency and CPU. "
          "'wrk core %' near 100 means the load generator, not the server, was the bottleneck.\n")
    print_hits(hit_rows([r for r in rows if r[0] == "hit"]))
    cold = [r for r in rows if r[0] == "cold"]
    parallel = cold[0][1].split("/p")[-1] if cold else "?"
    print(f"\nCold misses, 1 MiB objects, {parallel} in parallel (origin = the nginx HTTP origin on the same files, nginx's "
          "origin; vid-raw = the edge's origin over gRPC, timed by OriginProbe):\n")
    print_cold(cold)
    print("\nStampede: 100 concurrent requests for one uncached 4 MiB object:\n")
    print_stampede([r for r in rows if r[0] == "stampede"])


if __name__ == "__main__":
    main()
