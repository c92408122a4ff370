"""Images: pagebake's image_perftest against the lossless and WebP tools and sharp, one row per
(tool, pipeline) over the inputs that pipeline takes.

Judges: every output is decoded by an independent tool (dwebp, djpeg, pngcheck, gifsicle) and by
sharp; lossless rows must have identical RGBA pixels (all frames); lossy rows print SSIM (luma,
see judge.mjs) — min and mean over the files. MP/s per core: megapixels (all frames) / best time
(in-process) or / CPU time (whole-process).
"""
import os
import shutil

import bench_lib as L
import bench_text as T


def cli_rows(quick):
    """(label, formats taken, lossy?, argv builder or None when the tool is missing)."""
    have = shutil.which
    rows = [
        ("optipng -o2", {"png"}, False, "optipng",
         lambda i, o: ["optipng", "-o2", "-quiet", "-out", o, i]),
        ("pngcrush", {"png"}, False, "pngcrush", lambda i, o: ["pngcrush", "-q", i, o]),
        ("zopflipng", {"png"}, False, "zopflipng", lambda i, o: ["zopflipng", "-y", i, o]),
        ("jpegtran -optimize -progressive -copy none", {"jpeg"}, False, "jpegtran",
         lambda i, o: ["jpegtran", "-optimize", "-progressive", "-copy", "none", "-outfile", o, i]),
        ("jpegoptim (lossless)", {"jpeg"}, False, "jpegoptim",
         lambda i, o: ["sh", "-c", 'jpegoptim -q --stdout "$1" > "$2"', "sh", i, o]),
        ("cwebp -q 80", {"jpeg"}, True, "cwebp", lambda i, o: ["cwebp", "-quiet", "-q", "80", i,
                                                             "-o", o]),
        ("cwebp -lossless", {"png"}, False, "cwebp",
         lambda i, o: ["cwebp", "-quiet", "-lossless", i, "-o", o]),
        ("gif2webp", {"gif"}, False, "gif2webp", lambda i, o: ["gif2webp", "-quiet", i, "-o", o]),
        ("gifsicle -O3", {"gif"}, False, "gifsicle", lambda i, o: ["gifsicle", "-O3", i, "-o", o]),
    ]
    if quick:  # zopflipng runs at ~0.05 MP/s
        rows = [r for r in rows if r[0] != "zopflipng"]
    return [(label, fmts, lossy, argv if have(exe) else None, exe)
            for label, fmts, lossy, exe, argv in rows]


PB_PIPELINES = [("pagebake webp q80", ["--mode", "webp"], {"jpeg"}, True),
                # cwebp -q 80's settings: q80 whatever SSIM it reaches (the filter's default
                # raises the quality until SSIM >= min-ssim, 0.98).
                ("pagebake webp q80 min-ssim 0", ["--mode", "webp", "--min-ssim", "0"], {"jpeg"},
                 True),
                ("pagebake webp lossless", ["--mode", "webp"], {"png", "gif"}, False),
                ("pagebake --effort max", ["--effort", "max"], {"png"}, False),
                ("pagebake resize-800 + webp min-ssim 0",
                 ["--mode", "resize-webp", "--min-ssim", "0"], {"png", "jpeg", "gif"}, True)]

SHARP = [("sharp-lossless", {"png"}, False, False), ("sharp-webp-q80", {"png", "jpeg", "gif"},
                                                     True, False),
         ("sharp-resize-800-webp", {"png", "jpeg", "gif"}, True, True)]


def _summary(row, files, meta, pb):
    sel = [f for f in files if f["path"] in row.per_file]
    ok_out = [f for f in sel if "out" in row.per_file[f["path"]]
              and not row.per_file[f["path"]].get("error")]
    inb = sum(f["bytes"] for f in sel)
    out = sum(row.per_file[f["path"]]["out"] if f in ok_out else f["bytes"] for f in sel)
    px = sum(meta[f["path"]]["width"] * meta[f["path"]]["height"] * meta[f["path"]]["pages"]
             for f in ok_out if f["path"] in meta and "width" in meta[f["path"]])
    js = [row.judged.get(f["path"]) for f in sel]
    decoded = sum(1 for f in ok_out if row.per_file[f["path"]].get("decoded"))
    ssims = [j["ssim"] for j in js if j and j.get("ssim") is not None]
    ident = sum(1 for j in js if j and j.get("identical"))
    pb_ratio = None
    if pb is not None and pb.status == "ok":
        pbo = [pb.per_file.get(f["path"], {}) for f in sel]
        if all("out" in r and not r.get("error") for r in pbo) and inb:
            pb_ratio = sum(r["out"] for r in pbo) / inb
    return {"files": len(sel), "in_bytes": inb, "out_bytes": out, "errors": len(sel) - len(ok_out),
            "judge_ok": sum(1 for j in js if j and j.get("ok")), "identical": ident,
            "decoded": decoded, "ssim_min": min(ssims) if ssims else None,
            "ssim_mean": sum(ssims) / len(ssims) if ssims else None,
            "mpps_per_core": px / row.time_ns * 1000 if row.time_ns else None,
            "pagebake_ratio_same_files": pb_ratio}


