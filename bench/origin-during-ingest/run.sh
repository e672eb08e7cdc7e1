#!/usr/bin/env bash
# Cold misses at the origin while it transcodes a 2-minute upload: time to first byte from vid-raw
# over gRPC (Origin.Fetch, as an edge fetches) and through one vid-cache edge with an empty cache,
# with ffmpeg as the origin used to run it ("before": nice 0, ffmpeg's own threads) and as it runs
# now ("after": the defaults of origin.transcode.*), alternated A B B A. See bench/README.md.
#
#   bench/origin-during-ingest/run.sh [--rounds N] [--variants "before after ..."] [--rate R]
#       [--idle-seconds S] [--transcode-seconds S] [--out FILE]
#
# Variants: before, after, and for comparing policies nice10, nice19, batch19, idle (threads bounded
# to the default), idle-auto, nice19-auto (ffmpeg's own threads). Everything binds 127.0.0.1 on free
# ports (no lock needed); every process started here is stopped by its pid in the EXIT trap; scratch
# data lives in one mktemp directory, deleted at exit. Samples are kept in $SAMPLE_DIR
# (/tmp/telcocdn-bench-samples) for the next run. Bounded: each round is one ingest and at most
# RATE x (15 + IDLE + 60 + TRANSCODE) s of paced fetches with 30-s deadlines.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/bench/origin-during-ingest"
ROUNDS=2
VARIANTS="before after"
RATE=10
IDLE_SECONDS=15
TRANSCODE_SECONDS=60
WARMUP_TICKS=300
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --variants) VARIANTS="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --idle-seconds) IDLE_SECONDS="$2"; shift 2 ;;
    --transcode-seconds) TRANSCODE_SECONDS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--variants \"before after\"] [--rate R] [--idle-seconds S] [--transcode-seconds S] [--out FILE]" >&2
       exit 2 ;;
  esac
done

variant_options() { # the origin's -D options of a variant
  case "$1" in
    before) echo "-Dorigin.transcode.nice=0 -Dorigin.transcode.scheduler=normal -Dorigin.transcode.threads=0" ;;
    after) echo "" ;;
    nice10) echo "-Dorigin.transcode.nice=10 -Dorigin.transcode.scheduler=normal" ;;
    nice19) echo "-Dorigin.transcode.nice=19 -Dorigin.transcode.scheduler=normal" ;;
    nice19-auto) echo "-Dorigin.transcode.nice=19 -Dorigin.transcode.scheduler=normal -Dorigin.transcode.threads=0" ;;
    batch19) echo "-Dorigin.transcode.nice=19 -Dorigin.transcode.scheduler=batch" ;;
    idle) echo "-Dorigin.transcode.scheduler=idle" ;;
    idle-auto) echo "-Dorigin.transcode.scheduler=idle -Dorigin.transcode.threads=0" ;;
    *) echo "unknown variant $1" >&2; exit 2 ;;
  esac
}
for v in $VARIANTS; do variant_options "$v" >/dev/null; done

# ---------------------------------------------------------------- tools
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

# ---------------------------------------------------------------- processes
WORK="$(mktemp -d /tmp/origin-ingest-bench.XXXXXX)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [[ -n "${BENCH_KEEP:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { # one started process, by pid; vid-raw's ffmpeg children die with it (the ingest is cancelled)
  local pid="$1" keep=() p
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]}"; do [[ "$p" == "$pid" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

await_http() { # url what
  for _ in $(seq 600); do
    curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$2 did not come up at $1" >&2; exit 1
}

start_metadata() {
  META_PORT="$(free_port)"
  "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" -Dmetadata.port="$META_PORT" -Dmetadata.broker-url=http://127.0.0.1:9 \
    -Dmetadata.db.url="jdbc:h2:file:$WORK/metadata/videos" org.telcocdn.metadata.MetadataMain >"$WORK/metadata.log" 2>&1 &
  PIDS+=($!)
  await_http "http://127.0.0.1:$META_PORT/health" vid-metadata
}

STORE="$WORK/store"
start_origin() { # variant
  RAW_HTTP="$(free_port)"; RAW_GRPC="$(free_port)"
  # shellcheck disable=SC2046 # the variant's options are words
  "$JAVA" "${JVM_OPTS[@]}" $(variant_options "$1") -cp "$CP" -Dorigin.port="$RAW_HTTP" -Dorigin.grpc-port="$RAW_GRPC" \
    -Dorigin.store-dir="$STORE" -Dorigin.metadata-url="http://127.0.0.1:$META_PORT" \
    org.telcocdn.raw.OriginMain >"$WORK/vid-raw-$1.log" 2>&1 &
  PIDS+=($!); RAW_PID=$!
  await_http "http://127.0.0.1:$RAW_HTTP/health" vid-raw
}

