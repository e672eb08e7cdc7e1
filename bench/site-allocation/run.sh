#!/usr/bin/env bash
# The cross-edge allocation proof (docs/controller.md): for each generated video trace below, a site
# of 4 edges replayed (a) as four independent caches of each policy and (b) under the controller's
# allocation (SiteAllocator) over vpop with peer fill, at site capacities of 1, 5 and 10 % of the
# working set. One JVM per trace, sequential, single-threaded; no network, nothing left running.
# Usage: bench/site-allocation/run.sh [REQUESTS] [CSV]   (default 1000000 requests per trace)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
requests="${1:-1000000}"; csv="${2:-}"
classes="$repo/cache-sim/target/classes:$repo/cache-policy/target/classes"
[[ -d "$repo/cache-sim/target/classes" ]] || (cd "$repo" && ./mvnw -q -B -o -pl cache-policy,cache-sim install -DskipTests)
caffeine="$(find ~/.m2/repository/com/github/ben-manes/caffeine/caffeine -name 'caffeine-*.jar' ! -name '*sources*' | sort | tail -n 1)"
declare -A traces=(
  [A-s1]="--seed 1"
  [A-s2]="--seed 2"
  [A-s3]="--seed 3"
  [B-s1]="--seed 1 --titles 5000 --zipf 0.7 --new-releases 5"
  [C-s1]="--seed 1 --titles 1000 --zipf 1.0 --regions 1 --new-releases 10"
)
for name in A-s1 A-s2 A-s3 B-s1 C-s1; do
  echo "== $name: ${traces[$name]}"
  # shellcheck disable=SC2086
  timeout 600 "$JAVA_HOME/bin/java" -Xmx3g -cp "$classes:$caffeine" org.telcocdn.cache.sim.SiteSimulation \
    --requests "$requests" ${traces[$name]} ${csv:+--csv "$csv"}
done
