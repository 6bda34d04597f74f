#!/usr/bin/env bash
# Installs the MariaDB and PostgreSQL server binaries that the test harness (integration-tests/harness) starts
# as private processes, and sysbench, which the proxy's load test and benchmark run against them. Idempotent:
# installs only what is missing, nothing when all are present. Never starts, stops or configures the system's own
# database services.
set -euo pipefail

have_mariadb() {
    command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]
}

have_postgres() {
    command -v initdb >/dev/null 2>&1 || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

have_sysbench() {
    command -v sysbench >/dev/null 2>&1
}

packages=()
have_mariadb || packages+=(mariadb-server mariadb-client)
have_postgres || packages+=(postgresql postgresql-client)
have_sysbench || packages+=(sysbench)

if [ ${#packages[@]} -eq 0 ]; then
    echo "install-db-servers: mariadbd, PostgreSQL initdb and sysbench are already installed; nothing to do."
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-db-servers: need root (or sudo) to install: ${packages[*]}" >&2
    echo "install-db-servers: as root run: apt-get install -y --no-install-recommends ${packages[*]}" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-db-servers: apt-get not found; install MariaDB server (mariadbd, mariadb-install-db)," \
         "PostgreSQL server (initdb, postgres, pg_basebackup) and sysbench with your package manager" >&2
    exit 1
fi

# policy-rc.d exit code 101 forbids the packages' maintainer scripts to start the system services; it is
# only added for the duration of the install and only when no policy of the machine's own exists.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [ ! -e "$policy" ]; then
    own_policy=true
    "${as_root[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    trap '"${as_root[@]}" rm -f "$policy"' EXIT
fi

echo "install-db-servers: installing ${packages[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"

if [ "$own_policy" = true ]; then
    "${as_root[@]}" rm -f "$policy"
    trap - EXIT
fi

have_mariadb && have_postgres && have_sysbench || {
    echo "install-db-servers: packages installed but mariadbd, initdb or sysbench is still missing" >&2
    exit 1
}
echo "install-db-servers: done."
