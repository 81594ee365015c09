#!/usr/bin/env bash
# Agent start-up benchmark: whole-process wall time and peak RSS of `diagnose` on a snapshot,
# next to a bare JVM printing one line, in one run on this machine. Prints a Markdown table.
#   bench/agent-start.sh [RUNS]     (default 11 rounds, each row once per round; medians)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
jar=${AGENT_JAR:-agent/target/mapi-agent.jar}   # AGENT_JAR: another build, e.g. the one before a change
jvm_args=${AGENT_JVM_ARGS:-installer/src/main/dist/jvm.args}   # AGENT_JVM_ARGS: that build's options file
[ -f "$jar" ] || mvn -q -B -ntp package -DskipTests -pl agent -am
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'public class Bare { public static void main(String[] a) { System.out.println("ok"); } }\n' > "$work/Bare.java"
javac -d "$work" "$work/Bare.java"

# As installed: the options of jvm.args, and the user's start-up archive, which the agent makes itself
# after the report of its first logon (here a `run --once` whose collector is not there: it spools).
tuned=("@$jvm_args")
cp -r examples/healthy "$work/logon"
printf '{"collectorUrl":"http://127.0.0.1:9","enrollSecret":"unused","startDelayMaxSeconds":0}\n' > "$work/agent.json"
java "${tuned[@]}" -XX:SharedArchiveFile="$work/agent.jsa" -jar "$jar" run --once --snapshot "$work/logon" --config "$work/agent.json"
[ -f "$work/agent.jsa" ] || { echo "the first logon made no start-up archive" >&2; exit 1; }

labels=('bare JVM (java -cp . Bare)' 'diagnose, default JVM flags (plain java -jar)' 'diagnose, jvm.args'
        'diagnose, jvm.args + the start-up archive the agent made (as the Run value and mapi-agent.cmd start it)')
commands=("java -cp $work Bare"
          "java -jar $jar diagnose --snapshot examples/healthy --json"
          "java ${tuned[*]} -jar $jar diagnose --snapshot examples/healthy --json"
          "java ${tuned[*]} -XX:SharedArchiveFile=$work/agent.jsa -jar $jar diagnose --snapshot examples/healthy --json")
# The rows take turns (round 1: every row once, round 2: ...), so a change of load on this shared machine
# falls on every row alike; each row's ratio is the median of its per-round ratios to the bare JVM. CPU time
# is shown beside the wall time: on a machine loaded by other work it is the steadier of the two.
for round in $(seq "$runs"); do
  for i in "${!commands[@]}"; do
    read -r -a command <<< "${commands[$i]}"
    /usr/bin/time -f '%e %M %U %S' -o "$work/t" "${command[@]}" >/dev/null 2>&1 || true
    echo "$round $i $(cat "$work/t")" >> "$work/all"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rows=()
for i in "${!commands[@]}"; do
  t=$(awk -v i="$i" '$2 == i {print $3}' "$work/all" | median)
  m=$(awk -v i="$i" '$2 == i {print $4}' "$work/all" | median)
  ratio=$(awk -v i="$i" '$2 == 0 {bare[$1] = $3} $2 == i {row[$1] = $3} END {for (r in row) print row[r] / bare[r]}' "$work/all" | median)
  cpu=$(awk -v i="$i" '$2 == i {print $5 + $6}' "$work/all" | median)
  cpu_ratio=$(awk -v i="$i" '$2 == 0 {bare[$1] = $5 + $6} $2 == i {row[$1] = $5 + $6} END {for (r in row) print row[r] / bare[r]}' "$work/all" | median)
  rows+=("${labels[$i]}|$t|$ratio|$cpu|$cpu_ratio|$m")
done

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg); $runs rounds, medians"
echo
echo "| what | wall time (s) | × bare JVM | CPU time, user + system (s) | × bare JVM | peak RSS (MiB) |"
echo "|---|---|---|---|---|---|"
for row in "${rows[@]}"; do
  IFS='|' read -r label t ratio cpu cpu_ratio m <<< "$row"
  printf '| %s | %s | %.1f | %.2f | %.1f | %.1f |\n' "$label" "$t" "$ratio" "$cpu" "$cpu_ratio" "$(echo "$m / 1024" | bc -l)"
done
