#!/usr/bin/env bash
# The pipeline a user would write without pagebake, from the best peers: html-minifier-terser
# (safe options), esbuild (JS), lightningcss (CSS), sharp (PNG lossless, JPEG mozjpeg q85 kept
# only when smaller), then brotli -q 11 and zopfli siblings in parallel. Used by `run.sh site`.
#   site_pipeline.sh SRC OUT
set -euo pipefail
SRC=$1 OUT=$2
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=$HERE/node_modules/.bin
JOBS=$(nproc)
rm -rf "$OUT"
cp -r "$SRC" "$OUT"
"$BIN/html-minifier-terser" --input-dir "$SRC" --output-dir "$OUT" --file-ext html \
  --collapse-whitespace --remove-comments --remove-redundant-attributes \
  --remove-script-type-attributes --remove-style-link-type-attributes \
  --collapse-boolean-attributes --remove-attribute-quotes
find "$OUT" -name '*.js' -print0 |
  xargs -0 -r "$BIN/esbuild" --minify --log-level=error --allow-overwrite --outbase="$OUT" --outdir="$OUT"
find "$OUT" -name '*.css' -print0 |
  xargs -0 -r -P "$JOBS" -I{} "$BIN/lightningcss" --minify {} -o {}
find "$OUT" \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' \) -print0 |
  xargs -0 -r node "$HERE/site_images.mjs"
find "$OUT" -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.svg' \
  -o -name '*.json' -o -name '*.txt' -o -name '*.xml' \) -size +1k -print0 > "$OUT.compress.list"
xargs -0 -r -P "$JOBS" -n 16 brotli -q 11 -k -f < "$OUT.compress.list"
xargs -0 -r -P "$JOBS" -n 16 zopfli < "$OUT.compress.list"
rm -f "$OUT.compress.list"
