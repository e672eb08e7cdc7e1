#!/usr/bin/env python3
"""Turns bench/edge-vs-peers's results.tsv into the markdown tables it prints: medians over the
rounds of each figure, per server, and each figure's ratio to the best peer's (nginx, Varnish,
Traffic Server: the highest req/s, the lowest p99, the lowest CPU per GB in that row).

With a sixth argument `signing` (bench/edge-vs-peers --signing-ab): one edge with signed viewer URLs
off (target `unsigned`, A) against one with them on (`signed`, B), the ratios signed/unsigned of the
medians, and the spread of the ratios of the rounds (each round's A and B ran back to back)."""
import os
import statistics
import sys
from collections import defaultdict

TICK = os.sysconf("SC_CLK_TCK")
EDGES = ("edge-http", "edge-grpc", "edge-http-b", "edge-grpc-b")  # -b: the B side of an A/B (EDGE_B_JVM_EXTRA)
PEERS = ("nginx", "varnish", "ats")
ORDER = EDGES + PEERS
WRK_BOUND = 90  # wrk's share of its core, %, from which the load generator sets the figure


def median(values):
    return statistics.median(values) if values else float("nan")


def ratio(a, b):
    return a / b if b else float("nan")


def hit_rows(rows):
    """{workload: {target: {figure: [per-round values]}}} from the wrk rows."""
    table = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for r in rows:
        _, workload, target, rnd, reqs, nbytes, dur, p50, p99, p999, errors, ticks, wrk_cpu, rss = r[:14]
        origin = r[14] if len(r) > 14 else "nan"
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
        figures["hit"].append(100 * (1 - float(origin) / int(reqs)) if int(reqs) else float("nan"))
    return table


def medians(targets):
    return {t: {k: median(v) for k, v in figs.items()} | {"errors": sum(figs["errors"])} for t, figs in targets.items()}


def best_peer(m, figure, pick):
    peers = [(m[t][figure], t) for t in PEERS if t in m]
    return pick(peers) if peers else (float("nan"), "-")


