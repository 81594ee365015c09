#!/usr/bin/env bash
# Builds OUTPUT_DIR/mapi-collector_<version>_amd64.deb: the collector as a Debian package with a
# Java runtime of its own and a hardened systemd unit (src/deb/). Called by Maven in the installer
# module's package phase (profile collector-deb, on Linux):
#   build-deb.sh PROJECT_VERSION COLLECTOR_JAR OUTPUT_DIR
# jdeps lists the Java modules the collector jar uses, jpackage (with jlink) makes the launcher and
# the trimmed runtime, dpkg-deb packs the tree. Without these tools the build fails when CI=true;
# elsewhere it warns, writes OUTPUT_DIR/deb-skipped.txt (the package checks then report themselves
# skipped) and exits 0. JAVA_HOME picks the JDK; DEB_MAINTAINER overrides the Maintainer field.
set -euo pipefail

die() { echo "build-deb: $*" >&2; exit 1; }

(($# == 3)) || die "usage: build-deb.sh PROJECT_VERSION COLLECTOR_JAR OUTPUT_DIR"
project_version=$1 collector_jar=$2
out_dir=$(mkdir -p "$3" && cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
src="$here/src/deb"
maintainer=${DEB_MAINTAINER:-"mapi-agent maintainers <mapi-agent@example.org>"}
umask 022

# Debian versions: '-' would start a Debian revision, and a pre-release must sort before its
# release, which '~' does (0.1.0~SNAPSHOT < 0.1.0). jpackage's own version is numbers only.
version=${project_version//-/\~}
[[ $version =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "project version '$project_version' gives no Debian version"
app_version=${project_version%%-*}
[[ $app_version =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "project version '$project_version' does not start with numbers"

deb="$out_dir/mapi-collector_${version}_amd64.deb"
rm -f "$out_dir/deb-skipped.txt" "$out_dir"/mapi-collector_*_amd64.deb
# A build of the installer module alone (mvn -pl installer package, as the MSI job does) has no collector
# jar: no package then, said in deb-skipped.txt. The package checks fail on CI without the package, so
# a whole-project CI build, which always makes the jar first, cannot lose them silently.
if [[ ! -f $collector_jar ]]; then
  reason="collector jar not found: $collector_jar (build the collector module first)"
  echo "build-deb: WARNING: Debian package not built, $reason" >&2
  echo "$reason" > "$out_dir/deb-skipped.txt"
  exit 0
fi
jdk_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
missing=()
for tool in "${jdk_bin}jdeps" "${jdk_bin}jpackage" dpkg-deb strip; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  reason="not found: ${missing[*]} (a full JDK 17+, dpkg and binutils are needed)"
  [[ ${CI:-} == true ]] && die "cannot build the Debian package on CI, $reason"
  echo "build-deb: WARNING: Debian package not built, $reason" >&2
  echo "$reason" > "$out_dir/deb-skipped.txt"
  exit 0
fi

work="$out_dir/deb-build"
rm -rf "$work" && mkdir -p "$work/input"
trap 'rm -rf "$work"' EXIT
cp "$collector_jar" "$work/input/mapi-collector.jar"

# Modules jdeps cannot see, because they are reached by name at run time: jdk.crypto.ec (the EC
# keys and ECDHE key exchange of HTTPS), jdk.zipfs (Jetty serves the page's files out of the jar),
# jdk.unsupported (sun.misc.Unsafe, looked up reflectively by libraries that use it when present).
modules=$("${jdk_bin}jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$work/input/mapi-collector.jar")
modules="$modules,jdk.crypto.ec,jdk.zipfs,jdk.unsupported"
echo "build-deb: runtime modules $modules"

# jpackage runs jlink with --strip-native-commands --strip-debug --no-man-pages --no-header-files.
# A 20 ms pause goal for G1 (default 200 ms): the embedded database's page cache keeps young collections at
# 40-120 ms otherwise, which put the p99 of report uploads above 50 ms at 500/s (docs/benchmarks.md).
"${jdk_bin}jpackage" --type app-image --name mapi-collector --dest "$work/image" \
  --input "$work/input" --main-jar mapi-collector.jar --main-class dev.mapiagent.collector.Main \
  --app-version "$app_version" --vendor mapi-agent --add-modules "$modules" \
  --java-options -XX:+ExitOnOutOfMemoryError --java-options -Djava.awt.headless=true \
  --java-options -XX:MaxGCPauseMillis=20

root="$work/root"
mkdir -p "$root/usr/lib" "$root/DEBIAN"
cp -a "$work/image/mapi-collector" "$root/usr/lib/mapi-collector"
rm -f "$root/usr/lib/mapi-collector/lib/mapi-collector.png"   # jpackage's desktop icon; no desktop here
install -D -m 0644 "$src/mapi-collector.service" "$root/lib/systemd/system/mapi-collector.service"
install -D -m 0640 "$src/collector.env" "$root/etc/mapi-collector/collector.env"
install -D -m 0644 "$src/copyright" "$root/usr/share/doc/mapi-collector/copyright"
install -D -m 0644 "$here/../collector/README.md" "$root/usr/share/doc/mapi-collector/README.md"
install -D -m 0644 "$src/lintian-overrides" "$root/usr/share/lintian/overrides/mapi-collector"
sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@DATE@/$(date -uR)/" "$src/changelog" \
  | gzip -9n > "$root/usr/share/doc/mapi-collector/changelog.gz"
chmod 0644 "$root/usr/share/doc/mapi-collector/changelog.gz"
# Debian's modes (jlink writes the legal files read-only, jpackage the launcher library executable),
# and the ELF files stripped of their symbol tables as Debian ships binaries.
find "$root" -type d -exec chmod 0755 {} +
find "$root/usr" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/lib/mapi-collector/bin/mapi-collector" "$root"/usr/lib/mapi-collector/lib/runtime/lib/{jexec,jspawnhelper}
find "$root/usr/lib/mapi-collector" -type f \( -name '*.so' -o -perm -u+x \) \
  -exec strip --strip-unneeded --remove-section=.comment --remove-section=.note {} +

install -m 0755 "$src/postinst" "$src/prerm" "$src/postrm" "$root/DEBIAN/"
echo /etc/mapi-collector/collector.env > "$root/DEBIAN/conffiles"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
  > "$root/DEBIAN/md5sums"
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@MAINTAINER@/$maintainer/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
  "$src/control" > "$root/DEBIAN/control"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

# gzip: 42 MB in seconds; xz would make 34 MB but took minutes on two busy cores (jlink's --compress=2
# makes the runtime smaller but the package larger, as zipped classes do not compress again).
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb.partial" >/dev/null
mv -f "$deb.partial" "$deb"
echo "build-deb: $deb"
