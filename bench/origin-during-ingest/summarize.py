#!/usr/bin/env python3
"""Turns bench/origin-during-ingest's results.tsv into its markdown tables: time to first byte of the
cold misses per variant, path (grpc = vid-raw directly, edge = through vid-cache) and phase (idle =
no ingest, upload = the ingest's upload and ffprobe, transcode = while ffmpeg ran): the median over
the rounds of each round's p50, p95 and p99 (rounds differ most in the host's other load), each
round's p99, the percentiles of all rounds pooled; then each round's ingest and load average."""
import math
import statistics
import sys
from collections import defaultdict


def percentile(values, p):
    """Nearest rank, as the edge benchmarks report."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def median_of_rounds(rounds, p):
    return statistics.median(percentile(v, p) for v in rounds.values())


def read(path):
    ttfb = defaultdict(lambda: defaultdict(list))   # (variant, path, phase) -> round -> [ms]
    lag = defaultdict(list)                          # (variant, path, phase) -> [ms]
    errors = defaultdict(int)
    rounds = defaultdict(dict)                       # variant -> round -> {ingest, wall, ffmpeg, load}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        variant, rnd, transcode, rest = f[0], f[1], f[2], f[3].split(" ")
        if rest[0] == "ingest":
            rounds[variant].setdefault(rnd, {}).update(status=rest[1], wall=float(rest[2]), ffmpeg=float(transcode))
            continue
        if rest[0] == "load":
            rounds[variant].setdefault(rnd, {}).update(load=f"{rest[1]} → {rest[2]}")
            continue
        phase, via = rest[0], rest[1]
        if phase == "warmup":
            continue
        key = (variant, via, phase)
        if rest[2] == "error":
            errors[key] += 1
            continue
        ttfb[key][rnd].append(float(rest[2]))
        lag[key].append(float(rest[4]))
    return ttfb, lag, errors, rounds


def main(path, variants):
    ttfb, lag, errors, rounds = read(path)
    print("| variant | path | phase | misses | errors | TTFB p50 ms, median of rounds | p95 | p99 | p99 of each round "
          "| pooled p50 / p95 / p99 | max | probe lag p99 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for via in ("grpc", "edge"):
        for phase in ("idle", "upload", "transcode"):
            for variant in variants:
                key = (variant, via, phase)
                each_round = ttfb.get(key, {})
                pooled = [v for r in each_round.values() for v in r]
                if not pooled:
                    if errors[key]:
                        print(f"| {variant} | {via} | {phase} | 0 | {errors[key]} | | | | | | | |")
                    continue
                each = " / ".join(f"{percentile(each_round[r], 99):.1f}" for r in sorted(each_round))
                print(f"| {variant} | {via} | {phase} | {len(pooled)} | {errors[key]} | {median_of_rounds(each_round, 50):.1f} | "
                      f"{median_of_rounds(each_round, 95):.1f} | **{median_of_rounds(each_round, 99):.1f}** | {each} | "
                      f"{percentile(pooled, 50):.1f} / {percentile(pooled, 95):.1f} / {percentile(pooled, 99):.1f} | "
                      f"{max(pooled):.1f} | {percentile(lag[key], 99):.1f} |")
    print()
    print("| variant | round | ingest answer | ingest s (upload to 201) | ffmpeg s (ladder + poster) | load average (1 min) at the round's start → end |")
    print("|---|---|---|---|---|---|")
    for variant in variants:
        for rnd, r in sorted(rounds.get(variant, {}).items()):
            print(f"| {variant} | {rnd} | {r.get('status', '-')} | {r.get('wall', float('nan')):.0f} | "
                  f"{r.get('ffmpeg', float('nan')):.0f} | {r.get('load', '-')} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2].split())
