// Syntax judge for the js corpus test, many files in one node process:
//   node --experimental-vm-modules js_syntax_check.js LIST
// LIST has one line per file: <mode>\t<original>\t<minified>, mode = script | cjs | module.
// The original is parsed in that mode, else in the other two (packages mix module systems:
// vue's esm-bundler .js files, moment's src/); the minified file must parse in the first mode
// the original parses in. Files no mode parses (e.g. templates with placeholders) are skipped
// and counted. Prints failures and a summary; exit status 1 on any failure.
'use strict';
const fs = require('fs');
const vm = require('vm');

function parses(mode, file) {
  const src = fs.readFileSync(file, 'utf8');
  try {
    if (mode === 'module') {
      new vm.SourceTextModule(src, { identifier: file });
    } else if (mode === 'cjs') {
      vm.compileFunction(src, ['exports', 'require', 'module', '__filename', '__dirname'],
        { filename: file });
    } else {
      new vm.Script(src, { filename: file });
    }
    return null;
  } catch (e) {
    return String(e && e.message ? e.message : e);
  }
}

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let checked = 0, skipped = 0, failed = 0;
for (const line of lines) {
  const [given, original, minified] = line.split('\t');
  const mode = [given, 'module', 'cjs', 'script'].find((m) => parses(m, original) === null);
  if (!mode) {
    ++skipped;
    console.log(`SKIP ${original}: ${parses(given, original)}`);
    continue;
  }
  ++checked;
  const err = parses(mode, minified);
  if (err !== null) {
    ++failed;
    console.log(`FAIL ${original} (${mode}): ${err}`);
  }
}
console.log(`checked ${checked} skipped ${skipped} failed ${failed}`);
process.exit(failed ? 1 : 0);
