#!/usr/bin/env bash
# pagebake benchmark harness: pagebake and its peers side by side on a pinned real corpus.
#   bench/run.sh [html|css|js|img|site|all]... [--quick] [--build-dir DIR] [--no-strace|--strace] [--repeat N]
# Installs the pinned npm peers (bench/package-lock.json) into bench/node_modules, the Debian
# tools it needs, fetches the corpus into build/bench-corpus/ (sha256-checked), then runs
# bench.py, which prints the tables and writes build/bench/results.json. See bench/README.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
CORPUS=$REPO/build/bench-corpus
export PYTHONDONTWRITEBYTECODE=1  # keep bench/ free of __pycache__

for tool in node npm python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 1; }
done

# npm peers, exactly as locked. npm ci again only when the lock file changed.
if ! cmp -s "$HERE/package-lock.json" "$HERE/node_modules/.bench-lock" 2>/dev/null; then
  echo "+ (cd bench && npm ci --no-audit --no-fund)"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$HERE/package-lock.json" "$HERE/node_modules/.bench-lock"
fi

# Debian tools: command -> package. The last three only add rows (issue 7's peers).
need=()
for pair in brotli:brotli zopfli:zopfli zopflipng:zopfli cwebp:webp dwebp:webp gif2webp:webp \
            webpinfo:webp djpeg:libjpeg-turbo-progs jpegtran:libjpeg-turbo-progs optipng:optipng \
            pngcheck:pngcheck strace:strace pngcrush:pngcrush jpegoptim:jpegoptim gifsicle:gifsicle; do
  command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  if [ "$(id -u)" = 0 ]; then
    echo "+ apt-get install -y --no-install-recommends ${need[*]}"
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 || {
      echo "+ apt-get update && apt-get install -y --no-install-recommends ${need[*]}"
      apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null ||
        echo "run.sh: could not install ${need[*]}; their rows will say 'not installed'" >&2
    }
  else
    echo "run.sh: missing tools; run: sudo apt-get install ${need[*]} (their rows will say 'not installed')" >&2
  fi
fi

echo "+ corpus: $CORPUS"
python3 "$HERE/corpus.py" "$CORPUS"
exec python3 "$HERE/bench.py" --corpus "$CORPUS" "$@"
