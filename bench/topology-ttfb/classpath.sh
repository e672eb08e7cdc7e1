# Sourced by run.sh and live-latency.sh: $cp, Playwright's jars from the local Maven repository (the
# e2e module's; nothing is downloaded), and $java, the JDK 25 launcher that runs TierTtfb.java and
# LiveWatch.java as source.
m2="$(sed -n 's/.*-Dmaven.repo.local=\([^ ]*\).*/\1/p' <<< "${MAVEN_OPTS:-}")"; m2="${m2:-$HOME/.m2/repository}"
jar() { find "$m2/$1" -name "$2" 2>/dev/null | head -n 1; } # Java-WebSocket may be absent: Playwright launches over pipes
cp="$(jar com/microsoft/playwright playwright-1.56.0.jar):$(jar com/microsoft/playwright driver-1.56.0.jar)"
cp="$cp:$(jar com/microsoft/playwright driver-bundle-1.56.0.jar):$(jar com/google/code/gson gson-2.13.2.jar)"
cp="$cp:$(jar org/java-websocket 'Java-WebSocket-*.jar'):$(jar org/opentest4j 'opentest4j-*.jar')"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
