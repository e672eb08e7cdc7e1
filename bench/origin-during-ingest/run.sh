#!/usr/bin/env bash
# Cold misses at the origin while it transcodes a 2-minute upload: time to first byte from vid-raw
# over gRPC (Origin.Fetch, as an edge fetches) and through one vid-cache edge with an empty cache,
# with ffmpeg as the origin used to run it ("before": nice 0, ffmpeg's own threads) and as it runs
# now ("after": the defaults of origin.transcode.*), alternated A B B A. See bench/README.md.
#
#   bench/origin-during-ingest/run.sh [--rounds N] [--variants "before after ..."] [--rate R]
#       [--idle-seconds S] [--transcode-seconds S] [--main-checkout DIR] [--out FILE]
#
# Variants: main (the origin built in DIR, a checkout of main with `./mvnw -q -B -DskipTests package
# -pl cli -am`: the code before this change, not switches of it), before (this origin switched to
# what main did: nice 0, the normal policy, the origin's session, ffmpeg's own threads), after (the
# defaults), and to compare the parts: idle-shared, nice19-shared,
# batch19-shared (that policy, in the origin's session), nice19-own (nice 19 in a session of its
# own), idle-auto (the defaults but ffmpeg's own thread count), own-nice0 and own-nice10 (the
# defaults with that nice value for ffmpeg's own autogroup). Everything binds 127.0.0.1 on free
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
MAIN_CHECKOUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --variants) VARIANTS="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --idle-seconds) IDLE_SECONDS="$2"; shift 2 ;;
    --transcode-seconds) TRANSCODE_SECONDS="$2"; shift 2 ;;
    --main-checkout) MAIN_CHECKOUT="$(cd "$2" && pwd)"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--variants \"before after\"] [--rate R] [--idle-seconds S] [--transcode-seconds S]" \
         "[--main-checkout DIR] [--out FILE]" >&2
       exit 2 ;;
  esac
done

variant_options() { # the origin's -D options of a variant
  local p="-Dorigin.transcode"
  case "$1" in
    main) echo "" ;; # main has no origin.transcode.* keys
    before) echo "$p.nice=0 $p.scheduler=normal $p.own-session=false $p.threads=0" ;;
    after) echo "" ;;
    idle-shared) echo "$p.scheduler=idle $p.own-session=false" ;;
    nice19-shared) echo "$p.nice=19 $p.scheduler=normal $p.own-session=false" ;;
    nice19-own) echo "$p.nice=19 $p.scheduler=normal $p.own-session=true" ;;
    batch19-shared) echo "$p.nice=19 $p.scheduler=batch $p.own-session=false" ;;
    idle-auto) echo "$p.threads=0" ;;
    own-nice0) echo "$p.nice=0" ;;
    own-nice10) echo "$p.nice=10" ;;
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
if [[ " $VARIANTS " == *" main "* ]]; then
  [[ -f "$MAIN_CHECKOUT/cli/target/classpath.txt" ]] || {
    echo "variant main needs --main-checkout DIR, a checkout of main built with ./mvnw -q -B -DskipTests package -pl cli -am" >&2
    exit 2
  }
  MAIN_CP="$(cat "$MAIN_CHECKOUT/cli/target/classpath.txt")"
fi
# the options cdn up starts services with (cli Launch.JVM_OPTIONS), logs at WARN to keep them small
JVM_OPTS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC
  -XX:MaxDirectMemorySize=1g -DCDN_LOG_LEVEL=WARN -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener)

# ---------------------------------------------------------------- processes
WORK="$(mktemp -d /tmp/origin-ingest-bench.XXXXXX)"
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

stop() { # one started process, by pid, and its children (vid-raw's ffmpeg, if an ingest still runs)
  local pid="$1" keep=() p
  for p in $(pgrep -P "$pid" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]}"; do [[ "$p" == "$pid" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Credentials as `cdn up` makes them (bench/credentials.sh): vid-raw's HTTP (ingest, metrics) and the
# control listeners of vid-metadata and the edge are HTTPS with mutual TLS; vid-raw registers titles
# at vid-metadata's control listener with its certificate; ingests are an operator's, with the admin
# token. The variant main needs a checkout of main with the same credentials (issue 15 merged).
source "$repo/bench/credentials.sh"
bench_secrets "$WORK/secrets" "$repo/cli/target/classes:$CP" vid-metadata/-/vid-metadata vid-raw/-/vid-raw \
  vid-cache/site-a/bench-edge

start_metadata() {
  META_PORT="$(free_port)"; META_CONTROL="$(free_port)"
  # shellcheck disable=SC2046
  "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" $(security vid-metadata) -Dmetadata.port="$META_PORT" \
    -Dmetadata.control-port="$META_CONTROL" -Dmetadata.broker-url=https://127.0.0.1:9 \
    -Dmetadata.db.url="jdbc:h2:file:$WORK/metadata/videos" org.telcocdn.metadata.MetadataMain >"$WORK/metadata.log" 2>&1 &
  PIDS+=($!)
  await_http "http://127.0.0.1:$META_PORT/health" vid-metadata
}

