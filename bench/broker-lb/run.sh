#!/usr/bin/env bash
# The broker load-balancing benchmark: see docs/load-balancing.md.
# Usage: bench/broker-lb/run.sh [-Dsessions=20000 -Dtitles=5000 -Dpolicies=bounded-load,round-robin ...]
# Needs the installed modules (./mvnw -q -B -o -pl vid-cache-broker,cli install) and wrk. The cli is on
# the classpath so that the wrk phase starts the broker with cdn's own command for it (Launch).
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -f cli/target/classpath.txt ]]; then
  echo "building the project (no cli/target/classpath.txt yet)" >&2
  ./mvnw -q -B -DskipTests install -pl cli -am
fi
classpath="vid-cache-broker/target/classes:cli/target/classes:$(cat cli/target/classpath.txt)"
# Quiet logs: the broker logs every state change at INFO, which would drown the table.
exec "$JAVA_HOME/bin/java" -Xmx1g -DCDN_LOG_LEVEL=WARN --enable-native-access=ALL-UNNAMED \
  -DbenchDir=bench/broker-lb "$@" -cp "$classpath" bench/broker-lb/BrokerLbBench.java
