#!/usr/bin/env bash
# The resident agent while the user is logged on: RSS and CPU of `mapi-agent run` (long-polling an
# embedded collector) after its first cycle, with the JVM flags the MSI's Run key uses.
#   bench/agent-resident.sh [SECONDS]     (default 60 s of idle after the first cycle)
set -euo pipefail
cd "$(dirname "$0")/.."
idle=${1:-60}
[ -f agent/target/mapi-agent.jar ] && [ -f collector/target/mapi-collector.jar ] \
  || mvn -q -B -ntp package -DskipTests -pl agent,collector -am
work=$(mktemp -d)
port=18765
while (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
java -jar collector/target/mapi-collector.jar serve --port "$port" --data-dir "$work/data" \
  --enroll-secret bench-enroll-secret --admin-password bench-admin-pw > "$work/collector.log" 2>&1 &
collector=$!
trap 'kill $collector $agent 2>/dev/null || true; rm -rf "$work"' EXIT
agent=
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.5; done
cp -r examples/healthy "$work/pc"
printf '{"collectorUrl":"http://127.0.0.1:%s","enrollSecret":"bench-enroll-secret","startDelayMaxSeconds":0,"stayResident":true,"pollIntervalSeconds":300}\n' "$port" > "$work/agent.json"
flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx32m)   # as in installer/src/main/wix/mapi-agent.wxs
java "${flags[@]}" -jar agent/target/mapi-agent.jar run --snapshot "$work/pc" --config "$work/agent.json" &
agent=$!
until grep -q "delivered" "$work/pc/LocalAppData/MapiAgent/logs/agent.log" 2>/dev/null; do sleep 0.5; done
sleep 5
ticks() { awk '{print $14 + $15}' "/proc/$agent/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); sleep "$idle"; t1=$(ticks)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$agent/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$agent/status")
threads=$(awk '/Threads/ {print $2}' "/proc/$agent/status")
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d)"
echo "JVM flags: ${flags[*]}"
echo
echo "| what | value |"
echo "|---|---|"
echo "| RSS after ${idle} s idle (MiB) | $((rss / 1024)) |"
echo "| peak RSS (MiB) | $((hwm / 1024)) |"
echo "| threads | $threads |"
printf '| CPU while idle | %.2f %% of one core (%d ticks in %d s) |\n' "$(echo "($t1 - $t0) * 100 / ($hz * $idle)" | bc -l)" "$((t1 - t0))" "$idle"
