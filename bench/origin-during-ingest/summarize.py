#!/usr/bin/env python3
"""Turns bench/origin-during-ingest's results.tsv into its markdown tables: time to first byte of the
cold misses per variant, path (grpc = vid-raw directly, edge = through vid-cache) and phase (idle =
no ingest, upload = the ingest's upload and ffprobe, transcode = while ffmpeg ran), percentiles over
all rounds pooled, and each round's p99."""
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


def main(path, variants):
    ttfb = defaultdict(lambda: defaultdict(list))   # (variant, path, phase) -> round -> [ms]
    lag = defaultdict(list)                          # (variant, path, phase) -> [ms]
    errors = defaultdict(int)
    ingests = defaultdict(list)                      # variant -> [(status, wall s, transcode s)]
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        variant, rnd, transcode, rest = f[0], f[1], f[2], f[3].split(" ")
        if rest[0] == "ingest":
            ingests[variant].append((rest[1], float(rest[2]), float(transcode)))
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

    print("| variant | path | phase | misses | errors | TTFB p50 ms | p95 | p99 | max | p99 of each round | probe lag p99 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for via in ("grpc", "edge"):
        for phase in ("idle", "upload", "transcode"):
            for variant in variants:
                key = (variant, via, phase)
                rounds = ttfb.get(key, {})
                pooled = [v for r in rounds.values() for v in r]
                if not pooled and not errors[key]:
                    continue
                each = " / ".join(f"{percentile(rounds[r], 99):.1f}" for r in sorted(rounds))
                print(f"| {variant} | {via} | {phase} | {len(pooled)} | {errors[key]} | {percentile(pooled, 50):.2f} | "
                      f"{percentile(pooled, 95):.2f} | **{percentile(pooled, 99):.2f}** | {max(pooled):.1f} | {each} | "
                      f"{percentile(lag[key], 99):.2f} |")
    print()
    print("| variant | ingest answers | ingest s (upload to 201), each round | ffmpeg s (ladder + poster), each round |")
    print("|---|---|---|---|")
    for variant in variants:
        rows = ingests.get(variant, [])
        print(f"| {variant} | {', '.join(s for s, _, _ in rows)} | {' / '.join(f'{w:.0f}' for _, w, _ in rows)} | "
              f"{' / '.join(f'{t:.0f}' for _, _, t in rows)} |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2].split())
