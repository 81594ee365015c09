#!/usr/bin/env bash
# Builds installer/target/mapi-agent-<version>-x64.msi from src/main/wix/mapi-agent.wxs with wixl
# (Debian packages wixl and msitools). Called by Maven in the installer module's package phase:
#   build-msi.sh PROJECT_VERSION AGENT_JAR OUTPUT_DIR
# Without wixl/msitools the build fails when CI=true; elsewhere it warns, writes OUTPUT_DIR/msi-skipped.txt
# (the MSI tests then report themselves skipped) and exits 0. WIXL, MSIBUILD and MSIINFO name the tools.
set -euo pipefail

die() { echo "build-msi: $*" >&2; exit 1; }

(($# == 3)) || die "usage: build-msi.sh PROJECT_VERSION AGENT_JAR OUTPUT_DIR"
project_version=$1 agent_jar=$2
out_dir=$(mkdir -p "$3" && cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
wixl=${WIXL:-wixl} msibuild=${MSIBUILD:-msibuild} msiinfo=${MSIINFO:-msiinfo}

# MSI ProductVersion is major.minor.build (255.255.65535 at most) and has no qualifier.
version=${project_version%-SNAPSHOT}
[[ $version =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] \
  && ((BASH_REMATCH[1] <= 255 && BASH_REMATCH[2] <= 255 && BASH_REMATCH[3] <= 65535)) \
  || die "project version '$project_version' is not major.minor.patch within 255.255.65535, which an MSI needs"

[[ -f $agent_jar ]] || die "agent jar not found: $agent_jar (build the agent module first)"
msi="$out_dir/mapi-agent-$version-x64.msi"
rm -f "$out_dir/msi-skipped.txt" "$msi"
missing=()
for tool in "$wixl" "$msibuild" "$msiinfo"; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  reason="not found: ${missing[*]} (install them with: apt-get install -y wixl msitools)"
  [[ ${CI:-} == true ]] && die "cannot build the MSI on CI, $reason"
  echo "build-msi: WARNING: MSI not built, $reason" >&2
  echo "$reason" > "$out_dir/msi-skipped.txt"
  exit 0
fi

partial="$msi.partial"
payload="$out_dir/msi-payload"
trap 'rm -rf "$partial" "$payload"' EXIT
# wixl resolves File/@Source relative to the working directory and rejects absolute paths.
rm -rf "$payload" && mkdir -p "$payload"
cp "$agent_jar" "$payload/mapi-agent.jar"
cp "$here/src/main/dist/mapi-agent.cmd" "$payload/mapi-agent.cmd"
cp "$here/src/main/dist/jvm.args" "$payload/jvm.args"
(cd "$payload" && "$wixl" --arch x64 \
  --define "Version=$version" \
  --define "AgentJar=mapi-agent.jar" \
  --define "Launcher=mapi-agent.cmd" \
  --define "JvmArgs=jvm.args" \
  --output "$partial" "$here/src/main/wix/mapi-agent.wxs")

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