def run(files, ctx):
    work = os.path.join(ctx.out_dir, "img")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    meta = L.image_meta([f["path"] for f in files])
    fmt = {f["path"]: meta.get(f["path"], {}).get("format", "unknown") for f in files}
    rows = []  # (Row, subset, lossy)
    perftest = os.path.join(ctx.build_dir, "tests", "image", "image_perftest")
    pb = T.Row("pagebake", "in-process", "image_perftest")
    if os.access(perftest, os.X_OK):
        T.run_inprocess(pb, [perftest], files, os.path.join(work, "pagebake"), ctx.repeat,
                        ctx.strace)
    else:
        pb.status = "not built (tests/image/image_perftest)"
    rows.append((pb, files, True, False))
    # pagebake on the peers' own pipelines: the WebP variants img-webp writes (lossy q80 from
    # JPEG against cwebp -q 80 and sharp; lossless from PNG/GIF against cwebp -lossless and
    # gif2webp) and PNG at --effort max against zopflipng.
    for label, args, fmts, lossy in PB_PIPELINES:
        if ctx.quick and "max" in args:
            continue  # zopfli-class effort: seconds per image
        sub = [f for f in files if fmt[f["path"]] in fmts]
        r = T.Row(label, "in-process", "image_perftest " + " ".join(args))
        if os.access(perftest, os.X_OK):
            T.run_inprocess(r, [perftest] + args, sub, os.path.join(work, label.replace(" ", "_")),
                            ctx.repeat, ctx.strace)
        else:
            r.status = "not built (tests/image/image_perftest)"
        rows.append((r, sub, lossy, "resize" in args[1]))
    cli = T.Row("pagebake build", "whole-process", f"--filters {T.FILTERS['img']} -j 1")
    if os.access(ctx.pagebake, os.X_OK):
        T.run_pagebake_cli(cli, ctx.pagebake, T.FILTERS["img"], files, os.path.join(work, "stage"),
                           os.path.join(work, "pagebake-cli"), ctx.strace)
    else:
        cli.status = "not built (pagebake)"
    rows.append((cli, files, True, False))
    for tool, fmts, lossy, resized in SHARP:
        sub = [f for f in files if fmt[f["path"]] in fmts]
        r = T.Row(tool, "in-process", ctx.peer_notes.get(tool, ""))
        T.run_inprocess(r, T.PEERS + ["--tool", tool], sub, os.path.join(work, tool), ctx.repeat,
                        ctx.strace)
        rows.append((r, sub, lossy, resized))
    for n, (label, fmts, lossy, argv, exe) in enumerate(cli_rows(ctx.quick)):
        sub = [f for f in files if fmt[f["path"]] in fmts]
        r = T.Row(label, "whole-process")
        if argv is None:
            r.status = f"not installed ({exe})"
        else:
            T.run_cli_per_file(r, argv, sub, os.path.join(work, f"cli{n}-{exe}"), ctx.strace)
        rows.append((r, sub, lossy, False))
    for r, sub, lossy, resized in rows:
        if r.status != "ok":
            continue
        pairs = [(p, x["out_path"]) for p, x in r.per_file.items() if "out" in x
                 and not x.get("error") and os.path.exists(x["out_path"])]
        flags = (["--lossy"] if lossy else []) + (["--resized"] if resized else [])
        res = L.judge("img", pairs, flags)
        for p, o in pairs:
            j = res.get(o) or {}
            ok, tool = L.decode_check(o)
            r.per_file[p]["decoded"] = ok
            r.per_file[p]["decoder"] = tool
            if ok is False:
                j = {**j, "ok": False, "detail": f"{tool} cannot decode the output"}
            r.judged[p] = {k: j.get(k) for k in ("ok", "detail", "ssim", "identical")}
    table, out = [], []
    for r, sub, lossy, resized in rows:
        fm = "/".join(sorted({fmt[f["path"]] for f in sub})) or "-"
        if r.status != "ok":
            table.append([r.tool, r.mode, fm, r.status] + [""] * 8)
            out.append({"tool": r.tool, "mode": r.mode, "status": r.status})
            continue
        s = _summary(r, sub, meta, pb)
        judge = (f"{s['judge_ok']}/{s['files']}" + (" exact" if not lossy else "") +
                 (f" ({s['errors']} err)" if s["errors"] else ""))
        table.append([r.tool, r.mode, fm, judge, s["identical"], L.fmt_bytes(s["in_bytes"]),
                      L.fmt_bytes(s["out_bytes"]),
                      f"{s['out_bytes'] / s['in_bytes']:.3f}" if s["in_bytes"] else "-",
                      L.fmt_num(s["pagebake_ratio_same_files"], 3),
                      L.fmt_num(s["ssim_min"], 4) + " / " + L.fmt_num(s["ssim_mean"], 4)
                      if lossy and s["ssim_min"] is not None else "-",
                      L.fmt_num(s["mpps_per_core"], 2),
                      L.fmt_num(r.maxrss_kb / 1024 if r.maxrss_kb else None, 0),
                      r.syscalls if r.syscalls is not None else "-"])
        d = r.to_json(sub)
        d.update(s)
        d.pop("mbps_per_core", None)
        out.append(d)
    inb = sum(f["bytes"] for f in files)
    counts = {k: sum(1 for v in fmt.values() if v == k) for k in sorted(set(fmt.values()))}
    L.print_table(f"IMAGES — {len(files)} files", [
        "tool", "mode", "inputs", "judge ok", "px-exact", "in B", "out B", "ratio", "pb ratio",
        "SSIM min/mean", "MP/s/core", "RSS MB", "syscalls"], table, [
        f"input: {len(files)} files ({', '.join(f'{v} {k}' for k, v in counts.items())}), "
        f"{L.fmt_bytes(inb)} B",
        "pb ratio: pagebake in-process on the same files; px-exact: outputs whose decoded pixels "
        "equal the input's; butteraugli: not measured (no packaged tool)"])
    return out