STORE="$WORK/store"
start_origin() { # variant
  RAW_HTTP="$(free_port)"; RAW_GRPC="$(free_port)"
  local cp="$CP"
  [[ "$1" == main ]] && cp="$MAIN_CP"
  # shellcheck disable=SC2046 # the variant's options are words
  "$JAVA" "${JVM_OPTS[@]}" $(variant_options "$1") -cp "$cp" $(security vid-raw) -Dorigin.port="$RAW_HTTP" \
    -Dorigin.grpc-port="$RAW_GRPC" -Dorigin.store-dir="$STORE" -Dorigin.metadata-url="https://127.0.0.1:$META_CONTROL" \
    org.telcocdn.raw.OriginMain >"$WORK/vid-raw-$1.log" 2>&1 &
  PIDS+=($!); RAW_PID=$!
  await_http "https://127.0.0.1:$RAW_HTTP/health" vid-raw
}

start_edge() { # fresh cache: every fetch through it is a miss
  EDGE_PORT="$(free_port)"
  rm -rf "$WORK/edge-cache"
  # shellcheck disable=SC2046
  "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" $(security bench-edge) -Dedge.control-port="$(free_port)" \
    -Dedge.name=bench-edge -Dedge.port="$EDGE_PORT" -Dedge.broker-url= \
    -Dedge.origin-target="127.0.0.1:$RAW_GRPC" -Dedge.cache-dir="$WORK/edge-cache" -Dedge.access-log.dir="$WORK/access" \
    org.telcocdn.cache.EdgeMain >"$WORK/edge.log" 2>&1 &
  PIDS+=($!); EDGE_PID=$!
  await_http "http://127.0.0.1:$EDGE_PORT/health" vid-cache
}

# The probe is the client, not what is measured: it runs in its own session, hence its own autogroup
# (sched(7): the scheduler first shares a core between sessions, then between their threads), with
# that group's nice at PROBE_AUTOGROUP_NICE (-10; needs root, else left at 0), so that the machine's
# other load delays its own reads less. It sends 20 requests/s: it takes little from anyone. The
# origin, the edge and ffmpeg stay in this script's session at the priority they would have.
PROBE_AUTOGROUP_NICE="${PROBE_AUTOGROUP_NICE:--10}"
as_client() {
  setsid bash -c 'echo "$0" >/proc/self/autogroup 2>/dev/null || true; exec "$@"' "$PROBE_AUTOGROUP_NICE" "$@"
}

ingest() { # file name -> video id
  curl -fsS --max-time 900 --cacert "$SECRETS/ca.pem" -H "Authorization: Bearer $ADMIN_TOKEN" -X POST \
    --data-binary "@$1" "https://127.0.0.1:$RAW_HTTP/api/ingest?name=$2" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}

# ---------------------------------------------------------------- content
SAMPLE_DIR="${SAMPLE_DIR:-/tmp/telcocdn-bench-samples}"
make_sample() { "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" "$here/MakeSample.java" "$SAMPLE_DIR" "$@"; }
echo "samples in $SAMPLE_DIR (made once with the bundled ffmpeg)" >&2
UPLOAD="$(make_sample ingest-1280x720-120s 120 1280 720)" # the 2-minute upload, as cdn demo's sample 4
SOURCE="$(make_sample misses-1280x720-20s 20 1280 720)"   # the already-ingested video the misses read

start_metadata
start_origin before # the fastest: this ingest is not measured
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
  local v="$1" r="$2" raw="$WORK/raw-$1-$2.txt" transcode load_start
  start_origin "$v"
  start_edge
  load_start="$(cut -d' ' -f1 /proc/loadavg)"
  echo "round $r, $v: $(variant_options "$v" | sed 's/-Dorigin.transcode.//g') (load average $load_start)" >&2
  as_client "$JAVA" "${JVM_OPTS[@]}" -cp "$CP" -Dbench.secrets="$SECRETS" $(security bench-edge) "$repo/bench/origin-probe/PacedMisses.java" \
    "127.0.0.1:$RAW_GRPC" "http://127.0.0.1:$EDGE_PORT" "https://127.0.0.1:$RAW_HTTP" "$OBJECTS" "$RATE" "$WARMUP_TICKS" "$IDLE_SECONDS" \
    "$TRANSCODE_SECONDS" "$UPLOAD" "$RAW_PID" >"$raw" &
  PIDS+=($!)
  wait $!
  echo "load $load_start $(cut -d' ' -f1 /proc/loadavg)" >>"$raw" # the 1-minute load average at the round's start and end
  transcode="$(control_get "https://127.0.0.1:$RAW_HTTP/metrics" | awk '/^origin_transcode_seconds_sum/ {print $NF}')"
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
