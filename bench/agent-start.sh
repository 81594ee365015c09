#!/usr/bin/env bash
# Agent start-up benchmark: whole-process wall time and peak RSS of `diagnose` on a snapshot,
# next to a bare JVM printing one line, in one run on this machine. Prints a Markdown table.
#   bench/agent-start.sh [RUNS]     (default 11 runs per row; medians)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
jar=agent/target/mapi-agent.jar
[ -f "$jar" ] || mvn -q -B -ntp package -DskipTests -pl agent -am
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'public class Bare { public static void main(String[] a) { System.out.println("ok"); } }\n' > "$work/Bare.java"
javac -d "$work" "$work/Bare.java"

# As installed: the options of jvm.args, and the user's start-up archive, which the agent makes itself
# after the report of its first logon (here a `run --once` whose collector is not there: it spools).
tuned=(@installer/src/main/dist/jvm.args)
cp -r examples/healthy "$work/logon"
printf '{"collectorUrl":"http://127.0.0.1:9","enrollSecret":"unused","startDelayMaxSeconds":0}\n' > "$work/agent.json"
java "${tuned[@]}" -XX:SharedArchiveFile="$work/agent.jsa" -jar "$jar" run --once --snapshot "$work/logon" --config "$work/agent.json"
[ -f "$work/agent.jsa" ] || { echo "the first logon made no start-up archive" >&2; exit 1; }

measure() { # label, command...
  local label=$1; shift
  local times=() rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true
    read -r t m < "$work/t"
    times+=("$t"); rss+=("$m")
  done
  local mt mr
  mt=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$label|$mt|$mr"
}

rows=()
rows+=("$(measure 'bare JVM (java -cp . Bare)' java -cp "$work" Bare)")
rows+=("$(measure 'diagnose, default JVM flags' java -jar "$jar" diagnose --snapshot examples/healthy --json)")
rows+=("$(measure 'diagnose, jvm.args' java "${tuned[@]}" -jar "$jar" diagnose --snapshot examples/healthy --json)")
rows+=("$(measure 'diagnose, jvm.args + the start-up archive the agent made (as mapi-agent.cmd runs it)' java "${tuned[@]}" -XX:SharedArchiveFile="$work/agent.jsa" -jar "$jar" diagnose --snapshot examples/healthy --json)")

bare=$(echo "${rows[0]}" | cut -d'|' -f2)
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d); $runs runs per row, medians"
echo
echo "| what | wall time (s) | × bare JVM | peak RSS (MiB) |"
echo "|---|---|---|---|"
for row in "${rows[@]}"; do
  IFS='|' read -r label t m <<< "$row"
  printf '| %s | %s | %.1f | %.0f |\n' "$label" "$t" "$(echo "$t / $bare" | bc -l)" "$(echo "$m / 1024" | bc -l)"
done
