#!/usr/bin/env python3
"""pagebake's benchmark harness: pagebake and peer tools side by side on a pinned real corpus.
Run it through bench/run.sh (which installs the peers and fetches the corpus first).

  bench.py [html|css|js|img|site|all]... [--quick] [--build-dir DIR] [--corpus DIR] [--out DIR]
           [--repeat N] [--no-strace]

Prints one table per type and writes <out>/results.json. Measures; never asserts a number.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import bench_lib as L
import bench_text

REPO = os.path.dirname(L.HERE)


class Ctx:
    pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("what", nargs="*", default=["all"],
                    choices=["html", "css", "js", "img", "site", "all"])
    ap.add_argument("--quick", action="store_true", help="small subset, 1 timed run (< 2 min)")
    ap.add_argument("--build-dir", default=os.path.join(REPO, "build"),
                    help="pagebake build dir (default: %(default)s)")
    ap.add_argument("--corpus", default=os.path.join(REPO, "build", "bench-corpus"))
    ap.add_argument("--out", default=os.path.join(REPO, "build", "bench"))
    ap.add_argument("--repeat", type=int, default=None, help="timed runs per file (default 5, "
                    "quick 1)")
    ap.add_argument("--no-strace", action="store_true", help="skip the syscall-count runs")
    ap.add_argument("--strace", action="store_true", help="count syscalls in --quick mode too")
    a = ap.parse_args()
    what = ["html", "css", "js", "img", "site"] if "all" in a.what else a.what

    ctx = Ctx()
    ctx.build_dir = os.path.abspath(a.build_dir)
    ctx.pagebake = os.path.join(ctx.build_dir, "pagebake")
    ctx.out_dir = os.path.abspath(a.out)
    ctx.corpus_index_dir = os.path.abspath(a.corpus)
    ctx.quick = a.quick
    ctx.repeat = a.repeat or (1 if a.quick else 5)
    # The traced re-run doubles the time; --quick skips it unless --strace asks.
    ctx.strace = (not a.no_strace and (not a.quick or a.strace)
                  and L.deb_version("strace") is not None)
    os.makedirs(ctx.out_dir, exist_ok=True)
    ctx.brotli = L.BrotliSizes(os.path.join(ctx.out_dir, "brotli-cache.json"))
    listing = subprocess.run(["node", os.path.join(L.HERE, "peers.mjs"), "--list"],
                             capture_output=True, text=True, check=True).stdout
    ctx.peer_notes = {t["id"]: t["note"] for t in map(json.loads, listing.splitlines())}

    with open(os.path.join(a.corpus, "index.json")) as f:
        index = json.load(f)
    src = index.get("html_source") or {}
    ctx.html_docs_dir = src.get("dir") if src.get("kind") == "rustup-docs" else None
    results = {"schema": "pagebake-bench/1", "quick": a.quick, "repeat": ctx.repeat,
               "machine": L.machine_info(REPO, ctx.pagebake),
               "build_dir": ctx.build_dir, "corpus": {"html_source": index.get("html_source")},
               "types": {}}
    m = results["machine"]
    m["loadavg_start"] = os.getloadavg()[0]
    print(f"machine: {m['nproc']} × {m['cpu_model']}, Linux {m['kernel']}, node {m['node']}; "
          f"pagebake {m['pagebake'] or 'not built'} ({m['pagebake_git']}); build dir "
          f"{ctx.build_dir}; {'quick, ' if a.quick else ''}best of {ctx.repeat} timed run(s)"
          f"{'' if ctx.strace else '; no strace: syscalls not counted'}")
    if m["loadavg_start"] > m["nproc"]:
        print(f"WARNING: load average {m['loadavg_start']:.1f} > {m['nproc']} cores: other work "
              "is competing for the CPU; timings are inflated and noisy")
    t_start = time.monotonic()
    for typ in what:
        t0 = time.monotonic()
        if typ == "site":
            import bench_site
            results["site"] = bench_site.run(index.get("site"), ctx)
        else:
            files = [dict(e) for e in index["sets"][typ] if e["quick"] or not a.quick]
            results["corpus"][typ] = [{k: e[k] for k in ("name", "source", "bytes", "sha256")}
                                      for e in files]
            if typ == "img":
                import bench_img
                results["types"]["img"] = bench_img.run(files, ctx)
            else:
                rows = bench_text.bench_type(typ, files, ctx)
                src = index["html_source"] if typ == "html" else None
                note = ("pinned npm packages (see results.json corpus)" if not src else
                        f"{src['kind']} {src.get('toolchain', '')}".strip())
                bench_text.print_type(typ, rows, files, note)
                results["types"][typ] = [r.to_json(files) for r in rows]
        print(f"  ({typ}: {time.monotonic() - t0:.0f} s)")
        ctx.brotli.save()
    results["elapsed_s"] = round(time.monotonic() - t_start, 1)
    m["loadavg_end"] = os.getloadavg()[0]
    path = os.path.join(ctx.out_dir, "results.json")
    with open(path, "w") as f:
        json.dump(results, f, indent=1)
    print(f"\nresults: {path} ({results['elapsed_s']} s)")


if __name__ == "__main__":
    sys.exit(main())
