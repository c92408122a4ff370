#!/bin/bash
# report_cli_test.sh DRIVER PAGEBAKE PYTHON WORKDIR
# Builds a small site twice with `pagebake build --report` (the second time with a changed CSS
# file), then checks `report` (table), `report --html`, `report --diff` and the exit codes; then
# opens the HTML report in headless Chromium: no console message at all, the inline script ran
# (data-ready), the #sort= hash sorted the cost table, and a screenshot is written. Without
# chromium the browser part is skipped with a WARN (exit 77, which ctest shows as skipped).
set -u
drv=$1 pagebake=$2 py=$3 work=$4
rm -rf "$work" && mkdir -p "$work/site/css" "$work/site/js"
fail=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fail=1; fi
}

cat > "$work/site/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>t</title><link rel="stylesheet" href="css/app.css">
<!-- a comment -->
<script src="js/app.js"></script></head>
<body>  <p>Hello   <b>world</b></p>  <a href="q&amp;a.html">q</a></body></html>
HTML
cat > "$work/site/q&a.html" <<'HTML'
<!DOCTYPE html><html><head><link rel="stylesheet" href="css/app.css"></head><body><p>Q &amp; A</p></body></html>
HTML
cat > "$work/site/css/app.css" <<'CSS'
/* the app */
body { color : #ff0000 ; margin : 0px 0px 0px 0px }
p    { padding : 0px }
CSS
cat > "$work/site/js/app.js" <<'JS'
// greet
function greet ( name ) {
  return "hello, " + name ;
}
JS

"$pagebake" build "$work/site" -o "$work/out1" --level all --report "$work/r1.json" -q -j 1 \
  || { echo "FAIL: first build"; exit 1; }
printf '.extra { margin-left : 10px }\n' >> "$work/site/css/app.css"
"$pagebake" build "$work/site" -o "$work/out2" --level all --report "$work/r2.json" -q -j 1 \
  || { echo "FAIL: second build"; exit 1; }

# report FILE: the cost table.
"$drv" report "$work/r1.json" --color never > "$work/table.txt"
check "report exits 0" test $? -eq 0
check "report prints the cost table" grep -q "filter/stage" "$work/table.txt"
check "report table has the process total" grep -q "process total" "$work/table.txt"

# report FILE --html OUT.
"$drv" report "$work/r1.json" --html "$work/report.html"
check "report --html exits 0" test $? -eq 0
check "report --html writes svg charts" grep -q "<svg" "$work/report.html"
check "report --html has the page table" grep -q 'id="page-table"' "$work/report.html"
check "report --html page q&a.html escaped" grep -q 'q&amp;a.html' "$work/report.html"
check "report --html fetches nothing" \
  "$py" -c 'import re,sys; s=open(sys.argv[1]).read(); sys.exit(1 if re.search(r"(src|href)\s*=|https?://(?!www\.w3\.org/2000/svg)", s) else 0)' \
  "$work/report.html"

# report --diff OLD NEW.
"$drv" report --diff "$work/r1.json" "$work/r2.json" > "$work/diff.txt"
check "report --diff exits 0" test $? -eq 0
check "report --diff lists rows" grep -q "^css-minify" "$work/diff.txt"
check "report --diff summarizes outputs" grep -q "^output files: " "$work/diff.txt"
check "report --diff shows the changed css by source" grep -q "css/app.css .*bytes [0-9]* -> [0-9]* (+" "$work/diff.txt"
check "report --diff of a report with itself has no changed output" \
  bash -c "'$drv' report --diff '$work/r1.json' '$work/r1.json' | grep -q '^output files: 0 changed, 0 added, 0 removed'"

# Exit codes.
"$drv" report "$work/nope.json" 2>/dev/null; check "unreadable report exits 3" test $? -eq 3
echo '{"schema": "something-else/1"}' > "$work/bad.json"
"$drv" report "$work/bad.json" 2>/dev/null; check "not a pagebake report exits 2" test $? -eq 2
echo 'not json' > "$work/bad2.json"
"$drv" report "$work/bad2.json" 2>/dev/null; check "invalid JSON exits 2" test $? -eq 2
"$drv" report --diff "$work/r1.json" 2>/dev/null; check "--diff with one report exits 2" test $? -eq 2
"$drv" report "$work/r1.json" "$work/r2.json" 2>/dev/null; check "two reports without --diff exits 2" test $? -eq 2
"$drv" report "$work/r1.json" --html "$work/no/such/dir/r.html" 2>/dev/null
check "unwritable --html exits 3" test $? -eq 3

[ $fail -eq 0 ] || exit 1

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "WARN: chromium is not installed (apt-get install chromium); the headless check of the HTML report is SKIPPED"
  exit 77
fi
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
       --user-data-dir="$work/chromium-profile" --enable-logging=stderr --v=0)
url="file://$work/report.html#sort=wall"
timeout 120 "$chromium" "${flags[@]}" --dump-dom "$url" > "$work/dom.html" 2> "$work/chromium.log"
check "chromium --dump-dom exits 0" test $? -eq 0
check "no console message (errors, uncaught exceptions)" bash -c "! grep -E ':CONSOLE|Uncaught' '$work/chromium.log'"
check "the inline script ran" grep -q 'data-ready="1"' "$work/dom.html"
# #sort=wall clicked the wall header once: ascending wall time, numerically.
check "#sort=wall sorted the cost table ascending" "$py" - "$work/dom.html" <<'PY'
import re, sys
dom = open(sys.argv[1]).read()
table = dom[dom.index('id="cost-table"'):]
body = table[table.index("<tbody>"):table.index("</tbody>")]
walls = []
for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
    cells = re.findall(r'<td[^>]*data-v="(-?[0-9.]+)"', tr)
    walls.append(int(cells[2]))  # invocations, files, wall
print("wall order:", walls)
sys.exit(0 if len(walls) > 3 and walls == sorted(walls) and walls != walls[::-1] else 1)
PY
timeout 120 "$chromium" "${flags[@]}" --window-size=1280,3000 --screenshot="$work/report.png" \
  "file://$work/report.html" > /dev/null 2>> "$work/chromium.log"
check "screenshot written" test -s "$work/report.png"
check "screenshot is a PNG" bash -c "head -c 8 '$work/report.png' | od -An -tx1 | grep -q '89 50 4e 47'"
echo "screenshot: $work/report.png"
exit $fail
