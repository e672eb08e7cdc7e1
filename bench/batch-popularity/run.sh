#!/usr/bin/env bash
# The batch benchmark: generate N access-log records (default 10 million) with the batch module's
# LogGenerator, then time the Spark job (local[*]) and a single-threaded plain Java pass over the same
# files, ROUNDS times each (default 3). Prints records/s per run; quote medians (docs/analytics.md).
# Usage: bench/batch-popularity/run.sh [SESSIONS] [ROUNDS]   (SESSIONS=650000 gives about 10 M records)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
sessions="${1:-650000}"; rounds="${2:-3}"
work="$(mktemp -d /tmp/batch-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp_file="$repo/batch/target/classpath.txt"
[[ -f "$cp_file" && -f "$repo/batch/target/classes/spark-jvm-options.txt" ]] || (cd "$repo" && ./mvnw -q -B -o -pl batch install -DskipTests)
cp="$(ls "$repo"/batch/target/batch-*.jar | head -n 1):$(cat "$cp_file")"
# Spark's --add-opens list, written by the batch build from the pom's spark.jvm.options
opts="$(cat "$repo/batch/target/classes/spark-jvm-options.txt")"
java=("$JAVA_HOME/bin/java" -Xmx3g -DCDN_LOG_LEVEL=WARN)
echo "generating $sessions sessions into $work/logs"
"${java[@]}" -cp "$cp" org.telcocdn.batch.LogGenerator "$work/logs" "$sessions" 2000 7 42
du -sh "$work/logs"
for i in $(seq "$rounds"); do
  echo -n "spark local[*] round $i: "
  # shellcheck disable=SC2086
  "${java[@]}" $opts -cp "$cp" org.telcocdn.batch.PopularityJob --input "$work/logs" --output "$work/out" 2>/dev/null | grep records
  echo -n "plain java (Jackson parse) round $i: "
  "${java[@]}" -cp "$cp" org.telcocdn.batch.PlainPass "$work/logs"
  echo -n "plain java (field scan) round $i: "
  "${java[@]}" -cp "$cp" org.telcocdn.batch.PlainPass "$work/logs" --scan
done
