#!/usr/bin/env bash
# Links the Java runtime image that the runtime MSI carries (build-msi.sh --runtime, mvn -Dmsi.runtime=DIR):
#   link-runtime.sh AGENT_JAR OUTPUT_DIR
# with the JDK at JAVA_HOME (else the one on PATH). jlink links for the platform of the JDK's jmods, so
# the Windows image is linked on Windows (the Windows workflow does it); a Linux image of the same
# modules is what the tests here install in its place.
# Modules: what `jdeps --print-module-deps` finds in the agent jar (JNA's and the HTTP client's needs
# included), plus what only shows at run time: jdk.crypto.ec (TLS with elliptic-curve keys and key
# exchange) and, where the JDK has it, jdk.crypto.mscapi (the Windows-ROOT trust store the agent reads).
# --generate-cds-archive: the JDK's base CDS archive, which the JVM maps until the agent has made the
# user's own start-up archive (a static one that replaces it, made from the image's modules).
set -euo pipefail

die() { echo "link-runtime: $*" >&2; exit 1; }

(($# == 2)) || die "usage: link-runtime.sh AGENT_JAR OUTPUT_DIR"
agent_jar=$1 out=$2
[[ -f $agent_jar ]] || die "agent jar not found: $agent_jar (build the agent module first)"
[[ ! -e $out ]] || die "output folder exists already: $out (jlink writes a new one)"
if [[ -n ${JAVA_HOME:-} ]]; then
  jdk=$JAVA_HOME
  command -v cygpath >/dev/null && jdk=$(cygpath -u "$jdk")   # Git Bash on the Windows runner
else
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
[[ -d $jdk/jmods ]] || die "no jmods in $jdk: jlink needs a full JDK (set JAVA_HOME)"

modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$agent_jar")
modules+=,jdk.crypto.ec
[[ -f $jdk/jmods/jdk.crypto.mscapi.jmod ]] && modules+=,jdk.crypto.mscapi
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$out" >/dev/null
echo "link-runtime: $out ($modules)"
