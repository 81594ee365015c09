#!/usr/bin/env bash
# The main job on a fresh machine, on the embedded default: builds the jars, starts the collector
# on its embedded database, lets the agent on every demo snapshot in examples/ run one logon cycle
# (diagnose, report), shows the fleet as the helpdesk sees it, then queues a remote self-heal for
# the PC with MAPI/HTTP switched off and lets its agent carry it out.
#   scripts/demo.sh            (MAPI_DEMO_PORT=8080 by default; the work folder is printed)
set -euo pipefail
cd "$(dirname "$0")/.."

agent_jar=agent/target/mapi-agent.jar
collector_jar=collector/target/mapi-collector.jar
if [ ! -f "$agent_jar" ] || [ ! -f "$collector_jar" ] \
   || [ -n "$(find protocol outlook agent collector -name '*.java' -newer "$collector_jar" -print -quit)" ]; then
  echo "== building the agent and the collector (mvn package -DskipTests)"
  mvn -q -B -ntp package -DskipTests -pl agent,collector -am
fi

port=${MAPI_DEMO_PORT:-8080}
while (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
url="http://127.0.0.1:$port"
secret=demo-enroll-secret
admin_password=demo-admin-password
work=$(mktemp -d "${TMPDIR:-/tmp}/mapi-demo.XXXXXX")

echo "== collector on its embedded database: $url (data in $work/data)"
java -XX:MaxGCPauseMillis=20 -jar "$collector_jar" serve --port "$port" --data-dir "$work/data" \
  --enroll-secret "$secret" --admin-password "$admin_password" > "$work/collector.log" 2>&1 &
collector=$!
trap 'kill $collector 2>/dev/null || true; wait $collector 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  curl -fs "$url/healthz" >/dev/null 2>&1 && break
  kill -0 $collector 2>/dev/null || { cat "$work/collector.log"; exit 1; }
  sleep 0.5
done

cat > "$work/agent.json" <<JSON
{"collectorUrl": "$url", "enrollSecret": "$secret", "startDelayMaxSeconds": 0, "stayResident": false}
JSON

api() { curl -fsS -u "admin:$admin_password" -H 'Content-Type: application/json' "$@"; }
show() { # pretty JSON when python3 is there, raw otherwise
  if command -v python3 >/dev/null; then python3 -c "$1"; else cat; echo; fi
}
agent_cycle() { java -jar "$agent_jar" run --once --snapshot "$work/pcs/$1" --config "$work/agent.json"; }

mkdir -p "$work/pcs"
for snapshot in examples/*/; do
  name=$(basename "$snapshot")
  cp -r "$snapshot" "$work/pcs/$name"
  echo
  echo "== PC $name: mapi-agent diagnose"
  java -jar "$agent_jar" diagnose --snapshot "$work/pcs/$name" || true
  echo "== PC $name: mapi-agent run --once (logon cycle: diagnose, report to the collector)"
  agent_cycle "$name"
done

echo
echo "== the helpdesk's device list (GET /api/v1/devices)"
api "$url/api/v1/devices" | show '
import json, sys
for d in json.load(sys.stdin)["devices"]:
    d.setdefault("endpointHost", "")
    print("  %(hostname)-8s %(user)-6s %(verdict)-9s %(protocol)-10s %(endpointHost)s" % d)'

echo
echo "== fleet incidents: server-side or one PC? (GET /api/v1/fleet/incidents)"
api "$url/api/v1/fleet/incidents" | show '
import json, sys
incidents = json.load(sys.stdin)["incidents"]
for i in incidents:
    print("  %(side)-8s %(code)-26s %(endpoint)s  %(deviceCount)s device(s): %(reason)s" % i)
if not incidents:
    print("  none")'

device=$(api "$url/api/v1/devices?q=PC-0202" | show 'import json, sys; print(json.load(sys.stdin)["devices"][0]["deviceId"])')
echo
echo "== helpdesk queues a remote self-heal for PC-0202 (POST /api/v1/devices/$device/heal)"
api -X POST "$url/api/v1/devices/$device/heal" \
  -d '{"actions": ["enable-mapihttp", "reset-autodiscover-cache"]}' >/dev/null
echo "== PC-0202's agent runs its next cycle and carries the command out"
agent_cycle mapihttp-disabled
api "$url/api/v1/devices/$device" | show '
import json, sys
d = json.load(sys.stdin)
c = d["commands"][0]
print("  command %s: %s (%s) by %s" % (c["commandId"], c["status"], ", ".join(c["actions"]), c["requestedBy"]))
print("  PC-0202 is now %s, protocol %s" % (d["latest"]["verdict"], d["latest"]["protocol"]))'

echo
echo "== the fleet overview, the page's landing view (GET /api/v1/fleet/summary)"
api "$url/api/v1/fleet/summary" | show '
import json, sys
s = json.load(sys.stdin)
n = s["devices"] or 1
print("  %d devices; by verdict: %s" % (s["devices"], ", ".join("%s %d" % kv for kv in s["byVerdict"].items())))
print("  by protocol: " + ", ".join("%s %d (%d%%)" % (k, v, round(100 * v / n)) for k, v in s["byProtocol"].items()))
for e in s["endpoints"]:
    print("  endpoint %-20s %d device(s), %d on MAPI/HTTP" % (e["endpoint"] or "(none)", e["devices"], e["byProtocol"]["MAPI_HTTP"]))
for i in s["incidents"]:
    cause = i.get("cause")
    print("  incident %-7s %-26s %s%s" % (i["side"], i["code"], i["endpoint"] or "(unknown endpoint)",
          "  runbook cause %d (%s): %s" % (cause["number"], cause["name"], cause["confirm"]) if cause else ""))
print("  stopped reporting (%d days): %d" % (s["stale"]["days"], s["stale"]["count"]))'

echo
echo "Fleet overview: $url/#/overview (user admin, password $admin_password); API reference: $url/api.html"
echo "Work folder: $work"
if [ -t 0 ]; then
  echo "Press Enter to stop the collector."
  read -r _
fi
