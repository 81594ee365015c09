#!/usr/bin/env bash
# The whole test run on a fresh machine: installs the system packages the tests need when they are
# missing (PostgreSQL, Chromium and its driver, wixl/msitools, Wine, lintian, systemd, nginx, promtool from
# prometheus), starts PostgreSQL, then runs the Maven build with every test (unit, contract tests on H2 and
# PostgreSQL, browser, MSI on Wine's msiexec, the collector's Debian package, promtool on the Prometheus rules
# and the collector's /metrics).
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
command -v wine >/dev/null || missing+=(wine wine64)
# the collector's Debian package: built with jdeps/jlink/jpackage (a JDK with jmods) and strip (binutils),
# checked with lintian and systemd-analyze
command -v jdeps >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v strip >/dev/null || missing+=(binutils)
command -v lintian >/dev/null || missing+=(lintian)
command -v systemd-analyze >/dev/null || missing+=(systemd)
# HTTPS checks of the package: certificates by openssl, nginx as the reverse proxy, curl as the client
command -v openssl >/dev/null || missing+=(openssl)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
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

# The installer's tests install the MSI with Wine's msiexec: here they must run, not skip.
export MAPI_TEST_WINE=required

echo "== mvn verify"
mvn -B -ntp verify
