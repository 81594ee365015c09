#!/usr/bin/env bash
# Collector CPU per stored report, a figure the machine's other load disturbs less than reports/s.
#   bench/cpu-per-report.sh [collector.jar] [h2|pg]     (pg needs MAPI_TEST_PG_URL, see scripts/test-postgres.sh)
# Starts the jar, runs `bench ingest --url` against it, samples the collector's CPU time (/proc) and its
# mapi_reports_ingested_total every second, and prints CPU ms per report over the seconds that stored more than
# 50 reports (enrollment, which costs bcrypt, is left out). Also prints the mean group-commit batch when exposed.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(realpath "${1:-collector/target/mapi-collector.jar}"); DB=${2:-pg}
WORK=$(mktemp -d); PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DBARGS=(); SCHEMA=
pg() { PGOPTIONS=--client-min-messages=warning psql "$(sed -E 's#^jdbc:postgresql://([^/]+)/([^?]+)\?user=([^&]+)&password=(.*)$#postgresql://\3:\4@\1/\2#' <<<"$MAPI_TEST_PG_URL")" -q -c "$1"; }
if [ "$DB" = pg ]; then
  SCHEMA=cpu_$(date +%s%N)
  pg "CREATE SCHEMA $SCHEMA"
  DBARGS=(--db "$MAPI_TEST_PG_URL&currentSchema=$SCHEMA")
fi
java -Xmx1g -jar "$JAR" serve --port "$PORT" --data-dir "$WORK/data" --enroll-secret cpu-bench-secret \
  --admin-password cpu-bench-admin "${DBARGS[@]}" > "$WORK/collector.log" 2>&1 &
CPID=$!
trap 'kill $CPID 2>/dev/null || true; wait $CPID 2>/dev/null || true; rm -rf "$WORK"; [ -z "$SCHEMA" ] || pg "DROP SCHEMA $SCHEMA CASCADE"' EXIT
until curl -sf "localhost:$PORT/healthz" >/dev/null; do sleep 0.5; done
metric() { curl -s "localhost:$PORT/metrics" | awk -v m="$1" '$1 ~ m {s+=$2} END{print s+0}'; }
( while kill -0 $CPID 2>/dev/null; do
    echo "$(awk '{print $14+$15}' /proc/$CPID/stat) $(metric '^mapi_reports_ingested_total\\{outcome="(stored|duplicate)"\\}')"
    sleep 1
  done ) > "$WORK/samples" &
SPID=$!
java -Xmx2g -jar bench/target/mapi-bench.jar ingest --url "http://127.0.0.1:$PORT" --enroll-secret cpu-bench-secret \
  --admin-password cpu-bench-admin --seconds 15 --warmup-seconds 5 | grep '^| collector'
kill $SPID
batches=$(metric '^mapi_ingest_batch_reports_count'); reports=$(metric '^mapi_ingest_batch_reports_sum')
[ "$batches" != 0 ] && echo "batches: $batches, mean $(awk -v r="$reports" -v b="$batches" 'BEGIN{printf "%.1f", r/b}') reports"
awk -v tck="$(getconf CLK_TCK)" 'NR > 1 { n = $2 - s; c = ($1 - cpu) / tck * 1000; if (n > 50) { tc += c; tn += n; k++ } }
  { cpu = $1; s = $2 } END { printf "cpu ms/report: %.2f over %d reports in %d s\n", tc / tn, tn, k }' "$WORK/samples"
