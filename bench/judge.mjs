// Correctness judges for the benchmark, one process per (type, tool):
//   node --no-warnings --experimental-vm-modules judge.mjs TYPE [--lossy] [--resized] < pairs.json
// pairs.json is [{"in": path, "out": path}, ...]; prints [{"in","out","ok","detail",...}].
//   js   V8 parse of the output in the mode the input parses in (CommonJS function body, else ES
//        module): what `node --check` does, without one process per file.
//   css  lightningcss --minify of the output equals lightningcss --minify of the input.
//   html parse5 (the WHATWG tree builder) DOMs of input and output compared modulo what HTML
//        minification may change: comments, whitespace the CSS white-space model collapses
//        (collapsed runs, trimmed at block boundaries, merged across inline tags; exact inside
//        pre/textarea and under elements the page's CSS may set to white-space: pre, pre-wrap or
//        break-spaces, newlines kept under pre-line), default-valued attributes, boolean
//        attribute values, class token spacing. The CSS read is the input's <style> text, its
//        style="" attributes, and the sheets a pair names ("sheets": paths, the sheets the page
//        links), rules in any media; selectors are matched by css-select, dynamic
//        pseudo-classes (:hover...) as matching.
//        <script>/<style> text that differs is accepted only if it still parses (JS) or has the
//        same lightningcss canonical form (CSS), and counted as "embedded re-minified".
//   img  decoded with sharp: lossless rows must have identical RGBA pixels; lossy rows report
//        SSIM on luma (8x8 windows, stride 4); resized rows are compared to the input resized by
//        sharp to the output's size (lanczos3).
import fs from 'node:fs';
import vm from 'node:vm';

const args = process.argv.slice(2);
const type = args[0];
const lossy = args.includes('--lossy');
const resized = args.includes('--resized');
const pairs = JSON.parse(fs.readFileSync(0, 'utf8'));

// ---------------------------------------------------------------- JS
function jsMode(code) {
  try { vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname']); return 'cjs'; }
  catch (e) { /* not a script body: try a module */ }
  try { new vm.SourceTextModule(code); return 'module'; } catch (e) { return { error: e.message }; }
}
function jsParses(code, mode) {
  try {
    if (mode === 'cjs') vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname']);
    else new vm.SourceTextModule(code);
    return null;
  } catch (e) { return e.message; }
}
function judgeJs(inText, outText) {
  const mode = jsMode(inText);
  if (typeof mode !== 'string') return { ok: null, detail: `input does not parse: ${mode.error}` };
  const err = jsParses(outText, mode);
  return err ? { ok: false, detail: `output (${mode}) does not parse: ${err}` } : { ok: true, detail: mode };
}

// ---------------------------------------------------------------- CSS
let lcss = null;
async function cssCanon(text) {
  lcss ??= await import('lightningcss');
  return Buffer.from(lcss.transform({ filename: 'x.css', code: Buffer.from(text), minify: true,
                                      errorRecovery: true }).code).toString('utf8');
}
async function judgeCss(inText, outText) {
  let a, b;
  try { a = await cssCanon(inText); } catch (e) { return { ok: null, detail: `lightningcss rejects input: ${e.message}` }; }
  try { b = await cssCanon(outText); } catch (e) { return { ok: false, detail: `lightningcss rejects output: ${e.message}` }; }
  if (a === b) return { ok: true, detail: 'same lightningcss canonical form' };
  // lightningcss keeps unparsed values (custom properties, var() arguments) as written, so a
  // space after a comma survives in one and not the other; outside strings that space is not
  // significant to any property that parses the value.
  const commas = (s) => s.replace(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|\s*,\s*/g, (m, str) => str || ',');
  if (commas(a) === commas(b)) return { ok: true, detail: 'same lightningcss canonical form modulo spaces around commas', relaxed: true };
  a = commas(a); b = commas(b);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { ok: false, detail: `canonical forms differ at ${i}: in …${a.slice(Math.max(0, i - 40), i + 40)}… out …${b.slice(Math.max(0, i - 40), i + 40)}…` };
}

// ---------------------------------------------------------------- HTML
const BLOCK = new Set(('html head body title meta link script style base noscript template address article ' +
  'aside blockquote center dd details dialog dir div dl dt fieldset figcaption figure footer form ' +
  'frameset frame h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol optgroup option p pre ' +
  'section summary table caption colgroup col thead tbody tfoot tr td th ul legend search').split(' '));
const PRESERVE = new Set(['pre', 'textarea', 'listing', 'plaintext', 'xmp']);
const BOOLEAN = new Set(('allowfullscreen async autofocus autoplay checked controls default defer disabled ' +
  'formnovalidate hidden inert ismap itemscope loop multiple muted nomodule novalidate open playsinline ' +
  'readonly required reversed selected').split(' '));
const JS_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'application/ecmascript',
  'text/ecmascript', 'application/x-javascript', 'text/jscript']);