start_edge() { # fresh cache: every fetch through it is a miss
  EDGE_PORT="$(free_port)"
  rm -rf "$WORK/edge-cache"
  "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" -Dedge.name=bench-edge -Dedge.port="$EDGE_PORT" -Dedge.broker-url= \
    -Dedge.origin-target="127.0.0.1:$RAW_GRPC" -Dedge.cache-dir="$WORK/edge-cache" -Dedge.access-log.dir="$WORK/access" \
    org.telcocdn.cache.EdgeMain >"$WORK/edge.log" 2>&1 &
  PIDS+=($!); EDGE_PID=$!
  await_http "http://127.0.0.1:$EDGE_PORT/health" vid-cache
}

ingest() { # file name -> video id
  curl -fsS --max-time 900 -X POST --data-binary "@$1" "http://127.0.0.1:$RAW_HTTP/api/ingest?name=$2" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# ---------------------------------------------------------------- content
SAMPLE_DIR="${SAMPLE_DIR:-/tmp/telcocdn-bench-samples}"
make_sample() { "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" "$here/MakeSample.java" "$SAMPLE_DIR" "$@"; }
echo "samples in $SAMPLE_DIR (made once with the bundled ffmpeg)" >&2
UPLOAD="$(make_sample ingest-1280x720-120s 120 1280 720)" # the 2-minute upload, as cdn demo's sample 4
SOURCE="$(make_sample misses-1280x720-20s 20 1280 720)"   # the already-ingested video the misses read

start_metadata
start_origin after
echo "ingesting the video the misses read, and cloning it (hard links) into 100 video ids" >&2
BASE_ID="$(ingest "$SOURCE" bench-misses)"
OBJECTS="$WORK/objects.txt"
for k in $(seq -w 1 100); do
  cp -al "$STORE/videos/$BASE_ID" "$STORE/videos/miss-$k"
  (cd "$STORE/videos/miss-$k" && find . -type f -printf "miss-$k %P\n") >>"$OBJECTS"
done
stop "$RAW_PID"
echo "$(wc -l <"$OBJECTS") objects of ${BASE_ID}'s ladder; upload $(du -h "$UPLOAD" | cut -f1)" >&2

# ---------------------------------------------------------------- rounds
RESULTS="$WORK/results.tsv"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
run_round() { # variant round
  local v="$1" r="$2" raw="$WORK/raw-$1-$2.txt" transcode
  start_origin "$v"
  start_edge
  echo "round $r, $v: $(variant_options "$v" | sed 's/-Dorigin.transcode.//g') (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
  "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" "$repo/bench/origin-probe/PacedMisses.java" "127.0.0.1:$RAW_GRPC" \
    "http://127.0.0.1:$EDGE_PORT" "http://127.0.0.1:$RAW_HTTP" "$OBJECTS" "$RATE" "$WARMUP_TICKS" "$IDLE_SECONDS" \
    "$TRANSCODE_SECONDS" "$UPLOAD" >"$raw"
  transcode="$(curl -fsS "http://127.0.0.1:$RAW_HTTP/metrics" | awk '/^origin_transcode_seconds_sum/ {print $NF}')"
  awk -v v="$v" -v r="$r" -v t="${transcode:-nan}" '{print v "\t" r "\t" t "\t" $0}' "$raw" >>"$RESULTS"
  grep '^ingest' "$raw" | sed "s/^/  /" >&2
  stop "$EDGE_PID"
  stop "$RAW_PID"
  find "$STORE/videos" -mindepth 1 -maxdepth 1 -not -name 'miss-*' -not -name "$BASE_ID" -exec rm -rf {} +
}
read -r -a order <<<"$VARIANTS"
for r in $(seq "$ROUNDS"); do
  if (( r % 2 == 1 )); then seq_order=("${order[@]}"); else seq_order=(); for ((i=${#order[@]}-1; i>=0; i--)); do seq_order+=("${order[i]}"); done; fi
  for v in "${seq_order[@]}"; do run_round "$v" "$r"; done
done

{
  echo "### $(date -u '+%Y-%m-%d %H:%M UTC'), \`bench/origin-during-ingest/run.sh --rounds $ROUNDS --variants \"$VARIANTS\" --rate $RATE\`"
  echo
  echo "$(nproc) cores, load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; $RATE misses/s on each path."
  echo
  python3 "$here/summarize.py" "$RESULTS" "$VARIANTS"
} | tee ${OUT:+"$OUT"}
