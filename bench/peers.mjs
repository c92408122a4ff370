// In-process timing of the npm peers, with the same interface as pagebake's <family>_perftest:
//   node peers.mjs --tool ID [--out DIR] [--repeat N] FILE...
// prints one JSON object per line {"file","in","out","best_ns","mbps"} (images add "mpps"), then a
// last line {"summary": {...}} with this process's peak RSS. Each file is run once untimed (JIT
// warm-up, lazy init) and then N times; best_ns is the fastest. Only the library call is timed:
// reading and writing files are outside the clock, as in the perftests.
//   node peers.mjs --list    prints the tool ids, one JSON object per line.
//   node peers.mjs --meta FILE...   prints image format, width, height, frames.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const isModule = (code) => /^\s*(import|export)\s[^(]/m.test(code);

// Options chosen to match pagebake's filters (same class of transform), documented in README.md.
const HMT_SAFE = {
  collapseWhitespace: true, removeComments: true, removeRedundantAttributes: true,
  removeScriptTypeAttributes: true, removeStyleLinkTypeAttributes: true,
  collapseBooleanAttributes: true, removeAttributeQuotes: true,
};

const TOOLS = {
  // ---- HTML
  'html-minifier-terser': {
    type: 'html', pkg: 'html-minifier-terser',
    note: 'safe options: collapseWhitespace, removeComments, removeRedundantAttributes, remove*TypeAttributes, collapseBooleanAttributes, removeAttributeQuotes; inline CSS/JS untouched',
    async init() { this.m = (await import('html-minifier-terser')).minify; },
    run(buf) { return this.m(buf.toString('utf8'), HMT_SAFE); },
  },
  'minify-html': {
    type: 'html', pkg: '@minify-html/node',
    note: 'defaults with minify_css=false, minify_js=false (drops optional tags, spec-valid)',
    async init() { this.m = (await import('@minify-html/node')).default.minify; },
    run(buf) { return this.m(buf, { minify_css: false, minify_js: false }); },
  },
  'tdewolff-html': {
    type: 'html', pkg: '@tdewolff/minify',
    note: 'text/html defaults (also minifies inline CSS/JS; no switch to turn that off)',
    async init() { this.m = (await import('@tdewolff/minify')).minify; },
    run(buf) { return this.m('text/html', buf.toString('utf8')); },
  },
  // ---- CSS
  'esbuild-css': {
    type: 'css', pkg: 'esbuild', note: 'transformSync loader=css minify=true',
    async init() { this.m = (await import('esbuild')).transformSync; },
    run(buf) { return this.m(buf.toString('utf8'), { loader: 'css', minify: true, logLevel: 'silent' }).code; },
  },
  'lightningcss': {
    type: 'css', pkg: 'lightningcss', note: 'transform minify=true errorRecovery=true',
    async init() { this.m = (await import('lightningcss')).transform; },
    run(buf, file) { return this.m({ filename: file, code: buf, minify: true, errorRecovery: true }).code; },
  },
  'clean-css': {
    type: 'css', pkg: 'clean-css', note: 'level 1 (default)',
    async init() { const C = (await import('clean-css')).default; this.c = new C({}); },
    run(buf) {
      const r = this.c.minify(buf.toString('utf8'));
      if (r.errors.length) throw new Error(r.errors[0]);
      return r.styles;
    },
  },
  'csso': {
    type: 'css', pkg: 'csso', note: 'minify (restructure=true, default)',
    async init() { this.m = (await import('csso')).minify; },
    run(buf) { return this.m(buf.toString('utf8')).css; },
  },
  'tdewolff-css': {
    type: 'css', pkg: '@tdewolff/minify', note: 'text/css defaults',
    async init() { this.m = (await import('@tdewolff/minify')).minify; },
    run(buf) { return this.m('text/css', buf.toString('utf8')); },
  },
  // ---- JS
  'esbuild-ws': {
    type: 'js', pkg: 'esbuild', note: 'transformSync minifyWhitespace only (the class of js-minify)',
    async init() { this.m = (await import('esbuild')).transformSync; },
    run(buf) { return this.m(buf.toString('utf8'), { loader: 'js', minifyWhitespace: true, logLevel: 'silent' }).code; },
  },
  'esbuild': {
    type: 'js', pkg: 'esbuild', note: 'transformSync minify=true (full: whitespace+syntax+identifiers)',
    async init() { this.m = (await import('esbuild')).transformSync; },
    run(buf) { return this.m(buf.toString('utf8'), { loader: 'js', minify: true, logLevel: 'silent' }).code; },
  },
  'terser': {
    type: 'js', pkg: 'terser', note: 'minify defaults (compress+mangle), module= when the file has import/export',
    async init() { this.m = (await import('terser')).minify; },
    async run(buf) {
      const code = buf.toString('utf8');
      return (await this.m(code, { module: isModule(code) })).code;
    },
  },
  'swc': {
    type: 'js', pkg: '@swc/core', note: 'minifySync compress+mangle, module= when the file has import/export',
    async init() { this.m = (await import('@swc/core')).default.minifySync; },
    run(buf) {
      const code = buf.toString('utf8');
      return this.m(code, { compress: true, mangle: true, module: isModule(code) }).code;
    },
  },
  'tdewolff-js': {
    type: 'js', pkg: '@tdewolff/minify', note: 'application/javascript defaults',
    async init() { this.m = (await import('@tdewolff/minify')).minify; },
    run(buf) { return this.m('application/javascript', buf.toString('utf8')); },
  },
  // ---- images (sharp = libvips). Lossless rows keep every pixel; lossy rows are judged by SSIM.
  'sharp-lossless': {
    type: 'img', pkg: 'sharp', lossy: false,
    note: 'PNG: png(compressionLevel 9, adaptiveFiltering); JPEG: jpeg(mozjpeg) is lossy so JPEG rows are skipped; GIF skipped',
    async init() { this.s = (await import('sharp')).default; this.s.concurrency(1); },
    accepts: (meta) => meta.format === 'png',
    async run(buf) {
      return this.s(buf).png({ compressionLevel: 9, adaptiveFiltering: true, palette: false }).toBuffer();
    },
  },
  'sharp-webp-q80': {
    type: 'img', pkg: 'sharp', lossy: true, note: 'webp(quality 80); lossless inputs (PNG/GIF) -> webp(lossless)',
    async init() { this.s = (await import('sharp')).default; this.s.concurrency(1); },
    async run(buf, file, meta) {
      const lossless = meta.format !== 'jpeg';
      return this.s(buf, { animated: true }).webp(lossless ? { lossless: true } : { quality: 80 }).toBuffer();
    },
  },
  'sharp-resize-800-webp': {
    type: 'img', pkg: 'sharp', lossy: true, resized: true,
    note: 'resize to 800 px wide (never enlarge) + webp q80 (lossless for PNG/GIF)',
    async init() { this.s = (await import('sharp')).default; this.s.concurrency(1); },
    async run(buf, file, meta) {
      const lossless = meta.format !== 'jpeg';
      return this.s(buf, { animated: true }).resize({ width: 800, withoutEnlargement: true })
        .webp(lossless ? { lossless: true } : { quality: 80 }).toBuffer();
    },
  },
};

