#!/usr/bin/env bash
# Tests action/gate.sh (the logic of action.yml) on throwaway checkouts:
#   action/test-gate.sh [VMLOCK_JAR]     (default checker/target/vmlock.jar; build it first)
# Prints one line per case and exits 1 if any case fails.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
jar=$(cd "$root" && readlink -f "${1:-checker/target/vmlock.jar}")
[ -f "$jar" ] || { echo "test-gate: no $jar; build it first (mvn -B -q -DskipTests package)" >&2; exit 2; }
vmlock="java -jar $jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# checkout NAME FILE...: a folder with FILE... copied under scenarios/ (none: no scenarios folder)
checkout() {
  local dir="$work/$1"; shift
  mkdir -p "$dir"
  if [ $# -gt 0 ]; then mkdir -p "$dir/scenarios"; cp "$@" "$dir/scenarios/"; fi
  echo "$dir"
}

# expect NAME CODE WANT_IN_OUTPUT gate-args...
expect() {
  local name=$1 want=$2 text=$3; shift 3
  local out="$work/out-$name" log code
  log=$("$here/gate.sh" --vmlock "$vmlock" --paths scenarios --out "$out" "$@" 2>&1)
  code=$?
  if [ "$code" -ne "$want" ] || ! grep -q -- "$text" <<<"$log"; then
    echo "FAIL $name: exit $code (want $want), output should contain '$text':"; echo "$log" | sed 's/^/    /'
    failed=1
  else
    echo "PASS $name"
  fi
}

abba="$root/examples/classic/abba.vmlock"
ordered="$root/examples/classic/abba-ordered.vmlock"
broken_copy="$work/abba-copy.vmlock"; cp "$abba" "$broken_copy"

t_none=$(checkout target-none)
t_abba=$(checkout target-abba "$abba" "$ordered")
c_same=$(checkout change-same "$abba" "$ordered")
c_new=$(checkout change-new "$abba" "$ordered" "$broken_copy")
c_clean=$(checkout change-clean "$ordered")
c_bad=$(checkout change-bad "$ordered"); printf 'thread t {\n  mutex_lock(nowhere);\n}\n' > "$c_bad/scenarios/bad.vmlock"

expect known-finding-passes 0 "gate: pass" --change "$c_same" --target "$t_abba"
expect new-finding-fails 1 "introduces findings" --change "$c_new" --target "$t_abba"
expect first-scenarios-empty-baseline-clean 0 "empty baseline" --change "$c_clean" --target "$t_none"
expect first-scenarios-empty-baseline-finding 1 "introduces findings" --change "$c_new" --target "$t_none"
expect push-without-baseline-publishes 0 "gate: pass" --change "$c_new"
expect invalid-input-fails 2 "invalid input" --change "$c_bad" --target "$t_abba"
expect no-scenarios-in-change 0 "nothing to check" --change "$t_none" --target "$t_abba"
expect unknown-format 2 "unknown format" --change "$c_same" --formats "pdf"

# the reports asked for are written, SARIF among them, and the lock-order diff
for f in vmlock.sarif vmlock.xml vmlock.html baseline.json diff.txt; do
  if [ ! -s "$work/out-new-finding-fails/$f" ]; then echo "FAIL reports: $f missing"; failed=1; fi
done
[ "$failed" -eq 0 ] && echo "PASS reports written"
exit "$failed"
