#!/usr/bin/env bash
# The broker load-balancing benchmark: see docs/load-balancing.md.
# Usage: bench/broker-lb/run.sh [-Dsessions=20000 -Dtitles=5000 -Dpolicies=bounded-load,round-robin ...]
# Needs the installed vid-cache-broker (./mvnw -q -B -o -pl vid-cache-broker install) and wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -o -pl vid-cache-broker dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
classpath="vid-cache-broker/target/classes:$(cat "$cp_file")"
# Quiet logs: the broker logs every state change at INFO, which would drown the table.
exec "$JAVA_HOME/bin/java" -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlogback.configurationFile=/dev/null \
  -DbenchDir=bench/broker-lb "$@" -cp "$classpath" bench/broker-lb/BrokerLbBench.java
