#!/usr/bin/env bash
# End-to-end test of the CMake integration: builds examples/cmake-project with real cmake and
# ninja runs in a scratch directory, on a scratch copy of examples/site (the tests touch and
# edit it; the repository's copy is never written).
#
#   example_project_test.sh build-tree|new-file|install|bad-usage SCRATCH_DIR
#
# build-tree  find_package(PageBake) from the build tree (PageBake_DIR=<build dir>): outputs and
#             manifest; a second ninja does nothing; touching a CSS file, touching an image only
#             CSS references, and changing a filter option in CMake each rerun the site step;
#             the embedded server serves every file, identity/br/gzip bodies equal to the build's.
# new-file    adding or removing a file in the site reruns the site step.
# install     `cmake --install` to a scratch prefix, find_package(PageBake) from there, link
#             PageBake::filters; replacing the installed tool reruns the site step.
# bad-usage   pagebake_add_site()/pagebake_embed() misuse stops configure with a clear message.
#
# Environment (set by tests/cmake/CMakeLists.txt): PAGEBAKE_SOURCE_DIR, PAGEBAKE_BUILD_DIR,
# PAGEBAKE_CMAKE, PAGEBAKE_NINJA, PAGEBAKE_CURL, PAGEBAKE_BROTLI.
set -euo pipefail
MODE=$1
SCRATCH=$2
SRC=${PAGEBAKE_SOURCE_DIR:?}
PB_BUILD=${PAGEBAKE_BUILD_DIR:?}
CMAKE=${PAGEBAKE_CMAKE:-cmake}
NINJA=${PAGEBAKE_NINJA:-ninja}
CURL=${PAGEBAKE_CURL:-curl}
BROTLI=${PAGEBAKE_BROTLI:-brotli}
HERE=$(cd "$(dirname "$0")" && pwd)

STEP="setup"
step() { STEP=$1; echo "--- $STEP"; }
fail() { echo "FAILED [$STEP]: $*" >&2; exit 1; }

[ -x "$PB_BUILD/pagebake" ] || fail "$PB_BUILD/pagebake is not built (ninja pagebake)"

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH/examples"
cp -a "$SRC/examples/site" "$SRC/examples/cmake-project" "$SCRATCH/examples/"
SITE=$SCRATCH/examples/site
PROJECT=$SCRATCH/examples/cmake-project
BUILD=$SCRATCH/build
OUT=$BUILD/crumb_site
STAMP=$BUILD/CMakeFiles/pagebake.dir/crumb_site.stamp
LOG=$SCRATCH/ninja.log

configure() {
  "$CMAKE" -S "$PROJECT" -B "$BUILD" -G Ninja -DCMAKE_MAKE_PROGRAM="$NINJA" \
    -DCMAKE_BUILD_TYPE=Release "$@" >"$SCRATCH/configure.log" 2>&1 ||
    { cat "$SCRATCH/configure.log"; fail "configure failed"; }
}

# Runs ninja; the log is kept for the expect_* checks.
build() {
  "$NINJA" -C "$BUILD" "$@" >"$LOG" 2>&1 || { cat "$LOG"; fail "ninja failed"; }
}

expect_site_rebuilt() {
  build
  grep -q "pagebake: optimizing crumb_site" "$LOG" || { cat "$LOG"; fail "the site step did not rerun"; }
}

expect_no_work() {
  build
  grep -q "ninja: no work to do" "$LOG" || { cat "$LOG"; fail "ninja did work on a clean tree"; }
}

# Touches a file so that it is newer than the site step's last run (Ninja compares inputs with
# the time the step finished, which the stamp records), whatever the timestamp granularity.
bump() {
  touch "$1"
  while [ ! "$1" -nt "$STAMP" ]; do
    sleep 0.2
    touch "$1"
  done
}

check_outputs() {
  step "outputs and manifest"
  for f in index.html menu.html about.html contact.html 404.html blog/index.html \
           pagebake-manifest.json; do
    [ -f "$OUT/$f" ] || fail "missing $OUT/$f"
  done
  "$CMAKE" -DMANIFEST="$OUT/pagebake-manifest.json" -DOUT="$SCRATCH/paths.txt" \
    -P "$HERE/manifest_paths.cmake" || fail "manifest check"
  grep -qx "index.html" "$SCRATCH/paths.txt" || fail "manifest does not list index.html"
  grep -q "^img/icons\.[0-9a-f]*\.png$" "$SCRATCH/paths.txt" ||
    fail "the CSS-only sprite img/icons.png did not get a hashed name"
  [ -s "$BUILD/crumb-report.json" ] || fail "REPORT crumb-report.json not written"
  grep -q '"schema": *"pagebake-report/1"' "$BUILD/crumb-report.json" || fail "report schema"
  [ -x "$BUILD/embedded-server" ] || fail "embedded-server not built"
}

