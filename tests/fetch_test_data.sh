#!/usr/bin/env bash
# Fetches the pinned real-world test inputs into $1 (default build/test-data). Idempotent: a
# second run only checks what is there. Each family keeps its list in tests/<family>/fetch_data.sh.
set -euo pipefail
DATA=${1:-$(cd "$(dirname "$0")/.." && pwd)/build/test-data}
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
export DATA
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/testdata_lib.sh"
for fam in core html css js image delivery budget cli; do
  if [ -f "$HERE/$fam/fetch_data.sh" ]; then
    source "$HERE/$fam/fetch_data.sh"
  fi
done
echo "test data ready in $DATA"
