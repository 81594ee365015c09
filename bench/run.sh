#!/usr/bin/env bash
# Collector load bench: starts collector(s) on this machine and prints Markdown tables of the figures.
#   bench/run.sh [ingest] [storm] [longpoll] [scaleout] [--options]   (no scenario: all four)
#   bench/run.sh --help                                                 (sizes and options)
# PostgreSQL runs (and scaleout) need a JDBC URL in MAPI_BENCH_PG_URL or --pg; MAPI_TEST_PG_URL is used when set
# (eval "$(scripts/test-postgres.sh)" starts a local one).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f collector/target/mapi-collector.jar ] || [ ! -f bench/target/mapi-bench.jar ] \
   || [ -n "$(find collector/src bench/src protocol/src -newer bench/target/mapi-bench.jar -type f -print -quit)" ]; then
  mvn -q -B -ntp package -DskipTests -pl collector,bench -am
fi
export MAPI_BENCH_PG_URL=${MAPI_BENCH_PG_URL:-${MAPI_TEST_PG_URL:-}}
exec java -Xmx2g -jar bench/target/mapi-bench.jar "$@"
