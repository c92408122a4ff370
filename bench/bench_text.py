"""Text formats (html, css, js): pagebake and its peers on the same files, one table per type.

Modes (printed in the table):
  in-process     the library call only, best of N per file after one warm-up; MB/s = bytes in /
                 sum of best times. pagebake's <family>_perftest, the npm peers via peers.mjs.
  whole-process  a CLI as a user runs it, once per file (or once per set for `pagebake build`);
                 MB/s per core = bytes in / CPU time (user+sys) of all its processes, startup and
                 file IO included.
"""
import json
import os
import re
import shutil

import bench_lib as L

HERE = L.HERE
BIN = os.path.join(HERE, "node_modules", ".bin")
PEERS = ["node", os.path.join(HERE, "peers.mjs")]

FAMILY = {"html": "html", "css": "css", "js": "js", "img": "image"}
FILTERS = {
    "html": "html-collapse-whitespace,html-remove-comments,html-elide-attributes,html-remove-quotes",
    "css": "css-minify",
    "js": "js-minify",
    "img": "img-recompress-png,img-recompress-jpeg,img-webp",
}
IN_PROCESS_PEERS = {
    "html": ["html-minifier-terser", "minify-html", "tdewolff-html"],
    "css": ["esbuild-css", "lightningcss", "clean-css", "csso", "tdewolff-css"],
    "js": ["esbuild-ws", "esbuild", "terser", "swc", "tdewolff-js"],
}
HMT_FLAGS = ["--collapse-whitespace", "--remove-comments", "--remove-redundant-attributes",
             "--remove-script-type-attributes", "--remove-style-link-type-attributes",
             "--collapse-boolean-attributes", "--remove-attribute-quotes"]


