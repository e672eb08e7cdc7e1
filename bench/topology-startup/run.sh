#!/usr/bin/env bash
# Start-up time of the simulated telco network (docs/topology.md, "Start-up time").
# Usage (root): bench/topology-startup/run.sh [--rounds N] [--variant NAME=COMMAND]... [--out FILE]
#
# Each round runs, per variant in turn (A, B, A, B, ...: the host's load drifts, so the variants
# alternate rather than run in blocks), `COMMAND up -d --topology T` on a copy of
# topology/telco.yaml with a fresh data directory (secrets included, as a first `cdn up` makes
# them), timed from the command's start to its return (every service healthy), each output line
# stamped; then `COMMAND down`, and counts what is left behind: namespaces named cdn-*, host
# interfaces of the topology's prefix, nft tables on the host, and any process that was listed in
# `cdn ps --json` before the down. COMMAND defaults to this checkout's ./cdn (CDN_SKIP_BUILD=1:
# build it first); a variant can be a snapshot of another build's cli (a wrapper script).
# Prints one line per run and a median per variant (and writes it to --out). Runs under flock
# /tmp/cdn-fixed-ports.lock and the simulated network's lock (TelcoTopologyIT's), bounded by timeout.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=3
out=""
variants=()
args=("$@")
while (($#)); do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --variant) variants+=("$2"); shift 2 ;;
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    *) echo "topology-startup: unknown argument $1" >&2; exit 2 ;;
  esac
done
set -- "${args[@]}"
((${#variants[@]})) || variants=("current=env CDN_SKIP_BUILD=1 $repo/cdn")
[[ $EUID -eq 0 ]] || { echo "topology-startup: needs root (network namespaces, tc, nftables)" >&2; exit 2; }

if [[ -z "${STARTUP_LOCKED:-}" ]]; then
  # flock(2) for the fixed ports, an fcntl lock for the namespaces (TelcoTopologyIT's FileLock).
  exec env STARTUP_LOCKED=1 flock /tmp/cdn-fixed-ports.lock \
    python3 "$repo/bench/topology-drills/lockf.py" /tmp/cdn-simulated-network.lock \
    timeout $((rounds * ${#variants[@]} * 400 + 60)) "$0" "$@"
fi

work="$(mktemp -d /tmp/topology-startup.XXXXXX)"
current_cmd=""
current_topology=""
cleanup() {
  if [[ -n "$current_topology" ]]; then $current_cmd down --topology "$current_topology" > /dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
stamp() { local t0="$1"; while IFS= read -r line; do printf '%6.1f s  %s\n' "$(( $(date +%s%3N) - t0 ))e-3" "$line"; done; }
leftovers() { # namespaces, host interfaces, host nft tables, processes still alive
  local ns links tables alive=0 pid
  ns="$(ip netns list | grep -c '^cdn-' || true)"
  links="$(ip -o link show | grep -c ': cdn' || true)"
  tables="$(nft list tables 2>/dev/null | grep -c 'cdn' || true)"
  for pid in $1; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
  echo "namespaces $ns, interfaces $links, nft tables $tables, processes $alive"
}
results="$work/results.txt"
for round in $(seq 1 "$rounds"); do
  for variant in "${variants[@]}"; do
    name="${variant%%=*}" cmd="${variant#*=}"
    topology="$work/telco-$name-$round.yaml"
    sed "s|^dataDir: .*|dataDir: $work/data-$name-$round|" "$repo/topology/telco.yaml" > "$topology"
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    current_cmd="$cmd" current_topology="$topology"
    t0=$(date +%s%3N)
    if $cmd up -d --topology "$topology" 2>&1 | stamp "$t0" > "$work/up-$name-$round.log"; then ok=ok; else ok=FAILED; fi
    seconds="$(( $(date +%s%3N) - t0 ))e-3"
    pids="$($cmd ps --topology "$topology" --json 2>/dev/null | jq -r '.[].pid' | tr '\n' ' ' || true)"
    [[ -f "$work/data-$name-$round/run/state.json" ]] && pids="$pids $(jq -r '.. | .pid? // empty' "$work/data-$name-$round/run/state.json" | tr '\n' ' ')"
    pids="$(echo $pids | tr ' ' '\n' | sort -un | tr '\n' ' ')"
    # CPU seconds each service (and the delay line) used by the time `up` returned, and the top
    # of the whole host's processes by CPU: who else competed for the cores.
    { echo "cpu seconds at ready:"; for pid in $pids; do printf '  %s %s\n' "$(ps -o times= -p "$pid" 2>/dev/null)" "$(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null | grep -o '[a-zA-Z]*Main' | tail -n 1)"; done
      echo "  total: $(for pid in $pids; do ps -o times= -p "$pid" 2>/dev/null; done | awk '{s += $1} END {print s}') s"
      echo "host:"; ps -eo pid,ni,etimes,times,comm --sort=-times | head -n 12; } >> "$work/up-$name-$round.log"
    $cmd down --topology "$topology" > "$work/down-$name-$round.log" 2>&1 || echo "down failed: $(cat "$work/down-$name-$round.log")" >&2
    current_topology=""
    left="$(leftovers "$pids")"
    printf '%s round %d: up %s (%.1f s), load at start %s, after down: %s\n' \
      "$name" "$round" "$ok" "$seconds" "$load" "$left" | tee -a "$results"
    cp "$work/up-$name-$round.log" "${out:-$work/x}.up-$name-$round.log" 2>/dev/null || true
  done
done
echo "medians:" | tee -a "$results"
for variant in "${variants[@]}"; do
  name="${variant%%=*}"
  grep "^$name round" "$results" | sed 's/.*(\([0-9.]*\) s).*/\1/' | sort -n \
    | awk -v n="$name" '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "  %s: %.1f s over %d runs (min %.1f, max %.1f)\n", n, m, NR, v[1], v[NR]}' \
    | tee -a "$results"
done
[[ -n "$out" ]] && cp "$results" "$out"
exit 0
