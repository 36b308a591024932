#!/usr/bin/env bash
# Packages the workbench with the JDK's jpackage: a Linux app image with a trimmed runtime, a .deb
# made from that image, and the image as a tarball.
#
#   package-workbench.sh check|package JDK INPUT MAIN_JAR MAIN_CLASS VERSION SRC WORK
#
#   check    computes and validates every jpackage argument (tools, main class, icon, Debian
#            control file, native library Depends, runtime modules) and writes the argument
#            files, without running jpackage: fast enough for every CI build.
#   package  does the same, then runs jpackage with exactly those argument files and checks
#            what it made.
#
# JDK is the JDK whose jpackage/jdeps/jlink/jmods are used; INPUT the directory holding the
# workbench jar and its run-time class path (Maven copies it there); SRC this script's folder
# (resources/, native-libraries.txt); WORK the output folder. Called by installers/pom.xml.
set -euo pipefail

fail() {
  echo "package-workbench: FAILED: $*" >&2
  exit 1
}
say() { echo "package-workbench: $*"; }

[ $# -eq 8 ] || fail "usage: $0 check|package JDK INPUT MAIN_JAR MAIN_CLASS VERSION SRC WORK"
mode=$1 jdk=$2 input=$3 main_jar=$4 main_class=$5 version=$6 src=$7 work=$8
case "$mode" in check | package) ;; *) fail "unknown mode '$mode' (check or package)" ;; esac

name=stellwerk-workbench
resources="$src/resources"
icon="$resources/$name.png"
# Modules no class file names, so jdeps can't see them but the workbench needs at run time:
# jdk.crypto.ec (EC and Ed25519 keys: TLS to OPC UA servers, signed update batches),
# jdk.localedata (date and number formats for locales other than English; trimmed below).
extra_modules=(jdk.crypto.ec jdk.localedata)
# bin/java stays (no --strip-native-commands): the workbench starts local nodes as processes of
# java.home/bin/java on its own class path (LocalFederation).
jlink_options="--strip-debug --no-man-pages --no-header-files --include-locales=en,de"
# LMDB (lmdbjava) needs these when the workbench opens a node's store; harmless otherwise.
# For an FX thread that is never held up (installers/README.md, "The workbench's JVM"): C1 only,
# the optimising compiler kept a third of a core busy all through a drag; Shenandoah, G1's young
# pauses stopped drags for up to 94 ms. A runtime without Shenandoah ignores that option (G1).
# A 1 GB heap: a heap sized by the JVM (a quarter of the RAM) kept allocating into memory never
# touched before, and every first touch of a page is dear on a virtual machine.
java_options="--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
java_options+=" -XX:+IgnoreUnrecognizedVMOptions -XX:TieredStopAtLevel=1 -XX:+UseShenandoahGC -Xmx1g"
description="Stellwerk engineering workbench for SCADA federations"
maintainer_email="${STELLWERK_DEB_MAINTAINER:-packaging@stellwerk.invalid}"

# --- the JDK's tools ---------------------------------------------------------------------------
command -v unzip >/dev/null 2>&1 || fail "unzip is needed to look into the jars (apt-get install unzip)"
for tool in jpackage jdeps javap; do
  [ -x "$jdk/bin/$tool" ] || fail "$jdk/bin/$tool missing: JDK must be a full JDK 17+ (java.home was $jdk)"
done
[ -f "$jdk/jmods/java.base.jmod" ] ||
  fail "$jdk/jmods is missing: jlink needs the JDK's jmods (Debian: openjdk-17-jdk-headless)"
if "$jdk/bin/java" -XX:+UseShenandoahGC -version >/dev/null 2>&1; then
  say "the JDK has the Shenandoah collector the workbench runs with"
else
  say "WARNING: this JDK has no Shenandoah collector; the packaged workbench will run with G1 (longer pauses, installers/README.md)"
fi

# --- the version ---------------------------------------------------------------------------------
# jpackage and dpkg want a plain number: 0.1.0-SNAPSHOT is packaged as 0.1.0.
app_version=${version%%-*}
[[ "$app_version" =~ ^[0-9]+(\.[0-9]+){0,3}$ ]] || fail "version '$version' gives no numeric app version"

