#!/usr/bin/env bash
# Plain Netty, epoll against NIO and against epoll accepting in batches, 1 MiB bodies to 128 wrk
# connections (see Repro.java, bench/README.md).
# Server pinned to core 0, wrk to core 1, 127.0.0.1 only; each wrk run is bounded (-d), and the server
# is stopped by its own pid. Needs the installed project (cli/target/classpath.txt) and wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
CP="$(cat cli/target/classpath.txt)"
PORT="${PORT:-18777}"
run() {
  local log; log="$(mktemp)"
  taskset -c 0 "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx256m -XX:MaxDirectMemorySize=1g \
    -Dport="$PORT" "$@" -cp "$CP" bench/netty-epoll-tail/Repro.java >"$log" 2>&1 &
  local pid=$!
  trap 'kill "$pid" 2>/dev/null || true' EXIT
  for _ in $(seq 60); do grep -q READY "$log" && break; sleep 0.5; done
  taskset -c 1 wrk -t1 -c128 -d5s "http://127.0.0.1:$PORT/x" >/dev/null # warm-up
  taskset -c 1 wrk -t1 -c128 -d8s --latency "http://127.0.0.1:$PORT/x" | grep -E " 50%| 90%| 99%|Requests/sec" | tr -s ' ' | tr '\n' ' '
  echo
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -f "$log"
}
echo "epoll: $(run)"
echo "nio:   $(run -Dnio=true)"
echo "epoll, accepting in batches: $(run -DacceptMany=true)"
