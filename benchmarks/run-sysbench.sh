#!/usr/bin/env bash
# sysbench oltp_point_select and oltp_read_only through the Shardgate proxy and straight to MariaDB, in one run:
# builds the benchmarks jar, then runs io.shardgate.bench.ProxySysbenchBenchmark, which starts its own MariaDB
# servers and proxies on free loopback ports and stops them afterwards. Needs mariadbd and sysbench
# (scripts/install-db-servers.sh installs both).
# Arguments, all optional: threads (4), seconds per run (20), rows per table (10000), rounds (2),
# tests (oltp_point_select,oltp_read_only).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-db-servers.sh
mvn -B -q -ntp -DskipTests -pl benchmarks -am package
exec java -cp benchmarks/target/shardgate-benchmarks.jar io.shardgate.bench.ProxySysbenchBenchmark "$@"