function isDefaultAttr(tag, name, value, attrs) {
  const v = value.trim().toLowerCase();
  if (tag === 'script' && name === 'type') return JS_TYPES.has(v);
  if (tag === 'script' && name === 'language') return v === 'javascript';
  if (tag === 'style' && name === 'type') return v === 'text/css';
  if (tag === 'link' && name === 'type') return v === 'text/css';
  if (tag === 'form' && name === 'method') return v === 'get';
  if (tag === 'input' && name === 'type') return v === 'text';
  if (tag === 'area' && name === 'shape') return v === 'rect';
  if (tag === 'button' && name === 'type') return v === 'submit';
  return false;
}
function attrString(node) {
  const tag = node.tagName;
  const html = node.namespaceURI === 'http://www.w3.org/1999/xhtml';
  const out = [];
  for (const a of node.attrs) {
    const name = (a.prefix ? a.prefix + ':' : '') + a.name;
    let v = a.value;
    if (html && isDefaultAttr(tag, name, v)) continue;
    if (html && BOOLEAN.has(name)) v = '';
    else if (name === 'class' || name === 'rel') v = v.trim().split(/[ \t\n\f\r]+/).join(' ');
    // The viewport list is comma-separated with insignificant spaces, and numbers (1.0 == 1).
    else if (tag === 'meta' && name === 'content' && node.attrs.some((x) => x.name === 'name' && x.value.trim().toLowerCase() === 'viewport')) {
      v = v.split(',').map((kv) => kv.split('=').map((p) => { const t = p.trim().toLowerCase(); return /^[0-9.]+$/.test(t) ? String(Number(t)) : t; }).join('=')).join(',');
    }
    out.push(`${name}=${JSON.stringify(v)}`);
  }
  return out.sort().join(' ');
}