function parseArgs(argv) {
  const a = { repeat: 5, out: null, tool: null, files: [], list: false, warmup: true };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--repeat') a.repeat = Math.max(1, parseInt(argv[++i], 10));
    else if (v === '--out') a.out = argv[++i];
    else if (v === '--tool') a.tool = argv[++i];
    else if (v === '--list') a.list = true;
    else if (v === '--meta') a.meta = true;  // image dimensions and frame count, one line per file
    else if (v === '--no-warmup') a.warmup = false;  // for strace: one pass only
    else a.files.push(v);
  }
  return a;
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  if (a.meta) {
    const sharp = (await import('sharp')).default;
    for (const file of a.files) {
      try {
        const m = await sharp(file).metadata();
        console.log(JSON.stringify({ file, format: m.format, width: m.width, height: m.height, pages: m.pages || 1 }));
      } catch (e) { console.log(JSON.stringify({ file, error: e.message })); }
    }
    return;
  }
  if (a.list) {
    for (const [id, t] of Object.entries(TOOLS)) {
      console.log(JSON.stringify({ id, type: t.type, pkg: t.pkg, note: t.note, lossy: !!t.lossy }));
    }
    return;
  }
  const tool = TOOLS[a.tool];
  if (!tool) { console.error(`peers.mjs: unknown tool ${a.tool}`); process.exit(2); }
  await tool.init();
  if (a.out) fs.mkdirSync(a.out, { recursive: true });
  const sharp = tool.type === 'img' ? tool.s : null;
  for (const file of a.files) {
    const buf = fs.readFileSync(file);
    const rec = { file, in: buf.length };
    try {
      const meta = sharp ? await sharp(buf).metadata() : null;
      if (tool.accepts && !tool.accepts(meta)) {
        console.log(JSON.stringify({ ...rec, skipped: `${meta ? meta.format : 'input'} not handled by this pipeline` }));
        continue;
      }
      let out = a.warmup ? await tool.run(buf, file, meta) : undefined;
      // Slow tools (terser on a 1 MB file takes seconds) stop repeating after ~2 s of timed runs.
      let best = Infinity, spent = 0;
      for (let r = 0; r < a.repeat && (r === 0 || spent < 2000); r++) {
        const t0 = performance.now();
        out = await tool.run(buf, file, meta);
        const dt = performance.now() - t0;
        spent += dt;
        if (dt < best) best = dt;
      }
      const bytes = typeof out === 'string' ? Buffer.from(out, 'utf8') : Buffer.from(out);
      const best_ns = Math.round(best * 1e6);
      Object.assign(rec, { out: bytes.length, best_ns, mbps: buf.length / best_ns * 1000 });
      if (meta) {
        const px = meta.width * meta.height * (meta.pages || 1);
        rec.mpps = px / best_ns * 1000;
      }
      if (a.out) fs.writeFileSync(path.join(a.out, path.basename(file)), bytes);
    } catch (e) {
      rec.error = String(e && e.message ? e.message : e).split('\n')[0].slice(0, 300);
    }
    console.log(JSON.stringify(rec));
  }
  console.log(JSON.stringify({ summary: { maxrss_kb: process.resourceUsage().maxRSS } }));
}

await main();
