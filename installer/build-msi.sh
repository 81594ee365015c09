#!/usr/bin/env bash
# Builds installer/target/mapi-agent-<version>-x64.msi from src/main/wix/mapi-agent.wxs with wixl
# (Debian packages wixl and msitools). Called by Maven in the installer module's package phase:
#   build-msi.sh [--runtime RUNTIME_DIR] PROJECT_VERSION AGENT_JAR OUTPUT_DIR
# With --runtime, the MSI carries the Java runtime image found at RUNTIME_DIR (a Windows x64 image made
# by jlink, see link-runtime.sh) under INSTALLDIR\runtime and is named mapi-agent-<version>-x64-runtime.msi.
# JNA's jnidispatch.dll for win32-x86-64 is taken from the agent jar (the JNA build the agent runs with).
# Without wixl/msitools the build fails when CI=true; elsewhere it warns, writes OUTPUT_DIR/msi-skipped.txt
# (the MSI tests then report themselves skipped) and exits 0. WIXL, MSIBUILD and MSIINFO name the tools.
set -euo pipefail

die() { echo "build-msi: $*" >&2; exit 1; }

usage="usage: build-msi.sh [--runtime RUNTIME_DIR] PROJECT_VERSION AGENT_JAR OUTPUT_DIR"
runtime=
if [[ ${1:-} == --runtime ]]; then
  (($# >= 2)) || die "$usage"
  runtime=$2
  shift 2
fi
(($# == 3)) || die "$usage"
project_version=$1 agent_jar=$2
out_dir=$(mkdir -p "$3" && cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
wixl=${WIXL:-wixl} wixl_heat=${WIXL_HEAT:-wixl-heat} msibuild=${MSIBUILD:-msibuild} msiinfo=${MSIINFO:-msiinfo}
jar=${JAR:-jar}

# MSI ProductVersion is major.minor.build (255.255.65535 at most) and has no qualifier.
version=${project_version%-SNAPSHOT}
[[ $version =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] \
  && ((BASH_REMATCH[1] <= 255 && BASH_REMATCH[2] <= 255 && BASH_REMATCH[3] <= 65535)) \
  || die "project version '$project_version' is not major.minor.patch within 255.255.65535, which an MSI needs"

[[ -f $agent_jar ]] || die "agent jar not found: $agent_jar (build the agent module first)"
agent_jar=$(cd "$(dirname "$agent_jar")" && pwd)/$(basename "$agent_jar")
msi="$out_dir/mapi-agent-$version-x64.msi"
if [[ -n $runtime ]]; then
  [[ -d $runtime ]] || die "runtime folder not found: $runtime"
  runtime=$(cd "$runtime" && pwd)
  for launcher in java.exe javaw.exe; do
    [[ -f $runtime/bin/$launcher ]] \
      || die "runtime $runtime has no bin/$launcher: give a Windows x64 Java runtime image (link-runtime.sh on Windows)"
  done
  msi="$out_dir/mapi-agent-$version-x64-runtime.msi"
fi
skipped="$out_dir/$(basename "$msi" .msi)-skipped.txt"
[[ -z $runtime ]] && skipped="$out_dir/msi-skipped.txt"
rm -f "$skipped" "$msi"
missing=()
tools=("$wixl" "$msibuild" "$msiinfo" "$jar")
[[ -n $runtime ]] && tools+=("$wixl_heat")
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  reason="not found: ${missing[*]} (install them with: apt-get install -y wixl msitools)"
  [[ ${CI:-} == true ]] && die "cannot build the MSI on CI, $reason"
  echo "build-msi: WARNING: MSI not built, $reason" >&2
  echo "$reason" > "$skipped"
  exit 0
fi

partial="$msi.partial"
payload="$msi.payload"
trap 'rm -rf "$partial" "$payload"' EXIT
# wixl resolves File/@Source relative to the working directory and rejects absolute paths.
rm -rf "$payload" && mkdir -p "$payload"
cp "$agent_jar" "$payload/mapi-agent.jar"
# cmd.exe needs CRLF to find goto labels reliably, whatever line ends the checkout has.
sed 's/\r*$/\r/' "$here/src/main/dist/mapi-agent.cmd" > "$payload/mapi-agent.cmd"
cp "$here/src/main/dist/jvm.args" "$payload/jvm.args"
dispatch=com/sun/jna/win32-x86-64/jnidispatch.dll
(cd "$payload" && "$jar" xf "$agent_jar" "$dispatch")
[[ -f $payload/$dispatch ]] || die "the agent jar $agent_jar holds no $dispatch (is JNA in it?)"
sources=("$here/src/main/wix/mapi-agent.wxs")
with_runtime=no
if [[ -n $runtime ]]; then
  # wixl-heat lists every file of the image as a 64-bit component under RUNTIMEDIR (files directly in
  # the image's root land in a Directory named ".", which Windows Installer reads as the parent itself).
  ln -s "$runtime" "$payload/runtime"
  (cd "$payload" && find -L runtime -type f | LC_ALL=C sort \
    | "$wixl_heat" --prefix runtime/ --directory-ref RUNTIMEDIR --component-group Runtime --var var.RuntimeDir --win64) \
    > "$payload/runtime.wxs"
  sources+=("$payload/runtime.wxs")
  with_runtime=yes
fi
(cd "$payload" && "$wixl" --arch x64 \
  --define "Version=$version" \
  --define "AgentJar=mapi-agent.jar" \
  --define "Launcher=mapi-agent.cmd" \
  --define "JvmArgs=jvm.args" \
  --define "JnaDispatch=$dispatch" \
  --define "Runtime=$with_runtime" \
  --define "RuntimeDir=runtime" \
  --define "Win64=yes" \
  --output "$partial" "${sources[@]}")

# Two fixes that wixl 0.101 cannot express in the source, applied with msibuild:
# 1. Public properties must be listed in SecureCustomProperties to reach the elevated part of the
#    install; wixl already writes that row (for MajorUpgrade), so extend it instead of adding one.
secure=$("$msiinfo" export "$partial" Property | awk -F'\t' '{ sub(/\r$/, "") } $1 == "SecureCustomProperties" { print $2 }')
[[ -n $secure ]] || die "wixl wrote no SecureCustomProperties row to extend"
"$msibuild" "$partial" \
  -q "UPDATE \`Property\` SET \`Value\` = '$secure;COLLECTOR_URL;ENROLL_SECRET;JAVA_HOME_DIR' WHERE \`Property\` = 'SecureCustomProperties'"
# 2. wixl ignores MajorUpgrade/@AllowSameVersionUpgrades. Every build of one version has a new
#    ProductCode, so a rebuild of the same version would install beside the old one instead of
#    replacing it: add IncludeMaximum (512) to the upgrade row, keeping MigrateFeatures (1).
#    Attributes is part of the Upgrade table's key, which SQL UPDATE cannot change: re-import it.
"$msiinfo" export "$partial" Upgrade \
  | awk 'BEGIN { FS = OFS = "\t" } NR > 3 && $7 ~ /^WIX_UPGRADE_DETECTED\r?$/ { $5 = 513 } { print }' \
  > "$payload/Upgrade.idt"
grep -q $'\t513\t' "$payload/Upgrade.idt" || die "wixl wrote no WIX_UPGRADE_DETECTED upgrade row to extend"
(cd "$payload" && "$msibuild" "$partial" -i Upgrade.idt)

mv -f "$partial" "$msi"
echo "build-msi: $msi"
