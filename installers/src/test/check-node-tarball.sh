#!/usr/bin/env bash
# Checks the node runtime tarball the way an operator uses it: its layout and modes, the launcher
# (Java from JAVA_HOME or PATH, the JVM options, arguments passed through unchanged, started through
# a symlink), the runtime answering from the unpacked tree, and the systemd unit.
#
#   check-node-tarball.sh TARBALL VERSION EXAMPLES_DIR
set -euo pipefail

fail() {
  echo "check-node-tarball: FAILED: $*" >&2
  exit 1
}
say() { echo "check-node-tarball: $*"; }

[ $# -eq 3 ] || fail "usage: $0 TARBALL VERSION EXAMPLES_DIR"
tarball=$1 version=$2 examples=$3
base="stellwerk-node-$version"
[ "$(basename "$tarball")" = "$base.tar.gz" ] || fail "tarball is named $(basename "$tarball"), want $base.tar.gz"
[ -f "$tarball" ] || fail "$tarball missing"

# --- layout ------------------------------------------------------------------------------------
listing=$(tar -tvzf "$tarball")
entry_mode() { awk -v p="$1" '$NF == p { print $1; exit }' <<<"$listing"; }
expect_file() {
  local mode
  mode=$(entry_mode "$base/$1")
  [ -n "$mode" ] || fail "the tarball lacks $base/$1"
  [ "$mode" = "$2" ] || fail "$base/$1 has mode $mode, want $2"
}
expect_file bin/stellwerk-node -rwxr-xr-x
expect_file lib/stellwerk-node.jar -rw-r--r--
expect_file systemd/stellwerk-node@.service -rw-r--r--
expect_file README -rw-r--r--
expect_file LICENSE -rw-r--r--
shopt -s nullglob
wanted=("$examples"/*.yaml)
[ "${#wanted[@]}" -gt 0 ] || fail "no examples in $examples"
for f in "${wanted[@]}"; do expect_file "examples/$(basename "$f")" -rw-r--r--; done
if stray=$(awk '{ print $NF }' <<<"$listing" | grep -v "^$base/" ); then
  fail "entries outside $base/: $stray"
fi
say "layout: bin, lib, ${#wanted[@]} examples, systemd unit, README, LICENSE"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
home="$work/$base"
launcher="$home/bin/stellwerk-node"
java_bin=$(command -v java) || fail "the check needs java on PATH"
real_java_home=$(dirname "$(dirname "$(readlink -f "$java_bin")")")
# A PATH with the tools the launcher uses but no java (/bin is often /usr/bin, which has one).
mkdir -p "$work/tools"
for tool in readlink dirname; do ln -s "$(command -v "$tool")" "$work/tools/$tool"; done

# --- the launcher starts the real runtime ------------------------------------------------------
out=$(env -u JAVA_HOME "$launcher" --version) || fail "bin/stellwerk-node --version failed (java from PATH)"
[ "$out" = "stellwerk-node $version" ] || fail "--version printed '$out', want 'stellwerk-node $version'"
out=$(env JAVA_HOME="$real_java_home" PATH="$work/tools" "$launcher" --version) ||
  fail "bin/stellwerk-node --version failed with JAVA_HOME and no java on PATH"
[ "$out" = "stellwerk-node $version" ] || fail "--version with JAVA_HOME printed '$out'"
ln -s "$launcher" "$work/stellwerk-node-link"
out=$(cd / && "$work/stellwerk-node-link" --version) || fail "the launcher does not work through a symlink"
[ "$out" = "stellwerk-node $version" ] || fail "--version through a symlink printed '$out'"
(cd "$home" && bin/stellwerk-node validate examples/*.yaml >"$work/validate.out" 2>&1) ||
  fail "bin/stellwerk-node validate examples/*.yaml failed: $(cat "$work/validate.out")"
say "launcher: --version (PATH, JAVA_HOME, symlink) and validate examples/*.yaml work"

# --- what the launcher hands to java -----------------------------------------------------------
# A stand-in java that records its arguments one per line.
mkdir -p "$work/fakejdk/bin"
cat >"$work/fakejdk/bin/java" <<'EOF'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done
EOF
chmod +x "$work/fakejdk/bin/java"
args=$(env JAVA_HOME="$work/fakejdk" STELLWERK_NODE_OPTS="-Xmx64m -Dx=y" "$launcher" \
  run --topology "/etc/my topologies/t.yaml" --node 'root[backup]' --data '/var/lib/stellwerk/root\x5bbackup\x5d' '' '*')
expected="--add-opens
java.base/java.nio=ALL-UNNAMED
--add-opens
java.base/sun.nio.ch=ALL-UNNAMED
-Xmx64m
-Dx=y
-jar
$(cd "$home" && pwd -P)/lib/stellwerk-node.jar
run
--topology
/etc/my topologies/t.yaml
--node
root[backup]
--data
/var/lib/stellwerk/root\x5bbackup\x5d

*"
[ "$args" = "$expected" ] || fail "the launcher ran java with
$args
want
$expected"
if env -u JAVA_HOME PATH="$work/tools" /bin/sh "$launcher" --version >/dev/null 2>"$work/nojava.err"; then
  fail "the launcher succeeded without any Java"
fi
grep -q 'set JAVA_HOME' "$work/nojava.err" || fail "without Java the launcher said: $(cat "$work/nojava.err")"
if env JAVA_HOME=/nonexistent "$launcher" --version >/dev/null 2>&1; then
  fail "the launcher ignored a JAVA_HOME without bin/java"
fi
say "launcher: add-opens, STELLWERK_NODE_OPTS and every argument reach java unchanged; clear errors without Java"
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck "$launcher" || fail "shellcheck found problems in bin/stellwerk-node"
fi
sh -n "$launcher" || fail "bin/stellwerk-node is not valid POSIX sh"

# --- the systemd unit --------------------------------------------------------------------------
unit="$home/systemd/stellwerk-node@.service"
grep -qx 'ExecStart=/opt/stellwerk-node/bin/stellwerk-node run --topology /etc/stellwerk/topology.yaml --node %I --data /var/lib/stellwerk/%i --keys /etc/stellwerk/keys/%i' "$unit" ||
  fail "the unit's ExecStart is not the documented command line"
for line in 'User=stellwerk' 'Restart=on-failure' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
  'StateDirectory=stellwerk/%i' 'ReadWritePaths=/var/lib/stellwerk/%i' 'WantedBy=multi-user.target'; do
  grep -qxF "$line" "$unit" || fail "the unit lacks $line"
done
if command -v systemd-analyze >/dev/null 2>&1; then
  # Verify an instance for a pair peer's id; ExecStart points into the unpacked tree, since
  # systemd-analyze insists that the binary exists.
  instance="$work/units/stellwerk-node@root\\x5bbackup\\x5d.service"
  mkdir -p "$work/units"
  sed "s#/opt/stellwerk-node/bin/stellwerk-node#$launcher#" "$unit" >"$instance"
  problems=$(systemd-analyze verify "$instance" 2>&1) || fail "systemd-analyze verify: $problems"
  # It only warns (exit 0) about unknown keys and bad values: any output is a problem.
  [ -z "$problems" ] || fail "systemd-analyze verify: $problems"
  exposure=$(systemd-analyze security --offline=yes "$instance" 2>&1 | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
  [ -n "$exposure" ] || fail "systemd-analyze security printed no exposure level"
  awk -v e="$exposure" 'BEGIN { exit !(e <= 3.5) }' || fail "the unit's exposure level is $exposure, above 3.5"
  say "systemd unit: systemd-analyze verify clean, security exposure $exposure"
else
  # No systemd here: a structural check of the unit file instead.
  section=""
  while IFS= read -r l; do
    case "$l" in
      '' | '#'*) ;;
      '['*']') section=$l
        case "$section" in '[Unit]' | '[Service]' | '[Install]') ;; *) fail "unknown section $section" ;; esac ;;
      *=*) [ -n "$section" ] || fail "setting outside a section: $l"
        [[ "${l%%=*}" =~ ^[A-Za-z]+$ ]] || fail "malformed key in: $l" ;;
      *) fail "malformed line in the unit: $l" ;;
    esac
  done <"$unit"
  say "systemd unit: structure checked (systemd-analyze not available)"
fi
say "passed"
