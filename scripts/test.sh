#!/usr/bin/env bash
# The whole test run on a fresh machine: installs the system packages the tests need when they are
# missing (PostgreSQL, Chromium and its driver, wixl/msitools, promtool from prometheus), starts
# PostgreSQL, then runs the Maven build with every test (unit, contract tests on H2 and PostgreSQL,
# browser, MSI, promtool on the Prometheus rules and the collector's /metrics).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

missing=()
command -v mvn >/dev/null || missing+=(maven)
command -v pg_lsclusters >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v wixl >/dev/null || missing+=(wixl)
command -v msiinfo >/dev/null || missing+=(msitools)
command -v promtool >/dev/null || missing+=(prometheus)
if ((${#missing[@]})); then
  echo "== installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== starting PostgreSQL for the collector's tests"
eval "$("${sudo_cmd[@]}" scripts/test-postgres.sh)"
export MAPI_TEST_PG_URL

echo "== mvn verify"
mvn -B -ntp verify
