#!/usr/bin/env bash
# Cache-index benchmark: committed holdings reports per second and p50/p99 commit latency on a
# 3-member group on loopback, each member its own JVM (IndexMain), load from a fourth (IndexBench).
# Bounded: ROUNDS rounds of 2 s warm-up + SECONDS s per configuration; every process it starts is
# stopped by its own pid at exit. Also measures leader failover: kill -9 of the leader's pid, time
# until another member reports itself LEADER (FAILOVERS rounds), against the 3 s goal: the one place
# the failover time is measured.
#
# Members run with credentials as `cdn up` makes them (bench/credentials.sh): their HTTP is HTTPS with
# mutual TLS and /status is read with the admin token; Raft, where the load goes, is plain gRPC.
# Binds fixed ports (19861-19873): run it under `flock /tmp/cdn-fixed-ports.lock`.
#
# Usage: bench/cache-index/run.sh [ROUNDS] [SECONDS] [FAILOVERS]
# Needs: ./mvnw -q -B -o -pl cache-index -am install (builds target/classpath.txt and the test classes)
# and the cli (./mvnw -q -B -o -pl cli -am install), whose `cdn secrets` makes the certificates.
set -euo pipefail
ROUNDS="${1:-3}"
SECONDS_PER_ROUND="${2:-10}"
FAILOVERS="${3:-5}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MODULE="$ROOT/cache-index"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/classpath.txt")"
WORK="$(mktemp -d /tmp/cache-index-bench.XXXXXX)"
RAFT_BASE=19860
HTTP_BASE=19870
PEERS="n1=127.0.0.1:$((RAFT_BASE + 1)),n2=127.0.0.1:$((RAFT_BASE + 2)),n3=127.0.0.1:$((RAFT_BASE + 3))"
declare -A PIDS=()

cleanup() {
  local id
  for id in "${!PIDS[@]}"; do kill "${PIDS[$id]}" 2>/dev/null || true; done
  for id in "${!PIDS[@]}"; do wait "${PIDS[$id]}" 2>/dev/null || true; done
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$WORK" # BENCH_KEEP=1: the members' logs stay
}
trap cleanup EXIT
trap 'exit 130' INT TERM
source "$ROOT/bench/credentials.sh"
CONTROL_MAX_TIME=1 # /status polls: a member that does not answer within 1 s is not the leader yet
bench_secrets "$WORK/secrets" "$ROOT/cli/target/classes:$(cat "$ROOT/cli/target/classpath.txt")" \
  cache-index/-/n1 cache-index/-/n2 cache-index/-/n3 vid-cache/site-a/index-bench # the load: an edge's rights

start_member() { # id number
  local id="$1" n="$2"
  # shellcheck disable=SC2046
  CDN_LOG_LEVEL=WARN "$JAVA" -Xmx256m -cp "$CP" $(security "$id") \
    -Dindex.id="$id" -Dindex.peers="$PEERS" -Dindex.http-port=$((HTTP_BASE + n)) \
    -Dindex.storage-dir="$WORK/$id" -Dindex.snapshot-threshold=20000 \
    org.telcocdn.index.IndexMain >"$WORK/$id.log" 2>&1 &
  PIDS[$id]=$!
}

await_leader() { # prints the leader's id once one answers
  local deadline=$((SECONDS + ${LEADER_WAIT_SECONDS:-120})) n role # three JVMs starting on a busy machine
  while ((SECONDS < deadline)); do
    for n in 1 2 3; do
      role=$(control_get "https://127.0.0.1:$((HTTP_BASE + n))/status" 2>/dev/null | jq -r .role 2>/dev/null || true)
      if [[ "$role" == "LEADER" ]]; then echo "n$n"; return 0; fi
    done
    sleep 0.05
  done
  echo "no leader within ${LEADER_WAIT_SECONDS:-120} s (logs: BENCH_KEEP=1)" >&2; return 1
}

start_group() {
  rm -rf "${WORK:?}"/n*
  for n in 1 2 3; do start_member "n$n" "$n"; done
  await_leader >/dev/null
}

stop_group() {
  local id
  for id in "${!PIDS[@]}"; do kill "${PIDS[$id]}" 2>/dev/null || true; wait "${PIDS[$id]}" 2>/dev/null || true; unset "PIDS[$id]"; done
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "cache-index benchmark, $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), rounds=$ROUNDS seconds=$SECONDS_PER_ROUND"
# Each configuration is "CLIENTS BATCH INFLIGHT"; BENCH_CONFIGS="1 1 1;4 50 4" overrides the list.
IFS=';' read -r -a CONFIGS <<<"${BENCH_CONFIGS:-1 1 1;4 1 8;4 50 4;4 200 2;2 100 1}"
start_group # one group for every throughput round: starting three JVMs costs more than a round
for config in "${CONFIGS[@]}"; do
  read -r clients batch inflight <<<"$config"
  : >"$WORK/results"
  for round in $(seq "$ROUNDS"); do
    line=$(CDN_LOG_LEVEL=WARN "$JAVA" -Xmx512m -cp "$CP" $(security index-bench) org.telcocdn.index.IndexBench "$PEERS" "$SECONDS_PER_ROUND" "$clients" "$batch" "$inflight" 2>/dev/null | grep '^RESULT')
    echo "  round $round: $line"
    echo "$line" >>"$WORK/results"
  done
  field() { grep -o "$1=[0-9.]*" "$WORK/results" | cut -d= -f2 | median; }
  echo "MEDIAN clients=$clients batch=$batch inflight=$inflight reports_per_s=$(field reports_per_s) entries_per_s=$(field entries_per_s) p50_ms=$(field p50_ms) p99_ms=$(field p99_ms)"
done
stop_group

((FAILOVERS > 0)) || exit 0
echo "failover: kill -9 the leader, time until another member reports LEADER"
: >"$WORK/failover"
for round in $(seq "$FAILOVERS"); do
  start_group
  leader=$(await_leader)
  sleep 1
  start_ns=$(date +%s%N)
  kill -9 "${PIDS[$leader]}"; wait "${PIDS[$leader]}" 2>/dev/null || true; unset "PIDS[$leader]"
  while true; do
    found=""
    for n in 1 2 3; do
      [[ "n$n" == "$leader" ]] && continue
      role=$(control_get "https://127.0.0.1:$((HTTP_BASE + n))/status" 2>/dev/null | jq -r .role 2>/dev/null || true)
      [[ "$role" == "LEADER" ]] && found="n$n"
    done
    [[ -n "$found" ]] && break
    (( $(date +%s%N) - start_ns > 30000000000 )) && { echo "  no new leader in 30 s"; break; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  echo "  round $round: leader $leader killed, $found leads after $ms ms"
  echo "$ms" >>"$WORK/failover"
  stop_group
done
# The goal (docs/cache-index.md): another member leads within 3 s of the leader's death. Measured
# here, on processes killed with -9, not asserted by LeaderFailoverTest or CacheIndexIT, which check
# only that a new leader comes and that no acknowledged write is lost.
GOAL_MS=3000
within=$(awk -v goal="$GOAL_MS" '$1 <= goal' "$WORK/failover" | wc -l)
echo "MEDIAN failover_ms=$(median <"$WORK/failover") (of $FAILOVERS), max $(sort -g "$WORK/failover" | tail -n 1); within the ${GOAL_MS} ms goal: $within of $FAILOVERS"