# --- the class path and the main class -----------------------------------------------------------
[ -f "$input/$main_jar" ] || fail "main jar $input/$main_jar missing (is workbench-app built?)"
jars=("$input"/*.jar)
[ "${#jars[@]}" -ge 2 ] || fail "$input holds ${#jars[@]} jar(s): the class path was not copied"
ls "$input"/javafx-graphics-*-linux.jar >/dev/null 2>&1 ||
  fail "no javafx-graphics-*-linux.jar in $input: the JavaFX jars for Linux are not on the class path"
main_class_file="${main_class//.//}.class"
unzip -Z1 "$input/$main_jar" | grep -xF "$main_class_file" >/dev/null || fail "$main_class ($main_class_file) is not in $main_jar"
signature=$("$jdk/bin/javap" -public -cp "$input/$main_jar" "$main_class") || fail "javap $main_class failed"
grep -qF 'public static void main(java.lang.String[])' <<<"$signature" ||
  fail "$main_class has no public static void main(String[])"
if grep -qF 'extends javafx.application.Application' <<<"$signature"; then
  fail "$main_class extends Application: it can't start from the class path; use the separate launcher"
fi
say "main class $main_class found in $main_jar (${#jars[@]} jars on the class path)"

# --- the icon ------------------------------------------------------------------------------------
[ -f "$icon" ] || fail "icon $icon missing"
[ "$(head -c 8 "$icon" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$icon is not a PNG"
read -r width height < <(od -An -tu4 --endian=big -j16 -N8 "$icon")
[ "$width" = "$height" ] && [ "$width" -ge 48 ] || fail "icon is ${width}x$height: want square, at least 48 px"
say "icon $icon is a ${width}x$height PNG"

# --- the Debian control file and desktop entry ---------------------------------------------------
control="$resources/control"
[ -f "$control" ] || fail "$control missing"
depends=$(grep '^Depends:' "$control") || fail "$control has no Depends line"
grep -qF PACKAGE_DEFAULT_DEPENDENCIES <<<"$depends" ||
  fail "$control Depends lost PACKAGE_DEFAULT_DEPENDENCIES (the libraries jpackage finds for the JDK)"
grep -qE '(^|[ ,])libgtk-3-0([ ,|]|$)' <<<"$depends" || fail "$control Depends lacks libgtk-3-0"
desktop="$resources/$name.desktop"
[ -f "$desktop" ] || fail "$desktop missing"
grep -qx 'Exec=APPLICATION_LAUNCHER' "$desktop" && grep -qx 'Icon=APPLICATION_ICON' "$desktop" ||
  fail "$desktop must keep Exec=APPLICATION_LAUNCHER and Icon=APPLICATION_ICON for jpackage to fill in"

mkdir -p "$work"
# The desktop entry as jpackage will install it (its paths under /opt/$name).
render_desktop() {
  sed -e "s#APPLICATION_LAUNCHER#/opt/$name/bin/$name#" \
    -e "s#APPLICATION_ICON#/opt/$name/lib/$name.png#" \
    -e "s#APPLICATION_DESCRIPTION#$description#" "$desktop"
}
render_desktop >"$work/$name.desktop"
if command -v desktop-file-validate >/dev/null 2>&1; then
  problems=$(desktop-file-validate "$work/$name.desktop" 2>&1) || true
  [ -z "$problems" ] || fail "desktop entry: $problems"
  say "desktop entry valid (desktop-file-validate)"
fi

# --- native libraries of the class path → Debian packages ----------------------------------------
natives="$work/natives"
rm -rf "$natives"
mkdir -p "$natives"
for jar in "${jars[@]}"; do
  if unzip -Z1 "$jar" | grep -E '\.so$' >/dev/null; then
    unzip -q -o "$jar" '*.so' -d "$natives/$(basename "$jar")"
  fi
done
command -v readelf >/dev/null 2>&1 || fail "readelf (binutils) is needed to read the native libraries"
libmap="$src/native-libraries.txt"
# Some jars carry libraries for other systems under a .so name too (lmdbjava's macOS build, jffi's
# FreeBSD, Solaris and ARM builds): only ELF files for this machine's architecture and for Linux
# (System V or GNU ABI) count. The paths of the other systems' builds name them as well.
host_machine=$(readelf -h /bin/sh | sed -n 's/^ *Machine: *//p')
elves=()
while IFS= read -r -d '' f; do
  [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
  header=$(readelf -h "$f" 2>/dev/null) || continue
  [ "$(sed -n 's/^ *Machine: *//p' <<<"$header")" = "$host_machine" ] || continue
  case "$(sed -n 's/^ *OS\/ABI: *//p' <<<"$header")" in *"System V"* | *GNU* | *Linux*) ;; *) continue ;; esac
  case "${f,,}" in *freebsd* | *openbsd* | *netbsd* | *dragonfly* | *solaris* | *sunos* | *darwin* | *macos*) continue ;; esac
  elves+=("$f")
