#!/usr/bin/env bash
# The main job: builds the proxy jar when it is missing or older than the sources, then runs it with the given
# arguments (no --config: the embedded default configuration).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=proxy-server/target/shardgate-proxy.jar
if [ ! -f "$jar" ] || [ -n "$(find sharding-rules jdbc-driver proxy-server -name '*.java' -newer "$jar" -print -quit)" ]; then
  mvn -B -q -ntp -DskipTests -pl proxy-server -am package
fi
exec java -jar "$jar" "$@"
