#!/usr/bin/env bash
# Seed corpora for the fuzz targets: a small deterministic sample (sorted paths, size-capped)
# of the example site and, when given, the fetched test data.
#
#   tests/fuzz/make_seeds.sh OUT_DIR [TEST_DATA_DIR]
#
# Writes OUT_DIR/<target>/<n>-<basename>. Targets whose first input byte selects a mode
# (html_filters: the pass; js: option bits) get one seed per mode.
# No pipefail: `head` closing a pipe early (SIGPIPE upstream) is the point of the sampling.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:?usage: make_seeds.sh OUT_DIR [TEST_DATA_DIR]}
DATA=${2:-}
MAX_BYTES=65536   # libFuzzer's -max_len is set to this too: big seeds only slow it down
PER_TARGET=24

# Files under the example site and the test data ending in one of the given extensions,
# sorted, at most MAX_BYTES, at most PER_TARGET of them.
pick() {
  local dirs=("$ROOT/examples")
  [ -n "$DATA" ] && [ -d "$DATA" ] && dirs+=("$DATA")
  local expr=()
  for ext in "$@"; do expr+=(-o -name "*.$ext"); done
  find "${dirs[@]}" -type f -size -$((MAX_BYTES + 1))c \( -false "${expr[@]}" \) -print0 |
    LC_ALL=C sort -z | head -z -n "$PER_TARGET"
}

# copy TARGET [PREFIX_BYTES...] < NUL-separated paths
copy() {
  local target=$1; shift
  mkdir -p "$OUT/$target"
  local n=0 f
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    if [ $# -eq 0 ]; then
      cp "$f" "$OUT/$target/$n-$(basename "$f")"
    else
      for p in "$@"; do
        { printf "\\x$(printf %02x "$p")"; cat "$f"; } > "$OUT/$target/$n-$p-$(basename "$f")"
      done
    fi
  done
}

pick html htm | copy html_roundtrip
pick html htm | head -z -n 6 | copy html_filters 0 1 2 3 4 5 6 7 8 9 10
pick css | copy css
pick js mjs | copy js 0 1 2 3
pick png | copy png
pick jpg jpeg | copy jpeg
pick gif | copy gif
pick webp | copy webp
pick png jpg jpeg gif webp | copy image_header
pick json | copy config

# The URL resolver: "base path NUL reference", hostile references included.
mkdir -p "$OUT/url"
i=0
for ref in "img/a.png" "../b.css" "/c/d.js?x=1#y" "%2e%2e%2f%2e%2e%2fetc/passwd" \
           "../../etc/passwd" "https://example.com/x/y" "//cdn.example.com/a" "a%2fb" \
           "C:/Windows/win.ini" "file:///etc/passwd" "./" "?q" "#f" "a\\..\\..\\b" \
           "data:image/png;base64,AAAA" "x/../../y"; do
  i=$((i + 1))
  printf 'docs/guide/page.html\0%s' "$ref" > "$OUT/url/$i"
done

# Config: the keys the parser knows, one object each, plus a full one.
for kv in '"level":"core"' '"filters":["css-minify"]' '"jobs":2' '"io":"mmap"' \
          '"max_file_bytes":1024' '"max_files":10' '"html":{"lazyload_skip_first":1}' \
          '"css":{}' '"js":{}' '"image":{}' '"delivery":{}'; do
  i=$((i + 1))
  printf '{%s}' "$kv" > "$OUT/config/k$i.json"
done
