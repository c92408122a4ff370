"""Whole site: `pagebake build` (cold, then warm with its cache) against site_pipeline.sh, the
script a user would write from the best peers, on the same real site.

Columns: wall and CPU (user+sys of the whole process tree, from wait4), peak RSS, syscalls
(strace -f -c, a separate run), served bytes (every output file except .br/.gz siblings and
pagebake's own manifest/report/headers files; hard links counted once), brotli bytes (what a brotli-serving server sends:
our brotli -q 11 of each compressible served file, images as they are), and precompressed
sibling bytes actually written by the tool.
"""
import os
import re
import shutil
import urllib.parse

import bench_lib as L

HERE = L.HERE
TEXT_EXT = {".html", ".htm", ".css", ".js", ".mjs", ".svg", ".json", ".txt", ".xml", ".map",
            ".webmanifest"}
PAGEBAKE_OWN = {"pagebake-manifest.json", "_headers", "nginx-pagebake.conf"}


def measure_tree(root, brotli):
    served, sib, n = [], 0, 0
    seen = set()  # (dev, inode): cache-extend keeps original names as hard links, one file each
    for d, dirs, names in os.walk(root):
        dirs[:] = [x for x in dirs if x != ".vite"]  # --manifest-format vite's manifest
        for name in names:
            p = os.path.join(d, name)
            st = os.stat(p)
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            if name.endswith((".br", ".gz")):
                sib += os.path.getsize(p)
                continue
            if name in PAGEBAKE_OWN or name.endswith(".stamp"):
                continue
            served.append(p)
    text = [p for p in served if os.path.splitext(p)[1].lower() in TEXT_EXT]
    br = brotli.sizes(text)
    raw = sum(os.path.getsize(p) for p in served)
    br_total = None if any(v is None for v in br.values()) else (
        sum(br.values()) + sum(os.path.getsize(p) for p in served if p not in br))
    return {"files": len(served), "bytes": raw, "brotli_bytes": br_total, "sibling_bytes": sib}


