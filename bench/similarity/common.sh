# Shared helpers for the similarity benches. Sourced from the project root's bench scripts.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build-simil}
CLI=${CLI:-$BUILD/app/distillscope-cli}
TOOL=${TOOL:-$BUILD/tests/similarity/similarity-tool}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# measure LABEL CMD...: runs CMD under /usr/bin/time -v; sets SECS and RSS_KB
measure() {
  local label=$1; shift
  /usr/bin/time -v "$@" >"$TMP/$label.out" 2>"$TMP/$label.time" || { echo "$label failed:"; tail -5 "$TMP/$label.time"; exit 1; }
  SECS=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$TMP/$label.time")
  RSS_KB=$(awk -F': ' '/Maximum resident set size/{print $2}' "$TMP/$label.time")
}

# import_store DB FILE...: dataset from the first file, then every file as a model's responses.
# Returns non-zero when the CLI cannot (store unavailable), so callers can fall back to the tool.
import_store() {
  local db=$1; shift
  [ -x "$CLI" ] || return 1
  "$CLI" --db "$db" dataset import "$1" --format alpacaeval --name alpaca >/dev/null 2>"$TMP/import.err" || return 1
  for f in "$@"; do
    "$CLI" --db "$db" responses import "$f" --model "$(basename "$f" .json)" --dataset alpaca >/dev/null 2>>"$TMP/import.err" || return 1
  done
}
