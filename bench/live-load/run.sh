#!/usr/bin/env bash
# 500 simulated low-latency players on ONE edge (issue 17's targets; docs/live.md "Measured"):
# starts vid-metadata, vid-raw (the origin, with its live encoder) and one vid-cache edge as their
# own processes on free ports of 127.0.0.1 (no fixed port: no lock needed), starts the origin's test
# channel, and runs LiveLoad.java (N players doing blocking reloads and part fetches through the
# edge for SECONDS). It prints:
#   - upstream fetches per object: the edge's edge_live_upstream_total{kind="object"} and the
#     origin's origin_grpc_fetches_total{method="fetch"} over the run, against the distinct parts and
#     inits the players got (1.00 = one fetch each); playlist requests per playlist update likewise;
#   - part delivery p50/p99/max after the part's availability at the origin (X-Live-Available-At,
#     stamped by the origin's packager), and when a blocking reload first listed each part (the
#     newest part at the edge against its completion at the origin; targets 150 ms median, 300 ms p99);
#   - CPU seconds of the edge's JVM (/proc/PID/stat utime+stime over the run), of the origin (its
#     encoder is a child: ffmpeg not included) and of the load generator, and the load average.
# Bounded: SECONDS of load (+ up to 10 s for the last held requests), a 5-minute timeout on the load
# generator; every process started here is stopped by its pid at exit; scratch data in one mktemp
# directory, deleted at exit.
#
#   bench/live-load/run.sh [--players 500] [--seconds 60] [--ramp 5] [--warmup 10] [--skip]
# --skip: players ask for Playlist Delta Updates (_HLS_skip=YES) after their first playlist.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/bench/live-load"
PLAYERS=500
SECONDS_=60
RAMP=5
WARMUP=10
SKIP=NO
while [[ $# -gt 0 ]]; do
  case "$1" in
    --players) PLAYERS="$2"; shift 2 ;;
    --seconds) SECONDS_="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --skip) SKIP=YES; shift ;;
    *) echo "usage: $0 [--players N] [--seconds S] [--ramp S] [--warmup S] [--skip]" >&2; exit 2 ;;
  esac
done
[[ "$PLAYERS" =~ ^[0-9]+$ && "$PLAYERS" -ge 1 && "$PLAYERS" -le 5000 ]] || { echo "--players: 1-5000" >&2; exit 2; }
[[ "$SECONDS_" =~ ^[0-9]+$ && "$SECONDS_" -ge 5 && "$SECONDS_" -le 600 ]] || { echo "--seconds: 5-600" >&2; exit 2; }

for jdk in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  [[ -n "$jdk" && -x "$jdk/bin/java" ]] && { JAVA="$jdk/bin/java"; break; }
done
[[ -n "${JAVA:-}" ]] || { echo "JDK 25 not found (set JAVA_HOME)" >&2; exit 2; }
export JAVA_HOME="${JAVA%/bin/java}"
if [[ ! -f "$repo/cli/target/classpath.txt" ]]; then
  echo "building the project (no cli/target/classpath.txt yet)" >&2
  (cd "$repo" && ./mvnw -q -B -DskipTests install -pl cli -am)
fi
CP="$(cat "$repo/cli/target/classpath.txt")"
# the options cdn up starts services with (cli Launch.JVM_OPTIONS), logs at WARN to keep them small
JVM_OPTS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC
  -XX:MaxDirectMemorySize=1g -DCDN_LOG_LEVEL=WARN -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener)

WORK="$(mktemp -d /tmp/live-load-bench.XXXXXX)"
PIDS=()
cleanup() {
  local pid child
  for pid in "${PIDS[@]}"; do
    for child in $(pgrep -P "$pid" 2>/dev/null); do kill -KILL "$child" 2>/dev/null || true; done
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

source "$repo/bench/credentials.sh"
bench_secrets "$WORK/secrets" "$repo/cli/target/classes:$CP" vid-metadata/-/vid-metadata vid-raw/-/vid-raw \
  vid-cache/site-a/bench-edge

META_PORT="$(free_port)"; META_CONTROL="$(free_port)"
# shellcheck disable=SC2046
"$JAVA" "${JVM_OPTS[@]}" -cp "$CP" $(security vid-metadata) -Dmetadata.port="$META_PORT" \
  -Dmetadata.control-port="$META_CONTROL" -Dmetadata.broker-url=https://127.0.0.1:9 \
  -Dmetadata.db.url="jdbc:h2:file:$WORK/metadata/videos" org.telcocdn.metadata.MetadataMain >"$WORK/metadata.log" 2>&1 &
PIDS+=($!)
await_http "http://127.0.0.1:$META_PORT/health" vid-metadata

RAW_HTTP="$(free_port)"; RAW_GRPC="$(free_port)"
# shellcheck disable=SC2046
"$JAVA" "${JVM_OPTS[@]}" -cp "$CP" $(security vid-raw) -Dorigin.port="$RAW_HTTP" -Dorigin.grpc-port="$RAW_GRPC" \
  -Dorigin.store-dir="$WORK/store" -Dorigin.metadata-url="https://127.0.0.1:$META_CONTROL" \
  org.telcocdn.raw.OriginMain >"$WORK/vid-raw.log" 2>&1 &
PIDS+=($!); RAW_PID=$!
await_http "https://127.0.0.1:$RAW_HTTP/health" vid-raw

EDGE_PORT="$(free_port)"; EDGE_CONTROL="$(free_port)"
# shellcheck disable=SC2046
"$JAVA" "${JVM_OPTS[@]}" -Xms256m -Xmx512m -cp "$CP" $(security bench-edge) -Dedge.control-port="$EDGE_CONTROL" \
  -Dedge.name=live-load-edge -Dedge.port="$EDGE_PORT" -Dedge.broker-url= \
  -Dedge.origin-target="127.0.0.1:$RAW_GRPC" -Dedge.cache-dir="$WORK/edge-cache" \
  org.telcocdn.cache.EdgeMain >"$WORK/edge.log" 2>&1 &
PIDS+=($!); EDGE_PID=$!
await_http "http://127.0.0.1:$EDGE_PORT/health" vid-cache

CHANNEL="$(curl -fsS --max-time 60 --cacert "$SECRETS/ca.pem" -H "Authorization: Bearer $ADMIN_TOKEN" -X POST \
  "https://127.0.0.1:$RAW_HTTP/api/live/channels?name=live-load" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
RENDITIONS="$(control_get "https://127.0.0.1:$RAW_HTTP/api/live/channels" |
  python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["channels"][0]["renditions"]))')"