URL_IN_HTML = re.compile(r"""\b(?:src|href|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
SRCSET = re.compile(r"""\bsrcset\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
URL_IN_CSS = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


def _local_targets(path, root, text):
    """Local files a page or stylesheet loads: its URLs resolved in the tree, others dropped."""
    urls = []
    if path.endswith((".html", ".htm")):
        urls += [next(g for g in m.groups() if g is not None) for m in URL_IN_HTML.finditer(text)]
        for m in SRCSET.finditer(text):
            urls += [c.strip().split()[0] for c in (m.group(1) or m.group(2) or "").split(",") if c.strip()]
        # inline <style> and style="" load through url() too
    urls += [next(g for g in m.groups() if g is not None) for m in URL_IN_CSS.finditer(text)]
    out = []
    for u in urls:
        u = urllib.parse.unquote(u.split("#")[0].split("?")[0].strip())
        if not u or re.match(r"^[a-z][a-z0-9+.-]*:|^//", u, re.I):
            continue
        target = os.path.normpath(os.path.join(root, u.lstrip("/")) if u.startswith("/")
                                  else os.path.join(os.path.dirname(path), u))
        if target.startswith(root + os.sep) and os.path.isfile(target):
            out.append(target)
    return out


def loaded_bytes(root, brotli):
    """What the site's pages load: every page plus the local files its HTML and CSS reference
    (transitively), each file once. The comparable "what users download" figure: files only
    reachable by content negotiation or by name are not in it."""
    root = os.path.abspath(root)
    todo = [os.path.join(d, n) for d, dirs, names in os.walk(root) for n in names
            if n.endswith((".html", ".htm")) and "/.vite" not in d]
    seen = set(todo)
    i = 0
    while i < len(todo):
        p = todo[i]
        i += 1
        if p.endswith((".html", ".htm", ".css")):
            with open(p, encoding="utf-8", errors="replace") as f:
                for t in _local_targets(p, root, f.read()):
                    if t not in seen:
                        seen.add(t)
                        todo.append(t)
    text = [p for p in todo if os.path.splitext(p)[1].lower() in TEXT_EXT]
    br = brotli.sizes(text)
    raw = sum(os.path.getsize(p) for p in todo)
    br_total = None if any(v is None for v in br.values()) else (
        sum(br.values()) + sum(os.path.getsize(p) for p in todo if p not in br))
    return {"loaded_files": len(todo), "loaded_bytes": raw, "loaded_brotli_bytes": br_total}


def measure_both(root, brotli):
    return {**measure_tree(root, brotli), **loaded_bytes(root, brotli)}


def _row(label, proc, tree, syscalls, status="ok"):
    return {"tool": label, "status": status, "wall_ns": proc.wall_ns if proc else None,
            "cpu_ns": proc.cpu_ns if proc else None,
            "maxrss_kb": proc.maxrss_kb if proc else None, "syscalls": syscalls, **(tree or {})}


def run(site, ctx):
    work = os.path.join(ctx.out_dir, "site")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    if ctx.quick:  # the Rust book is 24 MB; the quick run uses the small pinned theme instead
        src = os.path.join(ctx.corpus_index_dir, "npm", "startbootstrap-creative@7.0.7", "dist")
        name = "startbootstrap-creative (dist), --quick"
    else:
        src, name = site["dir"], site["name"]
    src_tree = measure_both(src, ctx.brotli)
    rows = []
    out = os.path.join(work, "pagebake")
    if os.access(ctx.pagebake, os.X_OK):
        cmd = [ctx.pagebake, "build", src, "-o", out, "--report", out + ".report.json"]
        for label in ("pagebake build (cold)", "pagebake build (warm cache)"):
            p = L.run_measured(cmd, cwd=work)
            if p.rc != 0:
                rows.append(_row(label, p, None, None, "failed (exit %d): %s" % (
                    p.rc, p.err.decode(errors="replace").strip()[-200:])))
                break
            if not os.path.isdir(out) or not os.listdir(out):
                rows.append(_row(label, p, None, None, "failed: exit 0 but no output"))
                break
            rows.append(_row(label, p, measure_both(out, ctx.brotli), None))
        if ctx.strace and rows and rows[0]["status"] == "ok":
            sc = cmd[:4] + [out + ".strace"] + cmd[5:6] + [out + ".strace.report.json"]
            rows[0]["syscalls"] = L.strace_count(sc, cwd=work)
            shutil.rmtree(out + ".strace", ignore_errors=True)
    else:
        rows.append(_row("pagebake build", None, None, None, "not built (pagebake)"))
    pipe = [os.path.join(HERE, "site_pipeline.sh"), src, os.path.join(work, "pipeline")]
    p = L.run_measured(pipe)
    if p.rc == 0:
        rows.append(_row("peer pipeline (site_pipeline.sh)", p,
                         measure_both(os.path.join(work, "pipeline"), ctx.brotli), None))
        if ctx.strace:
            rows[-1]["syscalls"] = L.strace_count(pipe[:2] + [os.path.join(work, "pipeline.s")])
            shutil.rmtree(os.path.join(work, "pipeline.s"), ignore_errors=True)
    else:
        rows.append(_row("peer pipeline (site_pipeline.sh)", p, None, None, "failed (exit %d): %s"
                         % (p.rc, p.err.decode(errors="replace").strip()[-300:])))
    table = [["source (unchanged)", "-", "-", "-", "-", src_tree["files"],
              L.fmt_bytes(src_tree["bytes"]), L.fmt_bytes(src_tree["brotli_bytes"]), "-",
              L.fmt_bytes(src_tree["loaded_bytes"]), L.fmt_bytes(src_tree["loaded_brotli_bytes"])]]
    for r in rows:
        if r["status"] != "ok":
            table.append([r["tool"], r["status"]])
            continue
        table.append([r["tool"], L.fmt_num(r["wall_ns"] / 1e9, 2), L.fmt_num(r["cpu_ns"] / 1e9, 2),
                      L.fmt_num(r["maxrss_kb"] / 1024, 0),
                      r["syscalls"] if r["syscalls"] is not None else "-", r["files"],
                      L.fmt_bytes(r["bytes"]), L.fmt_bytes(r["brotli_bytes"]),
                      L.fmt_bytes(r["sibling_bytes"]), L.fmt_bytes(r["loaded_bytes"]),
                      L.fmt_bytes(r["loaded_brotli_bytes"])])
    L.print_table(f"SITE — {name}", ["build", "wall s", "CPU s", "RSS MB", "syscalls", "files",
                                     "served B", "brotli B", ".br+.gz B", "loaded B",
                                     "loaded br B"], table,
                  [f"source: {src}", "CPU = user+sys of the whole process tree; the pipeline "
                   f"runs its parallel steps with {os.cpu_count()} jobs, pagebake with its "
                   "default -j",
                   "loaded = every page plus what its HTML/CSS load (transitively), each file "
                   "once: what users download; served = every file in the output"])
    return {"name": name, "dir": src, "source": src_tree, "rows": rows}
