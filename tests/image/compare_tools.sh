#!/usr/bin/env bash
# Side-by-side size/speed of image_perftest against optipng -o2 (PNG) and
# jpegtran -optimize -progressive -copy none (JPEG) on the files given (or a default sample of
# the fetched corpus). Usage: compare_tools.sh PERFTEST [FILE...]. Not a test: prints a table.
set -euo pipefail
PERF=$1; shift
DATA=${DATA:-$(dirname "$PERF")/../../test-data}
if [ $# -eq 0 ]; then
  mapfile -t FILES < <( { find "$DATA/deb/adwaita-icon-theme" -name '*.png' | sort | awk 'NR%400==1';
    find "$DATA/npm/emoji-datasource-twitter@16.0.0/img/twitter/64" -name '*.png' | sort | awk 'NR%400==1';
    find "$DATA/deb/gnome-user-docs" -name '*.png' -size -1M | sort | awk 'NR%10==1';
    find "$DATA/deb/mate-backgrounds" "$DATA/deb/desktop-base" \( -name '*.png' -o -name '*.jpg' \) -size -1400k | sort; } )
else
  FILES=("$@")
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
declare -A IN OUT_US OUT_THEM T_US T_THEM MP
for f in "${FILES[@]}"; do
  case "${f,,}" in *.png) k=png;; *.jpg|*.jpeg) k=jpeg;; *) continue;; esac
  line=$("$PERF" --repeat 1 "$f")
  in=$(sed 's/.*"in": \([0-9]*\).*/\1/' <<<"$line"); out=$(sed 's/.*"out": \([0-9]*\).*/\1/' <<<"$line")
  ns=$(sed 's/.*"best_ns": \([0-9]*\).*/\1/' <<<"$line"); mpps=$(sed 's/.*"mpps": \([0-9.]*\).*/\1/' <<<"$line")
  mp=$(awk -v n="$ns" -v r="$mpps" 'BEGIN{print n*r/1e9}')
  t0=$(date +%s%N)
  if [ $k = png ]; then optipng -quiet -o2 -out "$tmp/o.png" -clobber "$f" || cp "$f" "$tmp/o.png"; them=$(stat -c %s "$tmp/o.png")
  else jpegtran -optimize -progressive -copy none "$f" > "$tmp/o.jpg"; them=$(stat -c %s "$tmp/o.jpg"); fi
  t1=$(date +%s%N)
  [ "$them" -gt "$in" ] && them=$in
  IN[$k]=$(( ${IN[$k]:-0} + in )); OUT_US[$k]=$(( ${OUT_US[$k]:-0} + out )); OUT_THEM[$k]=$(( ${OUT_THEM[$k]:-0} + them ))
  T_US[$k]=$(( ${T_US[$k]:-0} + ns )); T_THEM[$k]=$(( ${T_THEM[$k]:-0} + t1 - t0 ))
  MP[$k]=$(awk -v a="${MP[$k]:-0}" -v b="$mp" 'BEGIN{print a+b}')
done
printf "%-5s %10s %10s %7s %10s %7s %9s %9s\n" type in pagebake ratio tool ratio "MP/s us" "MP/s tool"
for k in "${!IN[@]}"; do
  awk -v k="$k" -v i="${IN[$k]}" -v u="${OUT_US[$k]}" -v t="${OUT_THEM[$k]}" -v tu="${T_US[$k]}" -v tt="${T_THEM[$k]}" -v mp="${MP[$k]}" \
    'BEGIN{printf "%-5s %10d %10d %7.3f %10d %7.3f %9.2f %9.2f\n", k, i, u, u/i, t, t/i, mp/(tu/1e9), mp/(tt/1e9)}'
done