// ---- white-space from CSS: which elements render their whitespace as written (EXACT) or keep
// their line breaks (LINES), with descendants inheriting. "May" reading: any media, any rule.
const NONE = 0, LINES = 1, EXACT = 2;
function whiteSpaceMode(property, value) {
  if (property !== 'white-space' && property !== 'white-space-collapse') return NONE;
  const v = value.toLowerCase();
  if (/var\(|env\(/.test(v)) return EXACT;  // unknown until used: may be pre
  if (property === 'white-space-collapse') {
    return /preserve-breaks/.test(v) ? LINES : /preserve|break-spaces/.test(v) ? EXACT : NONE;
  }
  if (/pre-line|preserve-breaks/.test(v)) return LINES;
  return /\bpre\b|pre-wrap|break-spaces|preserve/.test(v) ? EXACT : NONE;
}
const styleAttrMode = (style) => {
  let m = NONE;
  for (const d of style.split(';')) {
    const k = d.indexOf(':');
    if (k > 0) m = Math.max(m, whiteSpaceMode(d.slice(0, k).trim().toLowerCase(), d.slice(k + 1)));
  }
  return m;
};
// css-select over parse5's default tree.
const isEl = (n) => !!n.tagName;
const kids = (n) => n.childNodes || [];
const P5 = {
  isTag: isEl,
  getAttributeValue: (e, name) => { const a = e.attrs.find((x) => x.name === name); return a ? a.value : undefined; },
  getChildren: kids,
  getName: (e) => e.tagName,
  getParent: (n) => n.parentNode || null,
  getSiblings: (n) => (n.parentNode ? kids(n.parentNode) : [n]),
  getText: (n) => (n.nodeName === '#text' ? n.value : kids(n).map(P5.getText).join('')),
  hasAttrib: (e, name) => e.attrs.some((x) => x.name === name),
  removeSubsets: (nodes) => nodes.filter((n) => { for (let p = n.parentNode; p; p = p.parentNode) if (nodes.includes(p)) return false; return true; }),
  existsOne: (test, nodes) => nodes.some((n) => isEl(n) && (test(n) || P5.existsOne(test, kids(n)))),
  findAll: (test, nodes) => { const out = []; const st = [...nodes].reverse(); while (st.length) { const n = st.pop(); if (!isEl(n)) continue; if (test(n)) out.push(n); st.push(...[...kids(n)].reverse()); } return out; },
  findOne: (test, nodes) => P5.findAll(test, nodes)[0] || null,
  isHovered: () => true, isVisited: () => true, isActive: () => true,
};
let cssTree = null, cssSelect = null;
// [{test, mode}] for the rules of `cssTexts` that set white-space to something kept.
async function whiteSpaceRules(cssTexts) {
  cssTree ??= await import('css-tree');
  cssSelect ??= await import('css-select');
  const rules = [];
  let skipped = 0;
  for (const text of cssTexts) {
    const ast = cssTree.parse(text, { parseValue: false, onParseError: () => {} });
    cssTree.walk(ast, { visit: 'Rule', enter(rule) {
      if (!rule.block || rule.prelude.type !== 'SelectorList') return;
      let mode = NONE;
      rule.block.children.forEach((d) => {
        if (d.type === 'Declaration') mode = Math.max(mode, whiteSpaceMode(d.property.toLowerCase(), cssTree.generate(d.value)));
      });
      if (mode === NONE) return;
      rule.prelude.children.forEach((sel) => {
        let text = cssTree.generate(sel);
        if (/::|:(before|after|first-line|first-letter|marker|placeholder)\b/i.test(text)) return;  // generated text only
        for (const attempt of [text, text.replace(/:(?!not\(|is\(|where\(|has\()[a-z-]+(\([^()]*\))?/gi, '')]) {
          try { rules.push({ test: cssSelect.compile(attempt || '*', { adapter: P5 }), mode }); return; } catch (e) { /* next */ }
        }
        skipped++;
      });
    } });
  }
  return { rules, skipped };
}
function cssMode(el, ws) {
  let m = NONE;
  for (const r of ws.rules) if (m < r.mode && r.test(el)) m = r.mode;
  const style = el.attrs.find((a) => a.name === 'style');
  if (style) m = Math.max(m, styleAttrMode(style.value));
  return m;
}
// The <style> texts of a parse5 document.
function styleTexts(doc) {
  const out = [];
  const st = [doc];
  while (st.length) {
    const n = st.pop();
    if (n.tagName === 'style') out.push(kids(n).map((t) => t.value || '').join(''));
    st.push(...kids(n));
    if (n.content) st.push(n.content);
  }
  return out;
}

// Flattens a parse5 document into tokens without recursion: {k:'open'|'close'|'text'|'raw', ...}.
// Text under an EXACT element is kept as written, under a LINES element with each whitespace
// run reduced to its line breaks (or one space).
function flatten(doc, ws) {
  const toks = [];
  const stack = [{ node: doc, i: 0, pre: 0, lines: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const kids = top.node.content ? top.node.content.childNodes : (top.node.childNodes || []);
    if (top.i >= kids.length) {
      stack.pop();
      if (top.node.tagName) toks.push({ k: 'close', tag: top.node.tagName });
      continue;
    }
    const n = kids[top.i++];
    if (n.nodeName === '#comment') continue;
    if (n.nodeName === '#documentType') { toks.push({ k: 'open', tag: '!doctype', s: `<!doctype ${(n.name || '').toLowerCase()}>`, block: true }); toks.push({ k: 'close', tag: '!doctype' }); continue; }
    if (n.nodeName === '#text') {
      const parent = top.node.tagName;
      if (parent === 'script' || parent === 'style') toks.push({ k: 'raw', tag: parent, type: (top.node.attrs.find((a) => a.name === 'type') || { value: '' }).value.trim().toLowerCase(), s: n.value });
      else if (top.pre === 0 && top.lines > 0) toks.push({ k: 'text', s: n.value.replace(/[ \t\n\f\r]+/g, (r) => r.replace(/[^\n]/g, '') || ' '), pre: true });
      else toks.push({ k: 'text', s: n.value, pre: top.pre > 0 });
      continue;
    }
    if (n.tagName) {
      const mode = ws ? cssMode(n, ws) : NONE;
      const pre = top.pre + (PRESERVE.has(n.tagName) || mode === EXACT ? 1 : 0);
      const lines = top.lines + (mode === LINES ? 1 : 0);
      toks.push({ k: 'open', tag: n.tagName, s: `<${n.tagName} ${attrString(n)}>`, block: BLOCK.has(n.tagName) });
      stack.push({ node: n, i: 0, pre, lines });
    }
  }
  // Merge adjacent text (a removed comment may have split a text node).
  const merged = [];
  for (const t of toks) {
    const last = merged[merged.length - 1];
    if (t.k === 'text' && last && last.k === 'text' && last.pre === t.pre) last.s += t.s;
    else merged.push({ ...t });
  }
  return canonicalWhitespace(merged);
}

// Whitespace as the CSS white-space:normal model renders it: each run is one SPACE; a SPACE
// touching a block boundary or a <br> vanishes; spaces separated only by inline tags merge, and float before
// those tags.
function canonicalWhitespace(toks) {
  const seq = [];
  // A <br> ends its line: spaces before it are at a line's end, spaces after it at the next
  // line's start, and CSS removes both, as at a block boundary.
  const isBlockTok = (t) => (t.k === 'open' || t.k === 'close') &&
    (BLOCK.has(t.tag) || t.tag === '!doctype' || t.tag === 'br');
  for (const t of toks) {
    if (t.k === 'text' && !t.pre) {
      const parts = t.s.split(/([ \t\n\f\r]+)/);
      for (const p of parts) {
        if (p === '') continue;
        if (/^[ \t\n\f\r]+$/.test(p)) seq.push({ k: 'space' });
        else seq.push({ k: 'text', s: p });
      }
    } else {
      seq.push(t.k === 'close' ? { ...t, s: `</${t.tag}>` } : t);
    }
  }
  const out = [];
  let i = 0;
  while (i < seq.length) {
    const t = seq[i];
    if (t.k !== 'space' && !((t.k === 'open' || t.k === 'close') && !isBlockTok(t))) { out.push(t); i++; continue; }
    // A run of spaces and inline tags.
    let j = i, space = false;
    const tags = [];
    while (j < seq.length && (seq[j].k === 'space' || ((seq[j].k === 'open' || seq[j].k === 'close') && !isBlockTok(seq[j])))) {
      if (seq[j].k === 'space') space = true; else tags.push(seq[j]);
      j++;
    }
    const prev = out[out.length - 1];
    const next = seq[j];
    const atBoundary = !prev || isBlockTok(prev) || !next || isBlockTok(next) ||
      (prev.k === 'text' && prev.pre) || (next.k === 'text' && next.pre) || prev.k === 'raw' || next.k === 'raw';
    if (space && !atBoundary) out.push({ k: 'space' });
    out.push(...tags);
    i = j;
  }
  return out;
}

const tokStr = (t) => t.k === 'space' ? '␠' : t.k === 'text' ? JSON.stringify(t.s) : t.k === 'raw' ? `<raw ${t.tag}:${t.s.length}B>` : t.s;

async function rawEquivalent(a, b) {
  if (a.s === b.s) return 'same';
  if (a.s.trim() === b.s.trim()) return 'embedded';
  if (a.tag === 'style') {
    try { return (await cssCanon(a.s)) === (await cssCanon(b.s)) ? 'embedded' : 'differs'; } catch (e) { return 'differs'; }
  }
  if (JS_TYPES.has(a.type) || a.type === 'module') {
    const mode = a.type === 'module' ? 'module' : jsMode(a.s);
    if (typeof mode !== 'string') return 'differs';
    return jsParses(b.s, mode) ? 'differs' : 'embedded';
  }
  if (a.type.includes('json') || a.type === 'importmap' || a.type === 'speculationrules') {
    try { return JSON.stringify(JSON.parse(a.s)) === JSON.stringify(JSON.parse(b.s)) ? 'embedded' : 'differs'; } catch (e) { return 'differs'; }
  }
  return 'differs';
}

let parse5 = null;
async function judgeHtml(inText, outText, sheetTexts) {
  parse5 ??= await import('parse5');
  // Scripting off: <noscript> content is then markup, compared like the rest (with scripting on
  // it is one inert text node that minifiers legitimately rewrite).
  const inDoc = parse5.parse(inText, { scriptingEnabled: false });
  // One reading of the input's CSS judges both trees (a minifier may rewrite the <style> text).
  const ws = await whiteSpaceRules([...sheetTexts, ...styleTexts(inDoc)]);
  const a = flatten(inDoc, ws);
  const b = flatten(parse5.parse(outText, { scriptingEnabled: false }), ws);
  let embedded = 0;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i], y = b[i];
    let same = x && y && x.k === y.k && (x.k === 'space' || x.s === y.s);
    if (!same && x && y && x.k === 'raw' && y.k === 'raw' && x.tag === y.tag) {
      const r = await rawEquivalent(x, y);
      if (r !== 'differs') { same = true; if (r === 'embedded') embedded++; }
    }
    if (!same) {
      const ctx = (arr) => arr.slice(Math.max(0, i - 3), i + 3).map(tokStr).join(' ').slice(0, 300);
      return { ok: false, detail: `DOM differs at token ${i}: in ${x ? tokStr(x).slice(0, 120) : 'EOF'} / out ${y ? tokStr(y).slice(0, 120) : 'EOF'}; context in [${ctx(a)}] out [${ctx(b)}]`, embedded };
    }
  }
  const unread = ws.skipped ? `; ${ws.skipped} white-space selectors css-select cannot read` : '';
  return { ok: true, detail: (embedded ? `same DOM; ${embedded} embedded script/style re-minified (judged valid)` : 'same DOM') + unread, embedded };
}

// ---------------------------------------------------------------- images
let sharp = null;
async function rgba(buf, w, h) {
  let img = sharp(buf, { animated: true }).ensureAlpha();
  if (w) img = img.resize({ width: w, height: h, fit: 'fill', kernel: 'lanczos3' });
  return img.raw().toBuffer({ resolveWithObject: true });
}
function ssim(a, b, w, h) {
  // Luma of RGBA composited over white.
  const Y = (p, o) => { const al = p[o + 3] / 255; const c = (v) => v * al + 255 * (1 - al); return 0.299 * c(p[o]) + 0.587 * c(p[o + 1]) + 0.114 * c(p[o + 2]); };
  const C1 = (0.01 * 255) ** 2, C2 = (0.03 * 255) ** 2;
  let sum = 0, count = 0;
  const win = Math.min(8, w, h), step = Math.max(1, win >> 1);
  for (let y0 = 0; y0 + win <= h; y0 += step) {
    for (let x0 = 0; x0 + win <= w; x0 += step) {
      let ma = 0, mb = 0, va = 0, vb = 0, cov = 0;
      const N = win * win;
      for (let y = y0; y < y0 + win; y++) for (let x = x0; x < x0 + win; x++) {
        const o = (y * w + x) * 4; const p = Y(a, o), q = Y(b, o);
        ma += p; mb += q; va += p * p; vb += q * q; cov += p * q;
      }
      ma /= N; mb /= N; va = va / N - ma * ma; vb = vb / N - mb * mb; cov = cov / N - ma * mb;
      sum += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      count++;
    }
  }
  return count ? sum / count : 1;
}
async function judgeImg(inBuf, outBuf) {
  sharp ??= (await import('sharp')).default;
  let o;
  try { o = await rgba(outBuf); } catch (e) { return { ok: false, detail: `output does not decode: ${e.message}` }; }
  const ow = o.info.width, oh = o.info.height;
  // Animated images come back as frames stacked vertically: resize per frame (pageHeight).
  const i = await rgba(inBuf, resized ? ow : 0, resized ? (o.info.pageHeight || oh) : 0);
  if (!resized && (i.info.width !== ow || i.info.height !== oh)) return { ok: false, detail: `size ${i.info.width}x${i.info.height} -> ${ow}x${oh}` };
  if (i.data.length !== o.data.length) return { ok: false, detail: `frame count differs (${i.data.length} vs ${o.data.length} bytes of RGBA)` };
  // A fully transparent pixel has no colour: encoders may zero its RGB (cwebp does without -exact).
  for (const d of [i.data, o.data]) for (let k = 3; k < d.length; k += 4) if (d[k] === 0) d[k - 3] = d[k - 2] = d[k - 1] = 0;
  if (!lossy && !resized) {
    const same = i.data.equals(o.data);
    return { ok: same, detail: same ? 'pixels identical' : 'pixels differ', identical: same };
  }
  if (!resized && i.data.equals(o.data)) return { ok: true, detail: 'pixels identical', identical: true, ssim: 1 };
  const s = ssim(i.data, o.data, ow, o.data.length / 4 / ow);
  return { ok: true, detail: `SSIM ${s.toFixed(4)}${resized ? ' vs input resized by sharp' : ''}`, ssim: s, identical: false };
}

// ---------------------------------------------------------------- main
const results = [];
for (const p of pairs) {
  let r;
  try {
    if (type === 'img') r = await judgeImg(fs.readFileSync(p.in), fs.readFileSync(p.out));
    else {
      const a = fs.readFileSync(p.in, 'utf8'), b = fs.readFileSync(p.out, 'utf8');
      const sheets = (p.sheets || []).map((f) => fs.readFileSync(f, 'utf8'));
      r = type === 'js' ? judgeJs(a, b) : type === 'css' ? await judgeCss(a, b) : await judgeHtml(a, b, sheets);
    }
  } catch (e) {
    r = { ok: false, detail: `judge error: ${e.message}` };
  }
  results.push({ in: p.in, out: p.out, ...r });
}
process.stdout.write(JSON.stringify(results));
