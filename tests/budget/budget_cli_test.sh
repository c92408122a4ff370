#!/usr/bin/env bash
# End-to-end test of `budget`: builds a small site with `pagebake build`, then checks the exit
# codes (0 pass / warn only, 1 error-level failure, 2 invalid budget, 3 unreadable output), the
# --json and --junit files (parsed with python3: JSON and xml.etree), the GitHub Actions
# annotations and the step summary.
# usage: budget_cli_test.sh BUDGET_BIN PAGEBAKE_BIN PYTHON WORKDIR
set -u
BUDGET=$1 PAGEBAKE=$2 PY=$3 W=$4
rm -rf "$W" && mkdir -p "$W/src/css" "$W/src/js" "$W/src/fonts"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect CODE DESCRIPTION -- command...: runs it, keeps stdout/stderr in $W/last.{out,err}.
expect() {
  local want=$1 what=$2; shift 3
  "$@" >"$W/last.out" 2>"$W/last.err"
  local got=$?
  if [ "$got" != "$want" ]; then
    fail "$what: exit $got, want $want"
    sed 's/^/  | /' "$W/last.out" "$W/last.err" >&2
  fi
}

cat >"$W/src/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>budget fixture</title><link rel="stylesheet" href="css/app.css"></head>
<body><h1>Hello</h1><p>Some text that repeats. Some text that repeats. Some text that repeats.</p>
<script src="js/app.js"></script></body></html>
HTML
cat >"$W/src/about.html" <<'HTML'
<!DOCTYPE html>
<html><head><title>about</title><link rel="stylesheet" href="css/app.css"></head><body><p>About</p></body></html>
HTML
cat >"$W/src/css/app.css" <<'CSS'
@font-face { font-family: f; src: url("../fonts/f.woff2") format("woff2"); }
body { font-family: f, sans-serif; margin: 0; padding: 0; color: #333333; }
h1 { font-size: 2em; }
CSS
printf 'function hello(name) {\n  return "hello " + name;\n}\nconsole.log(hello("budget"));\n' >"$W/src/js/app.js"
head -c 6000 /dev/urandom >"$W/src/fonts/f.woff2"

"$PAGEBAKE" build "$W/src" -o "$W/out" --report "$W/report.json" -q -j 1 >"$W/build.log" 2>&1 ||
  { echo "FAIL: pagebake build of the fixture failed:" >&2; cat "$W/build.log" >&2; exit 1; }
[ -f "$W/out/pagebake-manifest.json" ] || { echo "FAIL: no manifest in the output" >&2; exit 1; }

cat >"$W/pass.json" <<'J'
{"files": [{"glob": "**/*.js", "aggregate": "each", "max": "10 kB"},
           {"glob": "fonts/**", "aggregate": "sum", "max": "6000 B", "encoding": "br"}],
 "pages": [{"glob": "*.html", "max_weight": "20 KiB", "max_requests": 4}]}
J
expect 0 "passing budget" -- "$BUDGET" budget "$W/out" --budget "$W/pass.json" --color never
grep -q "PASS" "$W/last.out" || fail "table shows no PASS"

cat >"$W/fail.json" <<'J'
{"files": [{"glob": "**/*.js", "aggregate": "each", "max": "1 B"},
           {"glob": "**/*.css", "aggregate": "sum", "max": "1 MB"}],
 "pages": [{"glob": "index.html", "max_requests": 1, "level": "warn"}]}
J
expect 1 "failing budget" -- "$BUDGET" budget "$W/out" --budget "$W/fail.json" --json "$W/r.json" \
  --junit "$W/r.xml" --color never
grep -q "FAIL" "$W/last.out" || fail "table shows no FAIL"
"$PY" - "$W/r.json" "$W/r.xml" <<'PY' || fail "JSON/JUnit validation"
import json, sys, xml.etree.ElementTree as ET
r = json.load(open(sys.argv[1]))
assert r["schema"] == "pagebake-budget-result/1", r["schema"]
assert r["summary"]["exit_code"] == 1
statuses = [c["status"] for c in r["checks"]]
assert statuses.count("fail") == 1 and statuses.count("warn") == 1, statuses
root = ET.parse(sys.argv[2]).getroot()
assert root.tag == "testsuites"
cases = root.findall(".//testcase")
assert len(cases) == len(r["checks"]), (len(cases), len(r["checks"]))
assert len(root.findall(".//testcase/failure")) == 1
assert int(root.get("failures")) == 1 and int(root.get("tests")) == len(cases)
names = {c.get("name") for c in cases}
assert {c["id"] for c in r["checks"]} == names
PY

cat >"$W/warn.json" <<'J'
{"level": "warn", "files": [{"glob": "**/*.js", "aggregate": "each", "max": "1 B"}]}
J
expect 0 "warn-only budget" -- "$BUDGET" budget "$W/out" --budget "$W/warn.json"
grep -q "WARN" "$W/last.out" || fail "table shows no WARN"

# Under GitHub Actions: annotations on stdout, the summary appended (earlier content kept), and
# still exit 1 — no environment turns a failure into success.
printf 'earlier step\n' >"$W/summary.md"
expect 1 "failing budget under GitHub Actions" -- env GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY="$W/summary.md" \
  "$BUDGET" budget "$W/out" --budget "$W/fail.json"
grep -q "^::error file=" "$W/last.out" || fail "no ::error annotation"
grep -q "^::warning file=" "$W/last.out" || fail "no ::warning annotation"
head -1 "$W/summary.md" | grep -q "earlier step" || fail "step summary overwritten"
grep -q "### pagebake budget" "$W/summary.md" || fail "no Markdown summary"

# Invalid budgets: exit 2 with the JSON path.
printf '{"files": [{"glob": "*", "aggregate": "sum", "max": 150}]}' >"$W/bare.json"
expect 2 "bare number" -- "$BUDGET" budget "$W/out" --budget "$W/bare.json"
grep -q '\$.files\[0\].max' "$W/last.err" || fail "error does not name \$.files[0].max"
printf '[{"resourceSizes": [{"resourceType": "script", "budget": 1}, {"resourceType": "script", "budget": 2}]}]' \
  >"$W/dup.json"
expect 2 "duplicate Lighthouse type" -- "$BUDGET" budget "$W/out" --budget "$W/dup.json"
grep -q 'duplicate' "$W/last.err" || fail "error does not say duplicate"
printf '{"files": [' >"$W/broken.json"
expect 2 "not JSON" -- "$BUDGET" budget "$W/out" --budget "$W/broken.json"
expect 2 "missing budget file" -- "$BUDGET" budget "$W/out" --budget "$W/nope.json"
expect 2 "bad --encoding" -- "$BUDGET" budget "$W/out" --budget "$W/pass.json" --encoding zstd
expect 2 "no --budget" -- "$BUDGET" budget "$W/out"

# Not a pagebake output: exit 3.
expect 3 "output without manifest" -- "$BUDGET" budget "$W/src" --budget "$W/pass.json"

# Lighthouse budget.json: timings are reported as not measurable, sizes and counts checked.
cat >"$W/lighthouse.json" <<'J'
[{"path": "/*", "timings": [{"metric": "interactive", "budget": 3000}],
  "resourceSizes": [{"resourceType": "total", "budget": 300}, {"resourceType": "font", "budget": 1}],
  "resourceCounts": [{"resourceType": "third-party", "budget": 10}]}]
J
expect 1 "Lighthouse budget (font over 1 KiB)" -- "$BUDGET" budget "$W/out" --budget "$W/lighthouse.json" --color never
grep -q "SKIP.*not measurable at build time" "$W/last.out" || fail "timings not reported as not measurable"

# Filter cost: needs --report; with it, a generous limit passes.
cat >"$W/cost.json" <<'J'
{"filters": [{"process": true, "max_wall": "10 s", "max_read": "100 MB"}]}
J
expect 1 "cost budget without --report" -- "$BUDGET" budget "$W/out" --budget "$W/cost.json"
expect 0 "cost budget with --report" -- "$BUDGET" budget "$W/out" --budget "$W/cost.json" --report "$W/report.json"

# Baselines: the same build as its own baseline (report or directory) does not grow.
cat >"$W/rel.json" <<'J'
{"files": [{"glob": "**/*", "aggregate": "sum", "max": "+0%", "encoding": "raw"}]}
J
expect 1 "relative limit without baseline" -- "$BUDGET" budget "$W/out" --budget "$W/rel.json"
expect 0 "relative limit vs report baseline" -- "$BUDGET" budget "$W/out" --budget "$W/rel.json" \
  --baseline "$W/report.json"
expect 0 "relative limit vs directory baseline" -- "$BUDGET" budget "$W/out" --budget "$W/rel.json" \
  --baseline "$W/out"
expect 3 "unreadable baseline" -- "$BUDGET" budget "$W/out" --budget "$W/rel.json" --baseline "$W/none.json"

# `pagebake build --budget`: the same checks right after the build, one exit status for both.
# An invalid budget is refused before any work (exit 2, nothing written).
expect 0 "build --budget passing" -- "$PAGEBAKE" build "$W/src" -o "$W/out-b" -q --budget "$W/pass.json" \
  --budget-json "$W/b.json" --budget-junit "$W/b.xml" --color never
grep -q "PASS" "$W/last.out" || fail "build --budget: table shows no PASS"
"$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["summary"]["exit_code"]==0, r["summary"]' \
  "$W/b.json" || fail "build --budget-json: not a passing result"
"$PY" -c 'import sys,xml.etree.ElementTree as E; assert E.parse(sys.argv[1]).getroot().tag=="testsuites"' \
  "$W/b.xml" || fail "build --budget-junit: not JUnit XML"
expect 1 "build --budget failing" -- "$PAGEBAKE" build "$W/src" -o "$W/out-b" -q --budget "$W/fail.json"
grep -q "FAIL" "$W/last.out" || fail "build --budget failing: table shows no FAIL"
[ -f "$W/out-b/index.html" ] || fail "build --budget failing: the output was not kept"
expect 0 "build --budget with cost rules (sees its own report)" -- "$PAGEBAKE" build "$W/src" \
  -o "$W/out-b" -q --budget "$W/cost.json"
expect 0 "build --budget relative vs own output as baseline" -- "$PAGEBAKE" build "$W/src" \
  -o "$W/out-b" -q --budget "$W/rel.json" --budget-baseline "$W/out"
rm -rf "$W/out-c"
expect 2 "build --budget invalid" -- "$PAGEBAKE" build "$W/src" -o "$W/out-c" -q --budget "$W/bare.json"
grep -q '\$.files\[0\].max' "$W/last.err" || fail "build --budget invalid: error does not name \$.files[0].max"
[ ! -e "$W/out-c" ] || fail "build --budget invalid: the build ran anyway"

if [ "$fails" -ne 0 ]; then
  echo "$fails check(s) failed" >&2
  exit 1
fi
echo "budget CLI: all checks passed"