echo "live-load: channel $CHANNEL ($RENDITIONS), $PLAYERS players for ${SECONDS_} s on one edge; warming up ${WARMUP} s" >&2
sleep "$WARMUP"

edge_upstream() { # kind
  control_get "https://127.0.0.1:$EDGE_CONTROL/metrics" |
    awk -v k="$1" '/^edge_live_upstream_total\{/ && $0 ~ "kind=\"" k "\"" {s += $NF} END {printf "%d", s}'
}
origin_fetches() { # method [outcome]
  control_get "https://127.0.0.1:$RAW_HTTP/metrics" |
    awk -v m="$1" -v o="${2:-}" '/^origin_grpc_fetches_total\{/ && $0 ~ "method=\"" m "\"" && $0 ~ "outcome=\"" o {s += $NF} END {printf "%d", s}'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS="$(getconf CLK_TCK)"

before_obj="$(edge_upstream object)"; before_pl="$(edge_upstream playlist)"
before_raw="$(origin_fetches fetch ok)"; before_raw_all="$(origin_fetches fetch)"
before_edge_cpu="$(cpu_ticks "$EDGE_PID")"; before_raw_cpu="$(cpu_ticks "$RAW_PID")"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
start_ns="$(date +%s%N)"
timeout 300 "$JAVA" -Xmx1g -XX:+UseSerialGC "$here/LiveLoad.java" "http://127.0.0.1:$EDGE_PORT" "$CHANNEL" \
  "$RENDITIONS" "$PLAYERS" "$SECONDS_" "$RAMP" "$SKIP" >"$WORK/load.txt" &
LOAD_PID=$!; PIDS+=("$LOAD_PID")
load_cpu=0 # the generator's JVM is timeout's child; its ticks are read until it exits
while kill -0 "$LOAD_PID" 2>/dev/null; do
  java_pid="$(pgrep -P "$LOAD_PID" 2>/dev/null | head -n 1 || true)"
  [[ -z "$java_pid" ]] || load_cpu="$(cpu_ticks "$java_pid" 2>/dev/null || echo "$load_cpu")"
  sleep 0.5
done
wait "$LOAD_PID"
end_ns="$(date +%s%N)"
sleep 1 # the origin counts a fetch when its stream ends
after_obj="$(edge_upstream object)"; after_pl="$(edge_upstream playlist)"
after_raw="$(origin_fetches fetch ok)"; after_raw_all="$(origin_fetches fetch)"
after_edge_cpu="$(cpu_ticks "$EDGE_PID")"; after_raw_cpu="$(cpu_ticks "$RAW_PID")"

v() { awk -v k="$1" '$1 == k {$1 = ""; sub(/^ /, ""); print}' "$WORK/load.txt"; }
objects="$(v distinct_objects)"
wall="$(( (end_ns - start_ns) / 1000000 ))"
read -r d50 d99 dmax dn <<<"$(v delivery_ms)"
read -r l50 l99 lmax ln <<<"$(v listed_ms)"
cat <<EOF
live-load $(date -u +%FT%TZ): $PLAYERS players, ${SECONDS_} s (+ramp ${RAMP} s), channel renditions $RENDITIONS, load average $LOAD_START -> $(cut -d' ' -f1-3 /proc/loadavg)
players' requests: $(v playlist_answers) playlist answers ($(v delta_answers) delta updates with EXT-X-SKIP, $(v playlist_bytes) playlist bytes; _HLS_skip=$SKIP), $(v part_fetches) part fetches (200), failures $(v failures)
objects the players got (distinct parts + inits): $objects ($(v distinct_parts) parts)
edge upstream object fetches: $((after_obj - before_obj))  -> per object $(python3 -c "print(f'{($after_obj-$before_obj)/max(1,$objects):.3f}')")
origin gRPC fetches ok: $((after_raw - before_raw)) (all outcomes $((after_raw_all - before_raw_all)))  -> per object $(python3 -c "print(f'{($after_raw-$before_raw)/max(1,$objects):.3f}')")
edge upstream playlist requests: $((after_pl - before_pl)) for $(v playlist_states) playlist updates the players saw
part delivery after availability at the origin (ms): p50 $d50, p99 $d99, max $dmax ($dn fetches)
newest part listed at the edge after its completion at the origin (ms): p50 $l50, p99 $l99, max $lmax ($ln blocking reloads)
CPU seconds over ${wall} ms: edge $(python3 -c "print(f'{($after_edge_cpu-$before_edge_cpu)/$TICKS:.2f}')"), origin JVM $(python3 -c "print(f'{($after_raw_cpu-$before_raw_cpu)/$TICKS:.2f}')"), load generator $(python3 -c "print(f'{$load_cpu/$TICKS:.2f}')")
EOF
