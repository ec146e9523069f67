#!/usr/bin/env bash
# The vmlock gate, as action.yml runs it and as any CI can: fail on lock-order findings a change
# introduces, accepting the ones its target branch already has.
#
#   gate.sh --vmlock "java -jar vmlock.jar" --change DIR [--target DIR] [--paths "examples"]
#           [--models DIR] [--out DIR] [--formats "sarif junit html"]
#
# --change/--target: checkouts of the change and of the branch it goes into (no --target: no
# baseline, e.g. a push: findings are reported, and the gate fails on none). --paths: folders or
# files, relative to each checkout, holding the scenarios. --models: a model library folder,
# relative to each checkout, where that checkout has one. Writes OUT/vmlock.{sarif,xml,html},
# OUT/baseline.json and OUT/diff.txt; prints the gate's exit code's meaning; exits with it:
# 0 pass, 1 new findings, 2 invalid input, 3 incomplete search, 70 vmlock's own error.
set -euo pipefail

vmlock="" change="" target="" paths="examples" models="" out="vmlock-out" formats="sarif junit html"
while [ $# -gt 0 ]; do
  case "$1" in
    --vmlock) vmlock=$2; shift 2 ;;
    --change) change=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --paths) paths=$2; shift 2 ;;
    --models) models=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --formats) formats=$2; shift 2 ;;
    *) echo "gate: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$vmlock" ] && [ -n "$change" ] || { echo "gate: --vmlock and --change are required" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
read -r -a run <<<"$vmlock"

# The scenarios under the paths of one checkout, sorted, one per line (none is not an error: the
# first pull request that adds scenarios has a target branch without any).
scenarios() {
  local root=$1 p
  for p in $paths; do
    [ -e "$root/$p" ] || continue
    (cd "$root" && find "$p" -name '*.vmlock' -type f)
  done | LC_ALL=C sort -u
}

models_of() {
  local root=$1
  if [ -n "$models" ] && [ -d "$root/$models" ]; then echo "--models"; echo "$root/$models"; fi
}

# 1. The baseline: the findings the target branch already has. None there: an empty baseline, so
#    every finding of the change is new.
baseline=()
if [ -n "$target" ]; then
  mapfile -t old < <(scenarios "$target")
  if [ ${#old[@]} -eq 0 ]; then
    echo "gate: the target branch has no scenarios under: $paths (empty baseline: every finding is new)"
    printf '{ "schema" : "vmlock-baseline-1", "findings" : [ ] }\n' > "$out/baseline.json"
  else
    mapfile -t m < <(models_of "$target")
    set +e
    (cd "$target" && "${run[@]}" check "${m[@]}" --write-baseline "$out/baseline.json" "${old[@]}" >/dev/null)
    rc=$?
    set -e
    # 1: findings, accepted (that is what a baseline is for); 2, 3, 70: the target cannot be judged
    if [ "$rc" -gt 1 ]; then echo "gate: checking the target branch failed (exit $rc)" >&2; exit "$rc"; fi
  fi
  baseline=(--baseline "$out/baseline.json")
fi

# 2. The change, against the baseline, in every format asked for.
mapfile -t new < <(scenarios "$change")
if [ ${#new[@]} -eq 0 ]; then
  echo "gate: the change has no scenarios under: $paths; nothing to check"
  exit 0
fi
reports=(--format text)
for f in $formats; do
  case "$f" in
    sarif) reports+=(--format sarif -o "$out/vmlock.sarif") ;;
    junit) reports+=(--format junit -o "$out/vmlock.xml") ;;
    html) reports+=(--format html -o "$out/vmlock.html") ;;
    json) reports+=(--format json -o "$out/vmlock.json") ;;
    *) echo "gate: unknown format: $f (sarif, junit, html, json)" >&2; exit 2 ;;
  esac
done
mapfile -t m < <(models_of "$change")
set +e
(cd "$change" && "${run[@]}" check "${m[@]}" "${baseline[@]}" "${reports[@]}" "${new[@]}")
rc=$?
set -e
# without a baseline (a push) findings are published, not gated
if [ ${#baseline[@]} -eq 0 ] && [ "$rc" -eq 1 ]; then rc=0; fi

# 3. What the change does to the lock order (for the reader of a failed gate).
if [ -n "$target" ] && [ ${#old[@]} -gt 0 ]; then
  for p in $paths; do
    if [ -d "$target/$p" ] && [ -d "$change/$p" ]; then
      old_models=(); [ -n "$models" ] && [ -d "$target/$models" ] && old_models=(--old-models "$target/$models")
      "${run[@]}" diff "${old_models[@]}" "${m[@]}" "$target/$p" "$change/$p" >>"$out/diff.txt" 2>&1 || true
    fi
  done
fi

case "$rc" in
  0) echo "gate: pass" ;;
  1) echo "gate: FAIL: the change introduces findings the target branch does not have" ;;
  2) echo "gate: FAIL: invalid input" ;;
  3) echo "gate: FAIL: a search did not finish (raise --max-seconds or --max-states)" ;;
  *) echo "gate: FAIL: vmlock failed (exit $rc)" ;;
esac
exit "$rc"
