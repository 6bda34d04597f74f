#!/usr/bin/env bash
# Resharding benchmark: copy throughput of shardgate-reshard against `mariadb-dump | mariadb` of the same rows,
# and the write-pause distribution of repeated cutover + rollback cycles with writers on the JDBC driver.
# Builds the tool's jar and the benchmarks jar, then runs io.shardgate.bench.ReshardBenchmark, which starts its own
# MariaDB servers on free loopback ports and stops them afterwards. Needs mariadbd, mariadb and mariadb-dump
# (scripts/install-db-servers.sh installs them).
# Arguments, all optional: rows (1000000), cycles (20), rows of the cycled table (10000), writer threads (4).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-db-servers.sh
mvn -B -q -ntp -DskipTests -pl resharding-tool,benchmarks -am package
exec java -cp benchmarks/target/shardgate-benchmarks.jar io.shardgate.bench.ReshardBenchmark "$@"
