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

tuned=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -Xmx64m)
java "${tuned[@]}" -XX:ArchiveClassesAtExit="$work/agent.jsa" -jar "$jar" diagnose --snapshot examples/healthy --json >/dev/null 2>&1

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
rows+=("$(measure 'diagnose, launcher flags' java "${tuned[@]}" -jar "$jar" diagnose --snapshot examples/healthy --json)")
rows+=("$(measure 'diagnose, launcher flags + CDS archive' java "${tuned[@]}" -XX:SharedArchiveFile="$work/agent.jsa" -jar "$jar" diagnose --snapshot examples/healthy --json)")

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