def _is_module(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    import re
    return re.search(r"^\s*(import|export)\s[^(]", text, re.M) is not None


# Whole-process CLI peers: (label, argv builder(in, out) or None when unavailable, note).
def cli_peers(typ):
    esb = os.path.join(BIN, "esbuild")
    rows = {
        "html": [("html-minifier-terser (CLI)",
                  lambda i, o: [os.path.join(BIN, "html-minifier-terser")] + HMT_FLAGS + ["-o", o, i],
                  "same safe options as in-process")],
        "css": [("esbuild (CLI)", lambda i, o: [esb, i, "--minify", "--log-level=error",
                                                "--outfile=" + o], "--minify"),
                ("lightningcss (CLI)", lambda i, o: [os.path.join(BIN, "lightningcss"), "--minify",
                                                     i, "-o", o], "--minify"),
                ("cleancss (CLI)", lambda i, o: [os.path.join(BIN, "cleancss"), "-o", o, i],
                 "level 1"),
                ("csso (CLI)", lambda i, o: [os.path.join(BIN, "csso"), i, "-o", o], "restructure")],
        "js": [("esbuild --minify-whitespace (CLI)",
                lambda i, o: [esb, i, "--minify-whitespace", "--log-level=error", "--outfile=" + o],
                "whitespace only"),
               ("esbuild --minify (CLI)",
                lambda i, o: [esb, i, "--minify", "--log-level=error", "--outfile=" + o], "full"),
               ("terser (CLI)", lambda i, o: [os.path.join(BIN, "terser"), i, "-c", "-m", "-o", o] +
                (["--module"] if _is_module(i) else []), "-c -m")],
    }
    return rows[typ]


class Row:
    def __init__(self, tool, mode, note=""):
        self.tool, self.mode, self.note = tool, mode, note
        self.status = "ok"
        self.per_file = {}      # input path -> {"out_path", "out", "best_ns"?, "error"?}
        self.wall_ns = self.cpu_ns = self.maxrss_kb = self.syscalls = None
        self.time_ns = None     # the denominator of MB/s (sum of best_ns, or CPU ns)
        self.judged = {}

    def to_json(self, files):
        d = {k: getattr(self, k) for k in ("tool", "mode", "note", "status", "wall_ns", "cpu_ns",
                                           "maxrss_kb", "syscalls", "time_ns")}
        d.update(self.totals(files))
        d["per_file"] = [{"file": os.path.basename(f["path"]), "in": f["bytes"], **{k: v for k, v in
                          self.per_file.get(f["path"], {}).items() if k not in ("out_path", "file")},
                          "judge": self.judged.get(f["path"])} for f in files]
        return d

    def totals(self, files):
        """Bytes over the whole set; a file the tool failed on counts as kept unchanged."""
        if self.status != "ok":
            return {}
        out = br = 0
        errors = 0
        for f in files:
            r = self.per_file.get(f["path"], {})
            if "out" in r and not r.get("error"):
                out += r["out"]
                br = None if br is None or r.get("brotli") is None else br + r["brotli"]
            else:
                errors += 1
                out += f["bytes"]
                br = None if br is None or f.get("brotli") is None else br + f["brotli"]
        inb = sum(f["bytes"] for f in files)
        ok = sum(1 for j in self.judged.values() if j and j.get("ok"))
        return {"in_bytes": inb, "out_bytes": out, "brotli_bytes": br, "errors": errors,
                "mbps_per_core": inb / self.time_ns * 1000 if self.time_ns else None,
                "judge_ok": ok, "judge_total": len(files)}


def run_inprocess(row, cmd, files, outdir, repeat, strace, staged=None):
    """A perftest-interface program: parse its JSON lines. `staged`: {input path: the path the
    program is given} (html_perftest --site reads pages staged beside their stylesheets)."""
    staged = staged or {}
    back = {v: k for k, v in staged.items()}
    paths = [staged.get(f["path"], f["path"]) for f in files]
    os.makedirs(outdir, exist_ok=True)  # the perftests write into DIR; they do not create it
    p = L.run_measured(cmd + ["--out", outdir, "--repeat", str(repeat)] + paths)
    row.wall_ns, row.cpu_ns, row.maxrss_kb = p.wall_ns, p.cpu_ns, p.maxrss_kb
    total = 0
    for line in p.out.decode(errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if "summary" in rec or "file" not in rec:
            continue
        path = back.get(rec["file"], rec["file"])
        # A perftest that names its output file (image_perftest --mode webp adds .webp) says so.
        rec["out_path"] = rec.get("out_file") or os.path.join(outdir, os.path.basename(path))
        row.per_file[path] = rec
        if "best_ns" in rec and not rec.get("error"):
            total += rec["best_ns"]
    if p.rc != 0 and not row.per_file:
        row.status = f"failed (exit {p.rc}): {p.err.decode(errors='replace').strip()[-200:]}"
        return
    row.time_ns = total or None
    if strace:
        sc_out = outdir + ".strace"
        extra = ["--no-warmup"] if cmd[:2] == PEERS else []
        row.syscalls = L.strace_count(cmd + extra + ["--out", sc_out, "--repeat", "1"] + paths)
        shutil.rmtree(sc_out, ignore_errors=True)


def run_cli_per_file(row, argv, files, outdir, strace):
    os.makedirs(outdir, exist_ok=True)
    wall = cpu = rss = sysc = 0
    for f in files:
        out = os.path.join(outdir, f["name"])
        p = L.run_measured(argv(f["path"], out))
        wall += p.wall_ns
        cpu += p.cpu_ns
        rss = max(rss, p.maxrss_kb)
        rec = {"out_path": out}
        if p.rc == 0 and os.path.exists(out):
            rec["out"] = os.path.getsize(out)
        else:
            rec["error"] = (p.err.decode(errors="replace").strip() or f"exit {p.rc}")[-200:]
        row.per_file[f["path"]] = rec
        if strace and sysc is not None:
            n = L.strace_count(argv(f["path"], out + ".strace"))
            sysc = None if n is None else sysc + n
            for junk in (out + ".strace",):
                if os.path.exists(junk):
                    os.unlink(junk)
    row.wall_ns, row.cpu_ns, row.maxrss_kb = wall, cpu, rss
    row.time_ns = cpu or None
    row.syscalls = sysc if strace else None


def _stage_file(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


STYLESHEET_LINK = re.compile(r"<link\b[^>]*>", re.I)
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def stylesheets_of(page_bytes, page_rel):
    """Site-relative paths of the stylesheets a page links (<link rel=stylesheet href=...>)."""
    out = []
    for tag in STYLESHEET_LINK.findall(page_bytes.decode("utf-8", "replace")):
        if not re.search(r"""\brel\s*=\s*["']?[^"'>]*\bstylesheet\b""", tag, re.I):
            continue
        m = HREF.search(tag)
        href = next((g for g in m.groups() if g is not None), "") if m else ""
        href = href.split("#")[0].split("?")[0]
        if not href or re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
            continue
        rel = os.path.normpath(os.path.join(os.path.dirname(page_rel), href))
        if not rel.startswith(".."):
            out.append(rel)
    return out


def site_layout(files, docs_dir):
    """For pages from the rustup docs: each page at its path in the docs, plus the stylesheets
    it links, as a user's site build sees them. None when the pages are not from there.
    Also {page path: [its stylesheets' paths]}, for the judge."""
    layout, extra, sheets = {}, {}, {}
    for f in files:
        src = f.get("source", "")
        if not src.startswith("rustup-docs:") or not docs_dir:
            return None
        rel = src[len("rustup-docs:"):]
        layout[f["path"]] = rel
        with open(f["path"], "rb") as fh:
            for css in stylesheets_of(fh.read(), rel):
                if os.path.isfile(os.path.join(docs_dir, css)):
                    extra[css] = os.path.join(docs_dir, css)
                    sheets.setdefault(f["path"], []).append(extra[css])
    return layout, extra, sheets


def stage_files(files, stage, layout=None):
    """Hard-links (else copies) the set into `stage`; returns {input path: path under stage}.
    `layout` (from site_layout): each file at its own site path beside its stylesheets."""
    shutil.rmtree(stage, ignore_errors=True)
    os.makedirs(stage)
    where = {f["path"]: f["name"] for f in files}
    if layout:
        where, extra = layout[:2]
        for rel, src in extra.items():
            _stage_file(src, os.path.join(stage, rel))
    for f in files:
        _stage_file(f["path"], os.path.join(stage, where[f["path"]]))
    return where


def run_pagebake_cli(row, pagebake, filters, files, stage, outdir, strace, layout=None):
    """`pagebake build` over a directory holding exactly this set (hard links, else copies).
    `layout` (from site_layout): stage each file at its own site path beside its stylesheets,
    so html-collapse-whitespace reads the CSS that decides which elements are inline."""
    where = stage_files(files, stage, layout)
    shutil.rmtree(outdir, ignore_errors=True)
    # --level passthrough: exactly the row's filters, as the in-process row and the peers run
    # (the default level, core, would add css-minify of style="" and more, which the DOM judge
    # rightly counts as a difference from this row's task).
    cmd = [pagebake, "build", stage, "-o", outdir, "--level", "passthrough", "--filters", filters,
           "-j", "1",
           "--report", outdir + ".report.json"]
    p = L.run_measured(cmd)
    row.wall_ns, row.cpu_ns, row.maxrss_kb = p.wall_ns, p.cpu_ns, p.maxrss_kb
    if p.rc != 0:
        row.status = f"failed (exit {p.rc}): {p.err.decode(errors='replace').strip()[-200:]}"
        return
    missing = 0
    for f in files:
        out = os.path.join(outdir, where[f["path"]])
        if os.path.exists(out):
            row.per_file[f["path"]] = {"out_path": out, "out": os.path.getsize(out)}
        else:
            missing += 1
            row.per_file[f["path"]] = {"out_path": out, "error": "no output file"}
    if missing == len(files):
        row.status = f"failed: exit 0 but no output file for any of {len(files)} inputs"
        return
    row.time_ns = p.cpu_ns or None
    if strace:
        shutil.rmtree(outdir + ".strace", ignore_errors=True)
        row.syscalls = L.strace_count(cmd[:4] + [outdir + ".strace"] + cmd[5:])
        shutil.rmtree(outdir + ".strace", ignore_errors=True)


def finish_row(row, typ, files, brotli, judge_flags=(), sheets=None):
    """Brotli sizes and judges for the outputs a row produced."""
    outs = [r["out_path"] for r in row.per_file.values() if "out" in r and not r.get("error")
            and os.path.exists(r["out_path"])]
    sizes = brotli.sizes(outs)
    for r in row.per_file.values():
        if r.get("out_path") in sizes:
            r["brotli"] = sizes[r["out_path"]]
    pairs = [(p, r["out_path"]) for p, r in row.per_file.items() if r.get("out_path") in sizes]
    res = L.judge(typ, pairs, judge_flags, sheets)
    for p, r in row.per_file.items():
        j = res.get(r.get("out_path"))
        row.judged[p] = {"ok": j.get("ok"), "detail": j.get("detail")} if j else None


def bench_type(typ, files, ctx):
    """Runs every row for one text type; returns (rows, report dict)."""
    work = os.path.join(ctx.out_dir, typ)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rows = []
    fam = FAMILY[typ]
    perftest = os.path.join(ctx.build_dir, "tests", fam, f"{fam}_perftest")
    r = Row("pagebake", "in-process", f"{fam}_perftest ({FILTERS[typ]})")
    if os.access(perftest, os.X_OK):
        run_inprocess(r, [perftest], files, os.path.join(work, "pagebake"), ctx.repeat, ctx.strace)
    else:
        r.status = f"not built ({os.path.relpath(perftest, ctx.build_dir)})"
    rows.append(r)
    r = Row("pagebake build", "whole-process", f"--level passthrough --filters {FILTERS[typ]} -j 1")
    if os.access(ctx.pagebake, os.X_OK):
        run_pagebake_cli(r, ctx.pagebake, FILTERS[typ], files, os.path.join(work, "stage"),
                         os.path.join(work, "pagebake-cli"), ctx.strace)
    else:
        r.status = "not built (pagebake)"
    rows.append(r)
    layout = site_layout(files, ctx.html_docs_dir) if typ == "html" else None
    if layout and os.access(perftest, os.X_OK):
        # The same in-process run, each page read as a build of its site reads it: beside the
        # stylesheets it links, which html-collapse-whitespace reads (once per run).
        stage = os.path.join(work, "stage-inprocess")
        where = stage_files(files, stage, layout)
        r = Row("pagebake + its CSS", "in-process",
                f"{fam}_perftest --site: each page at its docs path beside its stylesheets")
        run_inprocess(r, [perftest, "--site", stage], files, os.path.join(work, "pagebake-css"),
                      ctx.repeat, ctx.strace,
                      {p: os.path.join(stage, rel) for p, rel in where.items()})
        rows.append(r)
    if layout and os.access(ctx.pagebake, os.X_OK):
        # What a user's build of the docs site does: the same filters, with the pages'
        # stylesheets staged beside them (passed through, only read).
        r = Row("pagebake build + its CSS", "whole-process",
                f"each page at its docs path with the {len(layout[1])} stylesheets it links")
        run_pagebake_cli(r, ctx.pagebake, FILTERS[typ], files, os.path.join(work, "stage-site"),
                         os.path.join(work, "pagebake-site"), ctx.strace, layout)
        rows.append(r)
    for tool in IN_PROCESS_PEERS[typ]:
        r = Row(tool, "in-process", ctx.peer_notes.get(tool, ""))
        run_inprocess(r, PEERS + ["--tool", tool], files, os.path.join(work, tool), ctx.repeat,
                      ctx.strace)
        rows.append(r)
    # --quick keeps the in-process peers only: the CLI rows repeat the same tools with startup.
    for label, argv, note in ([] if ctx.quick else cli_peers(typ)):
        r = Row(label, "whole-process", note)
        run_cli_per_file(r, argv, files, os.path.join(work, label.split()[0] + "-cli"
                                                      + str(len(rows))), ctx.strace)
        rows.append(r)
    in_sizes = ctx.brotli.sizes([f["path"] for f in files])
    for f in files:
        f["brotli"] = in_sizes[f["path"]]
    # Every row's HTML is judged with the white-space rules of the stylesheets its input links
    # (rustdoc sets pre-wrap on signatures): whitespace there renders as written.
    sheets = layout[2] if layout else None
    for r in rows:
        if r.status == "ok":
            finish_row(r, typ, files, ctx.brotli, sheets=sheets)
    return rows


def print_type(typ, rows, files, source_note):
    inb = sum(f["bytes"] for f in files)
    inbr = None if any(f.get("brotli") is None for f in files) else sum(f["brotli"] for f in files)
    base = next((r for r in rows if r.tool == "pagebake" and r.status == "ok"), None)
    bt = base.totals(files) if base else None
    table = []
    for r in rows:
        if r.status != "ok":
            table.append([r.tool, r.mode, r.status] + [""] * 8)
            continue
        t = r.totals(files)
        vs_size = vs_speed = "-"
        if bt and t["out_bytes"] and bt["out_bytes"]:
            vs_size = f"{t['out_bytes'] / bt['out_bytes']:.3f}"
        if bt and t["mbps_per_core"] and bt["mbps_per_core"]:
            vs_speed = f"{t['mbps_per_core'] / bt['mbps_per_core']:.2f}"
        judge = f"{t['judge_ok']}/{t['judge_total']}" + (f" ({t['errors']} err)" if t["errors"]
                                                          else "")
        table.append([r.tool, r.mode, judge, L.fmt_bytes(t["out_bytes"]),
                      f"{t['out_bytes'] / inb:.3f}", L.fmt_bytes(t["brotli_bytes"]),
                      L.fmt_num(t["mbps_per_core"]), vs_size, vs_speed,
                      L.fmt_num(r.maxrss_kb / 1024 if r.maxrss_kb else None, 0),
                      r.syscalls if r.syscalls is not None else "-"])
    notes = [f"input: {len(files)} files, {L.fmt_bytes(inb)} B, brotli {L.fmt_bytes(inbr)} B; "
             f"{source_note}",
             "size×pb / speed×pb: this row ÷ pagebake in-process (speed > 1 = faster than "
             "pagebake)" if bt else "pagebake in-process row missing: no ratios"]
    L.print_table(f"{typ.upper()} — {len(files)} files", [
        "tool", "mode", "judge ok", "out B", "ratio", "brotli B", "MB/s/core", "size×pb",
        "speed×pb", "RSS MB", "syscalls"], table, notes)
    failures = []
    for r in rows:
        bad = [(os.path.basename(p), j["detail"]) for p, j in r.judged.items() if j and not j["ok"]]
        errs = [(os.path.basename(p), x["error"]) for p, x in r.per_file.items() if x.get("error")]
        for name, why in (bad + errs)[:1]:
            failures.append(f"{r.tool}: {name}: {' '.join(why.split())[:150]}")
        if len(bad + errs) > 1:
            failures.append(f"{r.tool}: … and {len(bad + errs) - 1} more (results.json)")
    if failures:
        print("  judge failures / errors (first per tool):")
        for f in failures:
            print("    " + f)
    by = {r.tool: r.totals(files) for r in rows if r.status == "ok"}
    if typ == "js" and "pagebake" in by and "esbuild" in by:
        print(f"  gap to full minification: pagebake {L.fmt_bytes(by['pagebake']['out_bytes'])} vs "
              f"esbuild --minify {L.fmt_bytes(by['esbuild']['out_bytes'])} "
              f"(×{by['pagebake']['out_bytes'] / by['esbuild']['out_bytes']:.2f})")
