#!/usr/bin/env bash
# pagebake's one entry point for set-up, build, demo and tests on Debian 12.
#
#   ./build.sh demo    install missing packages, build Release, optimize examples/site, print
#                      the cost report
#   ./build.sh test    same set-up, then the whole test suite (ctest)
#   ./build.sh build   set-up and build only
#
# Missing Debian packages are installed with apt-get when running as root; otherwise the exact
# command is printed and the script stops.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
BUILD_DIR=${PAGEBAKE_BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc)}

# Build dependencies, and the tools the tests use as independent judges.
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libgumbo-dev libwebp-dev libbrotli-dev libcli11-dev catch2 nlohmann-json3-dev
  libpng-dev libjpeg62-turbo-dev libturbojpeg0-dev libgif-dev zlib1g-dev libdeflate-dev
  libzopfli-dev libssl-dev
  nodejs npm webp libjpeg-turbo-progs pngcheck imagemagick ffmpeg optipng brotli strace curl
  chromium
)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # node may come from elsewhere (nvm, nodesource): a working `node` is enough.
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local keep=()
    for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || keep+=("$p"); done
    missing=("${keep[@]}")
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  local cmd="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "pagebake: missing Debian packages. Run as root:" >&2
    echo "  apt-get update && $cmd" >&2
    exit 1
  fi
  echo "+ apt-get update && $cmd"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $cmd
}

# Exact syscall counts use the raw_syscalls tracepoint; that needs tracefs (root only).
enable_tracefs() {
  if [ "$(id -u)" -eq 0 ] && [ ! -e /sys/kernel/tracing/events/raw_syscalls ] && [ -d /sys/kernel/tracing ]; then
    mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
  fi
}

configure_and_build() {
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

case "${1:-build}" in
  build)
    install_packages
    configure_and_build
    ;;
  demo)
    install_packages
    enable_tracefs
    configure_and_build
    rm -rf "$BUILD_DIR/demo-site"
    "$BUILD_DIR/pagebake" build "$ROOT/examples/site" -o "$BUILD_DIR/demo-site" \
      --report "$BUILD_DIR/demo-report.json" --trace "$BUILD_DIR/demo-trace.json"
    echo
    echo "optimized site:  $BUILD_DIR/demo-site"
    echo "report (JSON):   $BUILD_DIR/demo-report.json"
    echo "trace (Perfetto): $BUILD_DIR/demo-trace.json"
    ;;
  test)
    install_packages
    enable_tracefs
    configure_and_build
    "$ROOT/tests/fetch_test_data.sh" "$BUILD_DIR/test-data"
    cd "$BUILD_DIR"
    ctest --output-on-failure -j "$JOBS" --timeout 900
    ;;
  fuzz)
    # ./build.sh fuzz [target] [seconds]: build the libFuzzer targets (tests/fuzz, clang,
    # ASan+UBSan) in build-fuzz, seed their corpora, run each (or one) for `seconds` (60).
    # A crash leaves its input in build-fuzz/crashes/<target>/ and fails the run.
    command -v clang++-14 >/dev/null || { echo "fuzz: needs clang-14 (apt-get install clang-14)" >&2; exit 1; }
    FUZZ_DIR=${PAGEBAKE_FUZZ_DIR:-$ROOT/build-fuzz}
    cmake -S "$ROOT/tests/fuzz" -B "$FUZZ_DIR" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
      -DCMAKE_C_COMPILER=clang-14
    targets=(html_roundtrip html_filters css js url image_header png jpeg gif webp config)
    [ -n "${2:-}" ] && targets=("$2")
    cmake --build "$FUZZ_DIR" -j "$JOBS" --target "${targets[@]/%/_fuzzer}"
    "$ROOT/tests/fuzz/make_seeds.sh" "$FUZZ_DIR/seeds" "${PAGEBAKE_TEST_DATA:-$BUILD_DIR/test-data}"
    status=0
    for t in "${targets[@]}"; do
      mkdir -p "$FUZZ_DIR/corpus/$t" "$FUZZ_DIR/crashes/$t" "$FUZZ_DIR/seeds/$t"
      echo "== $t"
      "$FUZZ_DIR/${t}_fuzzer" "$FUZZ_DIR/corpus/$t" "$FUZZ_DIR/seeds/$t" \
        -max_total_time="${3:-60}" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$FUZZ_DIR/crashes/$t/" 2>&1 |
        grep -E "^#[0-9]+ *(INITED|DONE)|stat::|ERROR|SUMMARY|invariant" || true
      [ -z "$(ls -A "$FUZZ_DIR/crashes/$t")" ] || { echo "fuzz: $t crashed, see $FUZZ_DIR/crashes/$t" >&2; status=1; }
    done
    exit $status
    ;;
  *)
    echo "usage: $0 [build|demo|test]" >&2
    exit 2
    ;;
esac
