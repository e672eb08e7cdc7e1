#!/usr/bin/env bash
# Per-record cost of the edge access log's writer thread (record, JSON, UTF-8, file write), measured
# as that thread's CPU time and allocation (AccessLogWriterBench). Two workloads: the edge benchmark's
# plain request and an hls.js request with CMCD in the query. Prints each round and the median.
# Usage: bench/access-log/run.sh [RECORDS] [ROUNDS]   (default 2,000,000 x 5; about a minute)
# OLD_CLASSES=dir also runs the same benchmark on other access-log classes first (e.g. a build of an
# older commit: git show each file of access-log/src/main into a tree, javac it and the bench class).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
records="${1:-2000000}"; rounds="${2:-5}"
work="$(mktemp -d /tmp/access-log-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
./mvnw -q -B -o -pl access-log test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="$repo/access-log/target/test-classes:$repo/access-log/target/classes:$(cat "$work/cp.txt")"
for workload in plain cmcd; do
  for variant in ${OLD_CLASSES:+old} this; do
    run_cp="$cp"; [[ "$variant" == old ]] && run_cp="$OLD_CLASSES:$(cat "$work/cp.txt")"
    echo -n "$variant: "
    "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseParallelGC -DCDN_LOG_LEVEL=WARN -cp "$run_cp" \
      org.telcocdn.accesslog.AccessLogWriterBench "$work" "$records" "$rounds" "$workload" | tail -1
  done
done