def print_hits(table):
    print("| workload | server | req/s | ÷ best peer | MB/s | p50 ms | p99 ms | ÷ best peer | p99.9 ms "
          "| CPU s/GB | ÷ best peer | peak RSS MiB | wrk core % | hit % | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    bound = []
    for workload, targets in table.items():
        m = medians(targets)
        rps, _ = best_peer(m, "rps", max)
        p99, _ = best_peer(m, "p99", min)
        cpu, _ = best_peer(m, "cpu_per_gb", min)
        for t in (t for t in ORDER if t in m):
            f = m[t]
            star = " ¹" if f["wrk_core"] >= WRK_BOUND else ""
            print(f"| {workload} | {t} | {f['rps']:.0f}{star} | **{ratio(f['rps'], rps):.2f}** | {f['mbps']:.0f} "
                  f"| {f['p50']:.2f} | {f['p99']:.2f} | **{ratio(f['p99'], p99):.2f}** | {f['p999']:.2f} "
                  f"| {f['cpu_per_gb']:.3f} | **{ratio(f['cpu_per_gb'], cpu):.2f}** | {f['rss']:.0f} | {f['wrk_core']:.0f} "
                  f"| {f['hit']:.1f} | {f['errors']} |")
            if star:
                bound.append(f"{workload} {t}")
    if bound:
        print(f"\n¹ wrk used {WRK_BOUND} % or more of its core (median of the rounds): the load generator, not the "
              "server, set this figure: " + ", ".join(bound) + ".")


def print_summary(table):
    """One line per workload: each edge's ratios to the best peer, and which peer that was."""
    present = [e for e in EDGES if any(e in t for t in table.values())]
    if not present:
        return
    cols = " | ".join(f"{e} req/s, p99, CPU/GB ÷ best peer" for e in present)
    print(f"| workload | best peer req/s (who) | best peer p99 ms (who) | best peer CPU s/GB (who) | {cols} |")
    print("|---|---|---|---|" + "---|" * len(present))
    for workload, targets in table.items():
        m = medians(targets)
        rps, rps_who = best_peer(m, "rps", max)
        p99, p99_who = best_peer(m, "p99", min)
        cpu, cpu_who = best_peer(m, "cpu_per_gb", min)
        cells = []
        for e in present:
            if e in m:
                f = m[e]
                cells.append(f"**{ratio(f['rps'], rps):.2f}** / {ratio(f['p99'], p99):.2f} / {ratio(f['cpu_per_gb'], cpu):.2f}")
            else:
                cells.append("-")
        print(f"| {workload} | {rps:.0f} ({rps_who}) | {p99:.2f} ({p99_who}) | {cpu:.3f} ({cpu_who}) | {' | '.join(cells)} |")


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
    # each cache against its own origin: the gRPC edge with vid-raw, every other with the nginx origin
    print("| target | TTFB p50 ms | TTFB max ms | total p50 ms | TTFB p50 above its own origin's, ms |")
    print("|---|---|---|---|---|")
    for target in ("origin", "vid-raw") + ORDER:
        if target in figures:
            t50, tmax, total = figures[target]
            own = "vid-raw" if target == "vid-raw" or target.startswith("edge-grpc") else "origin"
            origin = figures.get(own, (float("nan"),) * 3)
            print(f"| {target} | {t50:.2f} | {tmax:.2f} | {total:.2f} | {t50 - origin[0]:+.2f} |")


def print_stampede(rows):
    print("| target | origin requests per round | identical bodies per round (of 100) |")
    print("|---|---|---|")
    per = defaultdict(list)
    for _, _, target, rnd, origin_requests, same in rows:
        per[target].append((origin_requests, same))
    for target in (t for t in ORDER if t in per):
        print(f"| {target} | {', '.join(o for o, _ in per[target])} | {', '.join(s for _, s in per[target])} |")


SIGNED, UNSIGNED = "signed", "unsigned"


def print_signing(table):
    """Signed (B) against unsigned (A): medians, their ratios, and the lowest and highest ratio of one
    round's pair, which shows how much of a difference the machine's noise alone makes."""
    print("| workload | req/s unsigned (A) | req/s signed (B) | B/A | B/A per round (min-max) | p50 ms A / B "
          "| p99 ms A / B (B/A) | CPU s/GB A / B (B/A) | wrk core % A / B | errors A / B |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for workload, targets in table.items():
        a, b = targets[UNSIGNED], targets[SIGNED]
        ma, mb = ({k: median(v) for k, v in t.items()} for t in (a, b))
        paired = [ratio(y, x) for x, y in zip(a["rps"], b["rps"])]
        print(f"| {workload} | {ma['rps']:.0f} | {mb['rps']:.0f} | **{ratio(mb['rps'], ma['rps']):.3f}** "
              f"| {min(paired):.2f}-{max(paired):.2f} | {ma['p50']:.2f} / {mb['p50']:.2f} "
              f"| {ma['p99']:.2f} / {mb['p99']:.2f} ({ratio(mb['p99'], ma['p99']):.2f}) "
              f"| {ma['cpu_per_gb']:.3f} / {mb['cpu_per_gb']:.3f} ({ratio(mb['cpu_per_gb'], ma['cpu_per_gb']):.2f}) "
              f"| {ma['wrk_core']:.0f} / {mb['wrk_core']:.0f} | {sum(a['errors'])} / {sum(b['errors'])} |")


def main():
    path, server_core, load_core, rounds, seconds = sys.argv[1:6]
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    if len(sys.argv) > 6 and sys.argv[6] == "signing":
        print(f"Medians of {rounds} rounds of {seconds} s each, the edge with signed viewer URLs off (A) and on (B), "
              f"alternating A B, B A, ...; both edges on core {server_core}, wrk and vid-raw on core {load_core}. "
              "B/A above 1 is better for req/s, below 1 better for latency and CPU.\n")
        print_signing(hit_rows([r for r in rows if r[0] == "hit"]))
        return
    print(f"Medians of {rounds} rounds of {seconds} s each, the servers alternating (order rotated each round); "
          f"server on core {server_core}, wrk/curl and the origins on core {load_core}. "
          "'÷ best peer': the figure divided by the best of nginx, Varnish and Traffic Server in that row "
          "(highest req/s, lowest p99, lowest CPU per GB): above 1 is better for req/s, below 1 for p99 and CPU. "
          "'hit %': requests that made no origin request (1 - origin requests / requests, counted at the origins).\n")
    table = hit_rows([r for r in rows if r[0] == "hit"])
    if table:
        print_summary(table)
        print()
        print_hits(table)
    cold = [r for r in rows if r[0] == "cold"]
    for parallel in sorted({r[1] for r in cold}, key=lambda w: int(w.split("/p")[-1])):
        print(f"\nCold misses, 1 MiB objects, {parallel.split('/p')[-1]} in parallel (origin = the nginx HTTP origin "
              "every cache but edge-grpc fills from; vid-raw = edge-grpc's origin over gRPC, timed by OriginProbe):\n")
        print_cold([r for r in cold if r[1] == parallel])
    stampede = [r for r in rows if r[0] == "stampede"]
    if stampede:
        print("\nStampede: 100 concurrent requests for one uncached 4 MiB object (edge-http fills in 1 MiB slices, "
              "edge.http.slice-bytes: 4 range requests are one fill):\n")
        print_stampede(stampede)


if __name__ == "__main__":
    main()
