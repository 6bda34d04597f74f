#!/usr/bin/env bash
# The test command (README, .ci/run): installs the database server packages when missing, then builds and runs
# every unit and integration test. Integration tests start their own MariaDB/PostgreSQL servers on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-db-servers.sh
exec mvn -B -ntp verify "$@"
