#!/usr/bin/env bash
# A regional hit's time to first byte on loopback, without the emulated network (docs/topology.md,
# "Where a regional hit's time goes"): TierFillTiming starts an origin, regional-1 and edge-1 (its
# parent regional-1) on port 0 in one JVM, warms every object into regional-1, then per round times
# on kept-alive connections: regional hits through edge-1, the same objects from regional-1's tier
# route asked directly with an edge's certificate (TLS), from its viewer listener (plain), and edge
# hits at edge-1. Prints each round's medians and the medians of all rounds.
# Usage: bench/tier-fill-loopback/run.sh [ROUNDS] [PER_ROUND]   (default 8 x 40; about a minute a run)
#   RUNS=N        runs of each build (default 2), alternated with OLD_CP's
#   OLD_CP=cp     also runs a build of another commit, alternating (its classpath, as cp.txt below
#                 makes it: vid-cache's test-classes and classes, then its dependencies)
#   JAVA_FLAGS=.. JVM flags of every run, e.g. -XX:TieredStopAtLevel=1 as `cdn up --topology` runs
#                 its services (C1 only)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
rounds="${1:-8}"; per="${2:-40}"; runs="${RUNS:-2}"
work="$(mktemp -d /tmp/tier-fill-loopback.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
./mvnw -q -B -pl vid-cache -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="$repo/vid-cache/target/test-classes:$repo/vid-cache/target/classes:$(cat "$work/cp.txt")"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); JAVA_FLAGS=${JAVA_FLAGS:-}"
for run in $(seq 1 "$runs"); do
  for variant in ${OLD_CP:+old} this; do
    run_cp="$cp"; [[ "$variant" == old ]] && run_cp="$OLD_CP"
    echo "== run $run $variant"
    # shellcheck disable=SC2086
    timeout 600 "$JAVA_HOME/bin/java" ${JAVA_FLAGS:-} -Xmx1g -XX:MaxDirectMemorySize=1g \
      -DCDN_LOG_LEVEL=WARN -cp "$run_cp" org.telcocdn.cache.tier.TierFillTiming "$rounds" "$per" \
      | grep -E '^(round|ALL)'
  done
done
