# Sourced by bench/edge-vs-peers --memory-growth GB: fills one fresh edge's disk cache with 4 MiB
# objects up to GB gigabytes and prints heap (live, after a full GC) and RSS at each checkpoint.
# The index must hold keys and sizes only, so both should stay flat while the disk cache grows.
# Origin objects are hard links to a few random files (vid-raw serves each path as its own object),
# so the origin store costs almost no disk; the edge's copies are real and deleted at exit.

heap_used_mib() { # live heap after a full GC, from jstat's used columns (KiB)
  "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
  "$JAVA_HOME/bin/jstat" -gc "$1" | awk 'NR == 2 {printf "%.1f", ($3 + $4 + $6 + $8) / 1024}'
}

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/"$1"/status; }

memory_growth() { # gigabytes
  local gb="$1" per_gb=256 total i done_n=0 checkpoint
  total=$((gb * per_gb))
  echo "memory growth: filling a fresh edge's disk cache with $total x 4 MiB objects ($gb GiB), 8 in parallel"
  mkdir -p "$STORE/videos/growth"
  for i in 1 2 3 4; do head -c 4194304 /dev/urandom >"$WORK/growth-source-$i"; done
  for i in $(seq "$total"); do ln "$WORK/growth-source-$((i % 4 + 1))" "$STORE/videos/growth/$i.m4s"; done
  # -XX:+AlwaysPreTouch: the heap's pages count in RSS from the start, not as the collector first
  # touches them (which, with -Xms256m, looked like growth with the disk cache for the first GiBs).
  EDGE_JVM_EXTRA="${EDGE_JVM_EXTRA:-} -XX:+AlwaysPreTouch" start_edge growth "$((gb + 1))g" 64m
  echo "| disk cache GiB | objects on disk | live heap MiB | RSS MiB |"
  echo "|---|---|---|---|"
  echo "| 0 | 0 | $(heap_used_mib "$EDGE_PID") | $(rss_mib "$EDGE_PID") |" | tee -a "$WORK/growth.md"
  for checkpoint in 1 2 5 10 20 50; do
    [[ "$checkpoint" -le "$gb" ]] || break
    seq $((done_n + 1)) $((checkpoint * per_gb)) |
      taskset -c "$LOAD_CORE" xargs -P 8 -I{} curl -fsS -o /dev/null --max-time 60 "http://127.0.0.1:$EDGE_PORT/videos/growth/{}.m4s"
    done_n=$((checkpoint * per_gb))
    sleep 2 # the last fills commit
    echo "| $checkpoint | $(control_get "https://127.0.0.1:$EDGE_CONTROL_PORT/internal/cache" | jq .disk.objects) | $(heap_used_mib "$EDGE_PID") | $(rss_mib "$EDGE_PID") |" | tee -a "$WORK/growth.md"
  done
  stop "$EDGE_PID"
  rm -rf "$WORK/edge-cache-growth" "$STORE/videos/growth"
}
