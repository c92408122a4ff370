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

# install_packages [PACKAGE...]: the given packages, or PACKAGES.
install_packages() {
  local want=("$@") missing=()
  [ ${#want[@]} -eq 0 ] && want=("${PACKAGES[@]}")
  for p in "${want[@]}"; do
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

# --- sanitizers and fuzzing (issue 12) ---
SAN_DIR=${PAGEBAKE_SAN_DIR:-$ROOT/build-san}
TSAN_DIR=${PAGEBAKE_TSAN_DIR:-$ROOT/build-tsan}
FUZZ_TARGETS=(html_roundtrip html_filters css js url image_header png jpeg gif webp config)
SAN_PACKAGES=(clang-14 libclang-rt-14-dev)

install_packages_for_sanitizers() {
  install_packages "${SAN_PACKAGES[@]}"
}

# configure_sanitized DIR SANITIZERS [cmake args...]: a clang-14 tree at -O1 with line tables.
configure_sanitized() {
  local dir=$1 san=$2; shift 2
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DPAGEBAKE_SANITIZE="$san" -DPAGEBAKE_PERFTESTS=OFF "$@" >/dev/null
  # The tests read the fetched data from <tree>/test-data: share the main tree's.
  [ -e "$dir/test-data" ] || ln -s "$BUILD_DIR/test-data" "$dir/test-data"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

# run_fuzzers SECONDS TARGET...: seeds from the example site and the test data, then the
# targets, JOBS at a time; a crash or a broken invariant leaves its input under crashes/ and
# fails the run.
run_fuzzers() {
  local seconds=$1; shift
  local fz="$SAN_DIR/fuzz" status=0 t running=()
  "$ROOT/tests/fuzz/make_seeds.sh" "$fz/seeds" "$BUILD_DIR/test-data"
  # Only inputs this run writes fail it: a finding kept from an earlier local run (already
  # stored in tests/regress/) does not.
  mkdir -p "$fz"
  touch "$fz/.run-start"
  for t in "$@"; do
    mkdir -p "$fz/corpus/$t" "$fz/crashes/$t" "$fz/seeds/$t"
    "$SAN_DIR/tests/fuzz/${t}_fuzzer" "$fz/corpus/$t" "$fz/seeds/$t" \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$fz/crashes/$t/" >"$fz/$t.log" 2>&1 &
    running+=($!)
    if [ ${#running[@]} -ge "$JOBS" ]; then
      wait "${running[0]}" || true
      running=("${running[@]:1}")
    fi
  done
  for t in "${running[@]}"; do wait "$t" || true; done
  for t in "$@"; do
    echo "== fuzz $t (${seconds} s)"
    grep -E "^#[0-9]+ *(INITED|DONE)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss|ERROR|SUMMARY|invariant" "$fz/$t.log" || true
    if [ -n "$(find "$fz/crashes/$t" -type f -newer "$fz/.run-start")" ]; then
      echo "fuzz: $t failed, input in $fz/crashes/$t, log $fz/$t.log" >&2
      status=1
    fi
  done
  return $status
}

# sanitizer_suite SECONDS: the ASan+UBSan tree (with the fuzzers' coverage instrumentation)
# builds the CLI, the whole test suite and the fuzz targets; the whole suite runs there, then
# every fuzz target for SECONDS.
sanitizer_suite() {
  configure_sanitized "$SAN_DIR" address,undefined -DPAGEBAKE_FUZZERS=ON
  cmake --build "$SAN_DIR" -j "$JOBS"
  # Not here: the CMake package tests (they build a consumer project against the installed
  # library, a packaging check the Release stage runs; an ASan library needs an ASan consumer).
  (cd "$SAN_DIR" && ctest --output-on-failure -j "$JOBS" --timeout 1500 \
     -E '^(fetch_test_data|cmake_example_.*)$')
  run_fuzzers "$1" "${FUZZ_TARGETS[@]}"
}

# The pipeline's threads under TSan: the pipeline tests (core and delivery builds) with
# PAGEBAKE_TEST_JOBS=4 worker threads.
tsan_suite() {
  configure_sanitized "$TSAN_DIR" thread
  cmake --build "$TSAN_DIR" -j "$JOBS" --target core_test delivery_build_test
  (cd "$TSAN_DIR" && PAGEBAKE_TEST_JOBS=4 ctest --output-on-failure -j "$JOBS" --timeout 1500 \
     -R '^(core_test|delivery_build_test):')
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
    # ./build.sh fuzz [target] [seconds]: build the libFuzzer targets (tests/fuzz; clang-14,
    # ASan+UBSan) in build-san, seed their corpora, run each (or one) for `seconds` (60).
    # A crash leaves its input in build-san/fuzz/crashes/<target>/ and fails the run.
    install_packages
    install_packages_for_sanitizers
    configure_sanitized "$SAN_DIR" address,undefined -DPAGEBAKE_FUZZERS=ON
    targets=("${FUZZ_TARGETS[@]}")
    [ -n "${2:-}" ] && targets=("$2")
    cmake --build "$SAN_DIR" -j "$JOBS" --target "${targets[@]/%/_fuzzer}"
    run_fuzzers "${3:-60}" "${targets[@]}"
    ;;
  sanitize)
    # ./build.sh sanitize [ci]: what CI adds to `test` (issue 12). One clang-14 tree with
    # ASan+UBSan (+ the fuzzers' coverage instrumentation) builds the CLI, the whole test suite
    # and the fuzz targets: the suite runs there, then every fuzz target for
    # PAGEBAKE_FUZZ_SECONDS (20; 10 with `ci`) each. A ThreadSanitizer tree then runs the
    # pipeline tests with 4 worker threads. Reuses the test data `./build.sh test` fetched.
    install_packages
    install_packages_for_sanitizers
    "$ROOT/tests/fetch_test_data.sh" "$BUILD_DIR/test-data"
    if [ "${2:-}" = ci ]; then
      sanitizer_suite "${PAGEBAKE_FUZZ_SECONDS:-10}"
    else
      sanitizer_suite "${PAGEBAKE_FUZZ_SECONDS:-20}"
    fi
    tsan_suite
    ;;
  *)
    echo "usage: $0 [build|demo|test|sanitize|fuzz [target] [seconds]]" >&2
    exit 2
    ;;
esac
