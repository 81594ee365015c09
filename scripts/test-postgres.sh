#!/usr/bin/env bash
# Makes sure a local PostgreSQL cluster runs on 127.0.0.1:5432 with a role and database mapi_test,
# then prints the JDBC URL the collector's tests read from MAPI_TEST_PG_URL.
#
#   eval "$(scripts/test-postgres.sh)"      # exports MAPI_TEST_PG_URL in this shell
#
# Idempotent. Uses Debian's postgresql (installed when missing). PostgreSQL refuses to run as root,
# so the server and psql run as the postgres user; everything but the final export goes to stderr.
set -euo pipefail

PG_PASSWORD="${MAPI_TEST_PG_PASSWORD:-mapi_test_pw}"
PG_PORT="${MAPI_TEST_PG_PORT:-5432}"

log() { echo "test-postgres: $*" >&2; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

cluster=$(pg_lsclusters --no-header | awk -v port="$PG_PORT" '$3 == port {print $1 " " $2; exit}')
if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    log "creating cluster $version/main on port $PG_PORT"
    pg_createcluster "$version" main --port "$PG_PORT" >&2
    cluster="$version main"
fi
read -r version name <<<"$cluster"

status=$(pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1 == v && $2 == n {print $4}')
if [ "$status" != "online" ]; then
    log "starting cluster $version/$name"
    pg_ctlcluster "$version" "$name" start >&2
fi

for _ in $(seq 1 30); do
    if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then break; fi
    sleep 1
done
runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || { log "server did not come up"; exit 1; }

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt -p "$PG_PORT" "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'mapi_test'")" != "1" ]; then
    log "creating role mapi_test"
    psql_admin -c "CREATE ROLE mapi_test LOGIN PASSWORD '$PG_PASSWORD'"
else
    psql_admin -c "ALTER ROLE mapi_test LOGIN PASSWORD '$PG_PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'mapi_test'")" != "1" ]; then
    log "creating database mapi_test"
    psql_admin -c "CREATE DATABASE mapi_test OWNER mapi_test"
fi

echo "export MAPI_TEST_PG_URL='jdbc:postgresql://127.0.0.1:${PG_PORT}/mapi_test?user=mapi_test&password=${PG_PASSWORD}'"
