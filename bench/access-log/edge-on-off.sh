#!/usr/bin/env bash
# The access log's share of an edge's hit-path CPU: one vid-raw origin and one edge (one I/O thread,
# pinned to core 0 as in bench/edge-vs-peers; wrk and the origin on core 1), 64 KiB objects all in
# cache, wrk -c CONNS for S seconds. Variants, alternated per round, each on a freshly started edge:
#   off  edge.access-log.enabled=false
#   on   the access-log classes of this checkout (the installed jar in cli/target/classpath.txt)
#   old  (only with OLD_CLASSES=dir) those classes put first on the classpath, e.g. a build of HEAD
# Prints edge CPU seconds per GB served per run and the medians. Everything binds 127.0.0.1, every
# process started here is stopped by its pid at exit, scratch data is deleted.
# Usage: bench/access-log/edge-on-off.sh [ROUNDS] [SECONDS] [CONNS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS="${1:-3}"; SECS="${2:-4}"; CONNS="${3:-32}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
CP="$(cat "$repo/cli/target/classpath.txt")"
JVM_OPTS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC -DCDN_LOG_LEVEL=WARN
  -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener)
WORK="$(mktemp -d /tmp/edge-on-off.XXXXXX)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_http() { for _ in $(seq 300); do curl -fsS -o /dev/null --max-time 1 --cacert "$SECRETS/ca.pem" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }

# Credentials, as `cdn up` makes them (docs/security.md): vid-raw's HTTP and the edge's control listener
# are HTTPS with mutual TLS; the edge's viewer listener, what wrk loads, stays plain HTTP.
SECRETS="$WORK/secrets"
"$JAVA" "${JVM_OPTS[@]}" -cp "$repo/cli/target/classes:$CP" org.telcocdn.cli.Cdn secrets --dir "$SECRETS" \
  --service vid-raw/-/vid-raw --service vid-cache/site-a/bench >/dev/null
security() { # service name: its -Dsecurity.* options
  echo "-Dsecurity.tls.cert=$SECRETS/services/$1.pem -Dsecurity.tls.key=$SECRETS/services/$1.key" \
    "-Dsecurity.tls.ca=$SECRETS/ca.pem -Dsecurity.operator-keys=$SECRETS/operator-keys.json -Dsecurity.audit-log.dir=$WORK/audit"
}

mkdir -p "$WORK/store/videos/hit-64k"
for i in $(seq 500); do head -c 65536 /dev/urandom >"$WORK/store/videos/hit-64k/$i.m4s"; done
RAW_HTTP="$(free_port)"; RAW_GRPC="$(free_port)"
taskset -c 1 "$JAVA" "${JVM_OPTS[@]}" -Xmx256m -cp "$CP" $(security vid-raw) -Dorigin.host=127.0.0.1 -Dorigin.port="$RAW_HTTP" \
  -Dorigin.grpc-port="$RAW_GRPC" -Dorigin.store-dir="$WORK/store" -Dorigin.metadata-url=http://127.0.0.1:9 \
  org.telcocdn.raw.OriginMain >"$WORK/origin.log" 2>&1 &
PIDS+=($!)
await_http "https://127.0.0.1:$RAW_HTTP/health"

run() { # variant round
  local variant="$1" cp="$CP" enabled=true port pid before after out
  [[ "$variant" == off ]] && enabled=false
  [[ "$variant" == old ]] && cp="$OLD_CLASSES:$CP"
  port="$(free_port)"
  taskset -c 0 "$JAVA" "${JVM_OPTS[@]}" -Xms256m -Xmx256m -cp "$cp" $(security bench) -Dedge.control-port="$(free_port)" \
    -Dedge.name=bench -Dedge.host=127.0.0.1 \
    -Dedge.port="$port" -Dedge.broker-url= -Dedge.origin-target="127.0.0.1:$RAW_GRPC" -Dedge.cache-dir="$WORK/cache-$variant-$2" \
    -Dedge.io-threads=1 -Dedge.access-log.enabled="$enabled" -Dedge.access-log.dir="$WORK/logs-$variant-$2" \
    org.telcocdn.cache.EdgeMain >"$WORK/edge-$variant-$2.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  await_http "http://127.0.0.1:$port/health"
  seq 500 | taskset -c 1 xargs -P 8 -I{} curl -fsS -o /dev/null --max-time 30 "http://127.0.0.1:$port/videos/hit-64k/{}.m4s"
  # 8 s of untimed load: with 2 s, C2 was still compiling during the timed run (on the edge's one
  # core), more so with the log on, which showed as +10 to +29 % "log cost" that longer warm-ups erase
  taskset -c 1 wrk -t1 -c"$CONNS" -d"${WARM_SECONDS:-8}"s -s "$repo/bench/wrk/objects.lua" "http://127.0.0.1:$port" -- /videos/hit-64k 500 0 >/dev/null
  before="$(cpu_ticks "$pid")"
  out="$(taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECS}s" -s "$repo/bench/wrk/objects.lua" "http://127.0.0.1:$port" -- /videos/hit-64k 500 0)"
  after="$(cpu_ticks "$pid")"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  read -r _ reqs bytes dur _ < <(grep '^RESULT' <<<"$out")
  awk -v v="$variant" -v r="$2" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v b="$bytes" -v n="$reqs" -v d="$dur" \
    'BEGIN {printf "%s\t%s\t%.4f\t%.0f\n", v, r, t / hz / (b / 1e9), n * 1e6 / d}' | tee -a "$WORK/results.tsv"
}

variants=(off on); [[ -n "${OLD_CLASSES:-}" ]] && variants+=(old)
echo -e "variant\tround\tcpu_s_per_GB\treq_per_s"
for r in $(seq "$ROUNDS"); do for v in "${variants[@]}"; do run "$v" "$r"; done; done
echo "medians:"
median() { sort -g | awk '{x[NR] = $1} END {print x[int((NR + 1) / 2)]}'; }
for v in "${variants[@]}"; do
  printf '  %-4s cpu %s s/GB  %s req/s\n' "$v" \
    "$(awk -v v="$v" '$1 == v {print $3}' "$WORK/results.tsv" | median)" \
    "$(awk -v v="$v" '$1 == v {print $4}' "$WORK/results.tsv" | median)"
done