# Fetches $1 from the server into $2 with extra curl args; prints the response headers file.
SERVER_PID=""
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }
trap stop_server EXIT

check_server() {
  step "embedded server"
  "$BUILD/embedded-server" --port 0 >"$SCRATCH/server.out" 2>&1 &
  SERVER_PID=$!
  local port="" i
  for i in $(seq 1 100); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$SCRATCH/server.out")
    [ -n "$port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SCRATCH/server.out"; fail "server exited"; }
    sleep 0.1
  done
  [ -n "$port" ] || fail "server did not start"
  local base="http://127.0.0.1:$port" got="$SCRATCH/got" hdr="$SCRATCH/headers"
  fetch() {  # fetch <url path> [curl args...]: body in $got, headers in $hdr, prints status
    local path=$1
    shift
    "$CURL" -sS --max-time 10 -o "$got" -D "$hdr" -w '%{http_code}' "$@" "$base$path"
  }
  # The home page: identity, br and gzip all decode to the optimized index.html.
  [ "$(fetch /)" = 200 ] || fail "GET / status"
  cmp -s "$got" "$OUT/index.html" || fail "GET / (identity) differs from index.html"
  grep -qi '^content-type: text/html' "$hdr" || fail "GET / content type"
  ! grep -qi '^content-encoding' "$hdr" || fail "GET / without Accept-Encoding was encoded"
  # precompress-br and precompress-gzip are core filters: a 7 KB page must have both siblings.
  [ -f "$OUT/index.html.br" ] || fail "the build wrote no index.html.br (precompress-br)"
  [ -f "$OUT/index.html.gz" ] || fail "the build wrote no index.html.gz (precompress-gzip)"
  [ "$(fetch / -H 'Accept-Encoding: br')" = 200 ] || fail "GET / br status"
  grep -qi '^content-encoding: br' "$hdr" || fail "no br body for Accept-Encoding: br"
  "$BROTLI" -dc <"$got" | cmp -s - "$OUT/index.html" || fail "br body does not decode to index.html"
  [ "$(fetch / -H 'Accept-Encoding: gzip, br;q=0')" = 200 ] || fail "GET / gzip status"
  grep -qi '^content-encoding: gzip' "$hdr" || fail "br;q=0 must select gzip"
  gzip -dc <"$got" | cmp -s - "$OUT/index.html" || fail "gzip body does not decode"
  # Negotiation: Accept-Encoding -> the Content-Encoding expected ("" = identity).
  local row accept want enc
  for row in "br|br" "gzip, deflate, br|br" "*|br" "gzip|gzip" "br;q=0.4, gzip;q=0.8|gzip" \
             "gzip;q=0.5|gzip" "br;q=0, gzip;q=0|" "identity;q=0, gzip|gzip" "BR|br" "deflate|" \
             "*;q=0, identity|" "br;q=0.5, identity|"; do
    accept=${row%|*}
    want=${row#*|}
    [ "$(fetch / -H "Accept-Encoding: $accept")" = 200 ] || fail "GET / ($accept)"
    enc=$(sed -n 's/^[Cc]ontent-[Ee]ncoding: *\([a-z]*\).*/\1/p' "$hdr")
    [ "$enc" = "$want" ] || fail "Accept-Encoding: $accept gave '$enc', want '$want'"
  done
  # Conditional request: the ETag of the representation sent comes back as 304. Each encoding
  # is its own representation with its own ETag, so fetch the one the request will select.
  local etag
  [ "$(fetch / -H 'Accept-Encoding: gzip, br;q=0')" = 200 ] || fail "GET / (gzip)"
  etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\([^[:space:]]*\).*/\1/p' "$hdr")
  [ -n "$etag" ] || fail "no ETag"
  [ "$(fetch / -H 'Accept-Encoding: gzip, br;q=0' -H "If-None-Match: $etag")" = 304 ] ||
    fail "If-None-Match did not give 304"
  # Every file of the manifest, with each encoding the build made.
  local path n=0
  while IFS= read -r path; do
    [ "$(fetch "/$path")" = 200 ] || fail "GET /$path"
    cmp -s "$got" "$OUT/$path" || fail "GET /$path differs"
    if [ -f "$OUT/$path.br" ]; then
      fetch "/$path" -H 'Accept-Encoding: gzip, deflate, br' >/dev/null
      "$BROTLI" -dc <"$got" | cmp -s - "$OUT/$path" || fail "GET /$path (br) differs"
    fi
    n=$((n + 1))
  done <"$SCRATCH/paths.txt"
  [ "$(fetch /blog/)" = 200 ] && cmp -s "$got" "$OUT/blog/index.html" || fail "GET /blog/"
  [ "$(fetch /no-such-page.html)" = 404 ] || fail "missing file is not 404"
  echo "served $n files"
  stop_server
}

case "$MODE" in
  build-tree)
    step "configure against the build tree"
    configure -DPageBake_DIR="$PB_BUILD"
    grep -q "^PageBake_DIR:[A-Z]*=$PB_BUILD$" "$BUILD/CMakeCache.txt" || fail "PageBake_DIR"
    step "build"
    build
    check_outputs
    step "second ninja: no work"
    expect_no_work
    step "touch a CSS file: the site step reruns"
    bump "$SITE/css/home.css"
    expect_site_rebuilt
    expect_no_work
    step "touch an image referenced only from CSS: reruns (the depfile)"
    bump "$SITE/img/icons.png"
    expect_site_rebuilt
    expect_no_work
    step "edit a page: reruns and the server is rebuilt with the new bytes"
    sed -i 's|Bread, the slow way.|Bread, the slow way!|' "$SITE/index.html"
    expect_site_rebuilt
    grep -q "Building CXX object.*crumb_site.cc.o" "$LOG" || { cat "$LOG"; fail "embed not recompiled"; }
    grep -q "Bread, the slow way!" "$OUT/index.html" || fail "edit not in output"
    step "change a filter option in CMake: reruns"
    grep -q '"img-webp"' "$BUILD/crumb-report.json" || fail "img-webp not enabled at level core"
    configure -DEXAMPLE_DISABLE=img-webp
    expect_site_rebuilt
    ! grep -q '"img-webp"' "$BUILD/crumb-report.json" || fail "DISABLE img-webp did not reach the tool"
    [ -z "$(find "$OUT" -name '*.jpg.webp' -o -name '*.png.webp')" ] ||
      fail "img-webp disabled, yet its .webp outputs remain"
    expect_no_work
    check_outputs
    check_server
    ;;
  new-file)
    # A file added to the site is read by the next build, so the build must rerun: the depfile
    # lists every directory the scan listed (a directory's mtime changes when an entry is
    # added, removed or renamed).
    step "configure and build"
    configure -DPageBake_DIR="$PB_BUILD"
    build
    step "add a page: the site step reruns"
    cp "$SITE/about.html" "$SITE/blog/new-post.html"
    bump "$SITE/blog"
    expect_site_rebuilt
    [ -f "$OUT/blog/new-post.html" ] || fail "the new page is not in the output"
    expect_no_work
    step "remove it again: reruns, and the output loses it"
    rm "$SITE/blog/new-post.html"
    bump "$SITE/blog"
    expect_site_rebuilt
    [ ! -e "$OUT/blog/new-post.html" ] || fail "the removed page is still in the output"
    ;;
  install)
    step "install to a scratch prefix"
    "$CMAKE" --install "$PB_BUILD" --prefix "$SCRATCH/prefix" >"$SCRATCH/install.log" 2>&1 ||
      { cat "$SCRATCH/install.log"; fail "cmake --install failed"; }
    for f in bin/pagebake include/pagebake/pagebake.h lib/cmake/PageBake/PageBakeConfig.cmake \
             lib/cmake/PageBake/PageBakeConfigVersion.cmake lib/cmake/PageBake/PageBake.cmake \
             lib/cmake/PageBake/FindZopfli.cmake lib/libpagebake_filters.a; do
      [ -e "$SCRATCH/prefix/$f" ] || fail "not installed: $f"
    done
    step "configure against the install (CMAKE_PREFIX_PATH), with the library example"
    configure -DCMAKE_PREFIX_PATH="$SCRATCH/prefix" -DEXAMPLE_WITH_LIBRARY=ON
    grep -q "^PageBake_DIR:PATH=$SCRATCH/prefix/lib/cmake/PageBake$" "$BUILD/CMakeCache.txt" ||
      fail "found a PageBake other than the installed one"
    step "build"
    build
    check_outputs
    step "the library: bake-in-process builds the site through PageBake::filters"
    "$BUILD/bake-in-process" "$SITE" "$SCRATCH/in-process" >"$SCRATCH/bake.log" 2>&1 ||
      { cat "$SCRATCH/bake.log"; fail "bake-in-process failed"; }
    cmp -s "$SCRATCH/in-process/index.html" "$OUT/index.html" ||
      fail "the library and the tool built different index.html"
    step "second ninja: no work"
    expect_no_work
    step "a new pagebake tool: the site step reruns"
    cp "$SCRATCH/prefix/bin/pagebake" "$SCRATCH/pagebake.new"
    bump "$SCRATCH/pagebake.new"
    mv "$SCRATCH/pagebake.new" "$SCRATCH/prefix/bin/pagebake"
    expect_site_rebuilt
    expect_no_work
    ;;
  bad-usage)
    # One project, one misuse per configure; each must fail and name the problem.
    BAD=$SCRATCH/bad
    mkdir -p "$BAD/site"
    echo '<!DOCTYPE html><title>t</title>' >"$BAD/site/index.html"
    expect_error() {  # expect_error <case> <regex the message must match>
      step "bad usage: $1"
      # The build dir is kept between cases: only CASE changes, and the compiler checks are
      # cached.
      if "$CMAKE" -S "$BAD" -B "$SCRATCH/bad-build" -G Ninja -DCMAKE_MAKE_PROGRAM="$NINJA" \
           -DPageBake_DIR="$PB_BUILD" -DCASE="$1" >"$SCRATCH/bad.log" 2>&1; then
        cat "$SCRATCH/bad.log"; fail "configure succeeded"
      fi
      tr -s ' \n' ' ' <"$SCRATCH/bad.log" | grep -Eq "$2" || { cat "$SCRATCH/bad.log"; fail "message"; }
    }
    cat >"$BAD/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(bad LANGUAGES CXX)
