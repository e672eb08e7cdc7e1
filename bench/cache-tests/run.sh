#!/usr/bin/env bash
# Runs the http-tests cache-tests suite (npm http-cache-tests, the version in package-lock.json)
# against the standalone edge: the suite's test server is the origin, `cdn edge` fronts it, the
# suite's client asks through the edge. Writes results/telcocdn-edge.json (the suite's results
# format) and prints the score the way cache-tests.fyi counts it (score.mjs), beside the reverse
# proxies whose results ship with the suite; exits 1 when the edge's score is below issue 20's target
# (more required tests passed than Squid's 122, at most 10 failed). Free ports on 127.0.0.1: no lock needed.
#
#   bench/cache-tests/run.sh            # the whole suite
#   bench/cache-tests/run.sh TEST-ID    # one test, with the requests and responses it saw
#   CDN_LOG_LEVEL=DEBUG KEEP_LOGS=DIR bench/cache-tests/run.sh TEST-ID   # and keep the edge's log in DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
suite="$here/node_modules/http-cache-tests"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "${KEEP_LOGS:-}" ]]; then mkdir -p "$KEEP_LOGS" && cp "$work"/*.log "$KEEP_LOGS"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v node >/dev/null || { echo "cache-tests: node is not installed (Debian: apt-get install nodejs npm)" >&2; exit 2; }
[[ -d "$suite" ]] || (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
origin_port="$(free_port)"
edge_port="$(free_port)"

# The suite's server serves from its own directory and reads its settings as npm would pass them.
(cd "$suite" && exec env npm_config_port="$origin_port" npm_package_config_protocol=http \
  npm_config_pidfile="$work/server.pid" node server/server.mjs) >"$work/origin.log" 2>&1 &
pids+=($!)
"$repo/cdn" edge --origin "http://127.0.0.1:$origin_port" --listen "127.0.0.1:$edge_port" \
  --cache-dir "$work/cache" --cache-size 1GiB >"$work/edge.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$edge_port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$edge_port/health" >/dev/null || { echo "cache-tests: the edge did not start:" >&2; cat "$work/edge.log" >&2; exit 1; }

# The client runs every test unless npm_config_id names one; it must be set (empty) either way.
id="${1:-}"
cd "$suite"
if [[ -n "$id" ]]; then
  npm_config_base="http://127.0.0.1:$edge_port" npm_config_id="$id" npm_package_config_id="$id" node --no-warnings cli.mjs
  exit 0
fi
mkdir -p "$here/results"
timeout 900 env npm_config_base="http://127.0.0.1:$edge_port" npm_config_id= npm_package_config_id= \
  node --no-warnings cli.mjs >"$work/results.json"
mv "$work/results.json" "$here/results/telcocdn-edge.json"
cd "$here"
status=0
node score.mjs results/telcocdn-edge.json --failures --target || status=1
for peer in squid trafficserver apache varnish nginx; do node score.mjs "$suite/results/$peer.json"; done
exit "$status"
