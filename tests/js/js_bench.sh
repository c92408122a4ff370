#!/usr/bin/env bash
# Size and speed of js-minify on the corpus, side by side with esbuild (pinned, installed with
# npm into a temporary directory, never into the repo):
#   tests/js/js_bench.sh BUILD_DIR [DATA_DIR]
# BUILD_DIR holds tests/js/js_perftest; DATA_DIR defaults to BUILD_DIR/test-data (see
# tests/fetch_test_data.sh). Prints one row per file: input bytes, ours, `esbuild
# --minify-whitespace` (the same class of transform: our target is <= it), full `esbuild
# --minify` (the gap shows what renaming and syntax rewrites would still buy), and our speed.
set -euo pipefail
BUILD=$(cd "${1:?usage: js_bench.sh BUILD_DIR [DATA_DIR]}" && pwd)
DATA=${2:-$BUILD/test-data}
ESBUILD_VERSION=0.20.2
PERF=$BUILD/tests/js/js_perftest
[ -x "$PERF" ] || { echo "js_bench: build js_perftest first" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm install --silent --no-save --prefix "$TMP/esb" "esbuild@$ESBUILD_VERSION" >/dev/null)
ESBUILD=$TMP/esb/node_modules/.bin/esbuild
N=$DATA/npm
FILES=(
  "$N/jquery@3.7.1/dist/jquery.js"
  "$N/lodash@4.17.21/lodash.js"
  "$N/react-dom@18.3.1/umd/react-dom.development.js"
  "$N/three@0.160.0/build/three.cjs"
  "$N/three@0.160.0/build/three.module.js"
  "$N/d3@7.9.0/dist/d3.js"
  "$N/moment@2.30.1/moment.js"
  "$N/vue@3.4.21/dist/vue.global.js"
)
mkdir -p "$TMP/ours"
printf '%-34s %9s %9s %9s %9s %8s %8s %8s\n' file in ours esb-ws esb-full ours/ws ours/full MB/s
tot_in=0; tot_ours=0; tot_ws=0; tot_full=0
for f in "${FILES[@]}"; do
  line=$("$PERF" --repeat 10 --out "$TMP/ours" "$f")
  ours=$(stat -c %s "$TMP/ours/$(basename "$f")")
  mbps=$(sed 's/.*"mbps": \([0-9.]*\).*/\1/' <<<"$line")
  ws=$("$ESBUILD" --minify-whitespace --log-level=error <"$f" | wc -c)
  full=$("$ESBUILD" --minify --log-level=error <"$f" | wc -c)
  in=$(stat -c %s "$f")
  tot_in=$((tot_in + in)); tot_ours=$((tot_ours + ours)); tot_ws=$((tot_ws + ws)); tot_full=$((tot_full + full))
  printf '%-34s %9d %9d %9d %9d %8.4f %8.4f %8s\n' "$(basename "$f")" "$in" "$ours" "$ws" "$full" \
    "$(bc -l <<<"$ours/$ws")" "$(bc -l <<<"$ours/$full")" "$mbps"
done
printf '%-34s %9d %9d %9d %9d %8.4f %8.4f\n' total "$tot_in" "$tot_ours" "$tot_ws" "$tot_full" \
  "$(bc -l <<<"$tot_ours/$tot_ws")" "$(bc -l <<<"$tot_ours/$tot_full")"