find_package(PageBake CONFIG REQUIRED)
if(CASE STREQUAL "unknown-argument")
  pagebake_add_site(s SOURCE_DIR site LEVLE core)
elseif(CASE STREQUAL "missing-source-dir")
  pagebake_add_site(s OUTPUT_DIR out)
elseif(CASE STREQUAL "output-inside-source")
  pagebake_add_site(s SOURCE_DIR site OUTPUT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/site/dist)
elseif(CASE STREQUAL "output-contains-source")
  pagebake_add_site(s SOURCE_DIR site OUTPUT_DIR ${CMAKE_CURRENT_SOURCE_DIR})
elseif(CASE STREQUAL "bad-level")
  pagebake_add_site(s SOURCE_DIR site LEVEL fast)
elseif(CASE STREQUAL "bad-filter-id")
  pagebake_add_site(s SOURCE_DIR site DISABLE "img webp")
elseif(CASE STREQUAL "embed-unknown-site")
  add_executable(app main.cc)
  pagebake_embed(app SITE nosuchsite)
elseif(CASE STREQUAL "embed-bad-namespace")
  pagebake_add_site(s SOURCE_DIR site)
  add_executable(app main.cc)
  pagebake_embed(app SITE s NAMESPACE 9lives)
endif()
EOF
    echo 'int main() {}' >"$BAD/main.cc"
    expect_error unknown-argument "pagebake_add_site\(s\): unknown argument\(s\): LEVLE core"
    expect_error missing-source-dir "pagebake_add_site\(s\): SOURCE_DIR is required"
    expect_error output-inside-source "OUTPUT_DIR .*/site/dist is inside SOURCE_DIR"
    expect_error output-contains-source "OUTPUT_DIR .* contains SOURCE_DIR"
    expect_error bad-level "LEVEL 'fast' is not one of passthrough, core, bandwidth, all"
    expect_error bad-filter-id "'img webp' in DISABLE is not a filter id"
    expect_error embed-unknown-site "SITE 'nosuchsite' is not a target"
    expect_error embed-bad-namespace "NAMESPACE '9lives' is not a C\+\+ namespace name"
    ;;
  *)
    echo "usage: $0 build-tree|new-file|install|bad-usage SCRATCH_DIR" >&2
    exit 2
    ;;
esac
echo "PASSED: $MODE"
