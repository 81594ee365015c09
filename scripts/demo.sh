#!/usr/bin/env bash
# The main job on a fresh machine: build, then diagnose every demo snapshot in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f agent/target/mapi-agent.jar ] || [ -n "$(find agent protocol outlook -newer agent/target/mapi-agent.jar -name '*.java' -print -quit)" ]; then
  echo "== building (mvn -q package -DskipTests)"
  mvn -q -B -ntp package -DskipTests
fi

agent=(java -jar agent/target/mapi-agent.jar)
for snapshot in examples/*/; do
  snapshot=${snapshot%/}
  echo
  echo "== mapi-agent diagnose --snapshot $snapshot"
  set +e
  "${agent[@]}" diagnose --snapshot "$snapshot"
  code=$?
  set -e
  echo "(exit code $code)"
done
