#!/usr/bin/env bash
# What demand prediction costs an edge per viewer request (issue 19: inference at most 5 % of one
# core at 2,000 requests/s). Runs PredictorCostBench (vid-cache test classes) in one JVM: ROUNDS
# rounds of the event loop's hand-over and of the predictor thread's work over SECONDS simulated
# seconds at 2,000 requests/s. No ports, no lock needed.
#   bench/predict-online/run.sh [ROUNDS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q test-compile -pl vid-cache -am
./mvnw -B -q dependency:build-classpath -pl vid-cache -Dmdep.outputFile=/tmp/predict-online.cp \
  -Dmdep.includeScope=test
CP="vid-cache/target/test-classes:vid-cache/target/classes:$(cat /tmp/predict-online.cp)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" org.telcocdn.cache.predict.PredictorCostBench "${1:-5}" "${2:-900}" | grep -E "^round"