done < <(find "$natives" -name '*.so' -print0)
[ "${#elves[@]}" -gt 0 ] || fail "found no native library (ELF) in the class path's jars: did the extraction fail?"
needed=$(readelf -d "${elves[@]}" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u)
count=0
for soname in $needed; do
  case "$soname" in libc.so.* | libm.so.* | libdl.so.* | libpthread.so.* | librt.so.* | ld-linux*) continue ;; esac
  pkg=$(awk -v s="$soname" '$1 == s { print $2; exit }' "$libmap")
  [ -n "$pkg" ] || fail "a native library on the class path needs $soname, which $libmap does not map to a package"
  grep -qE "(^|[ ,|])$pkg([ ,|]|$)" <<<"$depends" ||
    fail "$soname comes with $pkg, which the Depends of $control does not name"
  count=$((count + 1))
done
[ "$count" -gt 0 ] || fail "found no native library needs in the JavaFX jars: did the extraction fail?"
say "the $count shared libraries JavaFX's native code needs are covered by the control file's Depends"

# --- runtime modules -----------------------------------------------------------------------------
modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "${jars[@]}" 2>"$work/jdeps.err") ||
  fail "jdeps failed: $(cat "$work/jdeps.err")"
modules=$(tr -d '[:space:]' <<<"$modules")
[[ "$modules" =~ ^[a-z0-9.,]+$ ]] || fail "jdeps printed no module list: '$modules'"
for m in "${extra_modules[@]}"; do modules="$modules,$m"; done
for m in ${modules//,/ }; do
  [ -f "$jdk/jmods/$m.jmod" ] || fail "module $m is not among $jdk/jmods"
done
say "runtime modules: $modules"

# --- the argument files, the only description of the jpackage runs ------------------------------
# One argument per line, quoted, as jpackage's @file syntax reads it.
write_args() {
  local file=$1
  shift
  : >"$file"
  local a
  for a in "$@"; do
    a=${a//\\/\\\\}
    printf '"%s"\n' "${a//\"/\\\"}" >>"$file"
  done
}
license="$src/../../../LICENSE"
[ -f "$license" ] || fail "LICENSE not found at the repository root ($license)"
image_dir="$work/image"
deb_dir="$work/deb"
write_args "$work/app-image.args" \
  --type app-image --dest "$image_dir" --name "$name" --app-version "$app_version" \
  --description "$description" --vendor Stellwerk --copyright "Stellwerk authors, ISC license" \
  --input "$input" --main-jar "$main_jar" --main-class "$main_class" \
  --icon "$icon" --add-modules "$modules" --jlink-options "$jlink_options" \
  --java-options "$java_options"
write_args "$work/deb.args" \
  --type deb --dest "$deb_dir" --app-image "$image_dir/$name" --name "$name" \
  --app-version "$app_version" --description "$description" --vendor Stellwerk \
  --copyright "Stellwerk authors, ISC license" --license-file "$license" \
  --resource-dir "$resources" --linux-package-name "$name" --linux-deb-maintainer "$maintainer_email" \
  --linux-app-category devel --linux-shortcut
say "jpackage arguments: $work/app-image.args, $work/deb.args"

if [ "$mode" = check ]; then
  say "check passed (jpackage not run; -Pinstallers builds the packages)"
  exit 0
fi

# --- package -------------------------------------------------------------------------------------
rm -rf "$image_dir" "$deb_dir"
start=$SECONDS
"$jdk/bin/jpackage" "@$work/app-image.args"
image="$image_dir/$name"
say "app image in $((SECONDS - start)) s: $image ($(du -sh "$image" | cut -f1))"

[ -x "$image/bin/$name" ] || fail "the image has no launcher bin/$name"
[ -f "$image/lib/app/$main_jar" ] || fail "the image lacks lib/app/$main_jar"
grep -qx "app.mainclass=$main_class" "$image/lib/app/$name.cfg" || fail "the launcher config names another main class"
grep -qF -- '--add-opens' "$image/lib/app/$name.cfg" || fail "the launcher config lost the java options"
for option in -XX:TieredStopAtLevel=1 -XX:+UseShenandoahGC -Xmx1g; do
  grep -qxF -- "java-options=$option" "$image/lib/app/$name.cfg" || fail "the launcher config lost $option"
done
cmp -s "$icon" "$image/lib/$name.png" || fail "the image's icon is not ours"
runtime_modules=$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$image/lib/runtime/release")
for m in ${modules//,/ }; do
  grep -qw -- "$m" <<<"$runtime_modules" || fail "the trimmed runtime lacks module $m"
done
# The bundled runtime must run the node CLI from the image's class path, as the workbench does
# when it launches a local federation.
node_cli=(env -u JAVA_HOME -u CLASSPATH "$image/lib/runtime/bin/java" -cp "$image/lib/app/*" io.stellwerk.node.cli.StellwerkNode)
cli_version=$("${node_cli[@]}" --version) || fail "the image's runtime can't run the node CLI"
[ "$cli_version" = "stellwerk-node $version" ] || fail "the node CLI in the image printed '$cli_version'"
example="$work/example-tunnel.yaml"
if unzip -p "$image/lib/app/$main_jar" examples/tunnel.yaml >"$example" 2>/dev/null && [ -s "$example" ]; then
  "${node_cli[@]}" validate "$example" >"$work/validate.log" 2>&1 ||
    fail "the image's runtime can't validate a topology: $(cat "$work/validate.log")"
fi
say "the image's runtime runs the node CLI ($cli_version)"

start=$SECONDS
"$jdk/bin/jpackage" "@$work/deb.args"
debs=("$deb_dir"/*.deb)
[ -f "${debs[0]}" ] || fail "jpackage made no .deb"
deb=${debs[0]}
say ".deb in $((SECONDS - start)) s: $deb ($(du -h "$deb" | cut -f1))"
deb_depends=$(dpkg-deb -f "$deb" Depends)
grep -qE '(^|[ ,])libgtk-3-0([ ,|]|$)' <<<"$deb_depends" || fail "the .deb does not depend on libgtk-3-0: $deb_depends"
for pkg in $(awk '!/^#/ && NF >= 2 { print $2 }' "$libmap" | sort -u); do
  grep -qE "(^|[ ,|])$pkg([ ,|]|$)" <<<"$deb_depends" || fail "the .deb does not depend on $pkg"
done
contents=$(dpkg-deb -c "$deb")
for path in "./opt/$name/bin/$name" "./opt/$name/lib/$name.png" "./opt/$name/lib/app/$main_jar" \
  "./opt/$name/lib/$name-$name.desktop"; do
  grep -qF " $path" <<<"$contents" || fail "the .deb lacks $path"
done
extract="$work/deb-extract"
rm -rf "$extract"
dpkg-deb -x "$deb" "$extract"
cmp -s "$icon" "$extract/opt/$name/lib/$name.png" || fail "the .deb's icon is not ours"
diff -u "$work/$name.desktop" "$extract/opt/$name/lib/$name-$name.desktop" ||
  fail "the .deb's desktop entry differs from the rendered template"
dpkg-deb -e "$deb" "$extract/DEBIAN"
grep -qF "xdg-desktop-menu install /opt/$name/lib/$name-$name.desktop" "$extract/DEBIAN/postinst" ||
  fail "the .deb's postinst does not install the desktop entry"
rm -rf "$extract"
say ".deb Depends: $deb_depends"

# The app image as one file, with the desktop entry for an install under /opt/$name.
cp "$work/$name.desktop" "$image/lib/$name.desktop"
tarball="$work/$name-$version-linux-x64.tar.gz"
tar -C "$image_dir" -czf "$tarball" "$name"
say "app image tarball: $tarball ($(du -h "$tarball" | cut -f1))"

# Start the packaged workbench for real when a virtual display and GTK are at hand: it must still
# be running after a few seconds and must not have printed an exception.
if command -v xvfb-run >/dev/null 2>&1 && ldconfig -p | grep -q 'libgtk-3.so.0'; then
  log="$work/smoke.log"
  mkdir -p "$work/smoke-home"
  # shellcheck disable=SC2016 # expanded by the inner shell
  HOME="$work/smoke-home" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$1" & pid=$!
    sleep 20
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" || true; exit 0; fi
    wait "$pid"; echo "exited with status $?"; exit 1' smoke "$image/bin/$name" >"$log" 2>&1 ||
    fail "the packaged workbench did not stay up for 20 s under Xvfb: $(cat "$log")"
  if grep -E 'Exception|Error:|error while loading' "$log"; then
    fail "the packaged workbench printed errors (see $log)"
  fi
  say "smoke test: the packaged workbench ran 20 s under Xvfb without errors"
else
  say "smoke test skipped: needs xvfb-run and libgtk-3-0 (apt-get install xvfb xauth libgtk-3-0)"
fi
say "package done"
