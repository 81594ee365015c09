#!/usr/bin/env bash
# The resident agent while the user is logged on: RSS and CPU of `mapi-agent run` (long-polling an
# embedded collector) after its first cycle, started as the MSI's Run key starts it: the options of
# installer/src/main/dist/jvm.args and the user's start-up archive, which an earlier logon made
# (a `run --once` here). AGENT_JVM_FLAGS replaces jvm.args to compare other options.
# AGENT_JAR measures another build of the agent (e.g. the one before a change).
#   bench/agent-resident.sh [IDLE_SECONDS] [SETTLE_SECONDS]   (defaults 60 and 30: idle measured after settling)
set -euo pipefail
cd "$(dirname "$0")/.."
idle=${1:-60}
settle=${2:-30}
jar=${AGENT_JAR:-agent/target/mapi-agent.jar}
[ -f "$jar" ] && [ -f collector/target/mapi-collector.jar ] \
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
if [ -n "${AGENT_JVM_FLAGS:-}" ]; then read -r -a flags <<< "$AGENT_JVM_FLAGS"; else flags=(@installer/src/main/dist/jvm.args); fi
flags+=("-XX:SharedArchiveFile=$work/agent.jsa")
cp -r examples/healthy "$work/earlier-logon"
java "${flags[@]}" -jar "$jar" run --once --snapshot "$work/earlier-logon" --config "$work/agent.json"
[ -f "$work/agent.jsa" ] || { echo "the earlier logon made no start-up archive" >&2; exit 1; }
java "${flags[@]}" -jar "$jar" run --snapshot "$work/pc" --config "$work/agent.json" &
agent=$!
until grep -q "waiting for commands" "$work/pc/LocalAppData/MapiAgent/logs/agent.log" 2>/dev/null; do sleep 0.5; done
sleep "$settle"
# CPU time of every thread in nanoseconds (schedstat); clock ticks would round short wake-ups up to 10 ms
cpu_ns() { cat /proc/$agent/task/*/schedstat | awk '{s += $1} END {printf "%d", s}'; }
thread_ns() { for t in /proc/$agent/task/*; do echo "${t##*/}:$(tr ' ' '_' < "$t/comm") $(awk '{print $1}' "$t/schedstat")"; done | sort; }
t0=$(cpu_ns); thread_ns > "$work/threads0"; sleep "$idle"; t1=$(cpu_ns); thread_ns > "$work/threads1"
rss=$(awk '/VmRSS/ {print $2}' "/proc/$agent/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$agent/status")
threads=$(awk '/Threads/ {print $2}' "/proc/$agent/status")
# what Windows' Task Manager shows by default is the private working set: pages no other process shares
private=$(awk '/^Private_(Clean|Dirty):/ {s += $2} END {print s}' "/proc/$agent/smaps_rollup")
anon=$(awk '/^Anonymous:/ {print $2}' "/proc/$agent/smaps_rollup")
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d)"
echo "JVM flags: ${flags[*]}"
[ -n "${AGENT_JVM_FLAGS:-}" ] || echo "jvm.args: $(grep -v '^#' installer/src/main/dist/jvm.args | tr '\n' ' ')"
echo "Agent log: $(grep -o 'released idle memory: .*' "$work/pc/LocalAppData/MapiAgent/logs/agent.log" | tail -1)"
echo
echo "| what | value |"
echo "|---|---|"
echo "| RSS after ${settle} s settling and ${idle} s idle (MiB) | $((rss / 1024)) |"
echo "| of which private (MiB) | $((private / 1024)) |"
echo "| of which anonymous (heap, metaspace, code, stacks, malloc) (MiB) | $((anon / 1024)) |"
echo "| peak RSS (MiB) | $((hwm / 1024)) |"
echo "| threads | $threads |"
printf '| CPU while idle | %.3f %% of one core (%.1f ms in %d s) |\n' "$(echo "($t1 - $t0) / ($idle * 10000000)" | bc -l)" "$(echo "($t1 - $t0) / 1000000" | bc -l)" "$idle"
echo
echo "CPU while idle by thread (ms): $(join "$work/threads0" "$work/threads1" 2>/dev/null | awk '$3 - $2 > 100000 {sub(/^[0-9]+:/, "", $1); printf "%s %.1f; ", $1, ($3 - $2) / 1e6}')"
