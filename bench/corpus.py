#!/usr/bin/env python3
"""Fetches the pinned benchmark corpus into <corpus>/ and lays out one flat set per type.

Every npm tarball is pinned by exact version and the sha256 of the tarball (`npm pack`), so two
machines benchmark the same bytes. The HTML pages come from the rustup docs when a toolchain is
installed (real rustdoc + mdBook pages nobody here wrote); those cannot be pinned by us, so the
toolchain version and every page's sha256 are recorded in index.json instead. Without rustup docs
the HTML set falls back to pinned npm theme pages (smaller than the 5 MB target; said so).

Layout:
  <corpus>/npm/<name>@<version>/   unpacked packages (idempotent: a .done marker)
  <corpus>/sets/<type>/<label>__<file>  flat copies, unique basenames (perftests write
                                        <out>/<basename>)
  <corpus>/index.json               what is in each set, with bytes, sha256, source, quick flag

Usage: corpus.py CORPUS_DIR   (prints one line per package; exit 1 on a checksum mismatch)
"""
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

# name, version, sha256 of the npm tarball.
PACKAGES = {
    # JS
    "jquery": ("3.7.1", "68a9f787516da47c680e09c187bcbac4536b6f85d90eb882844e12919e583f53"),
    "lodash": ("4.17.21", "6a087ac9e5702a0c9d60fbcd48696012646ec8df1491dea472b150e79fcaf804"),
    "moment": ("2.30.1", "52219a9fee5e1faade4c72536c173c54cedd5e2619272dd0c251a30aeafcde8c"),
    "bootstrap": ("5.3.3", "38cee936dbd80138de6775683149f22e9226fc2d654392337a921f53000c789e"),
    "vue": ("3.4.38", "5ffd19d4efcf360f4cce2f49d5bf2481527db90f90255b2855c560de61df31b6"),
    "react-dom": ("18.3.1", "031d4427a99f2f3f6cac18bbbf308594a67e4f47d10f4896fdec446505b040e0"),
    "three": ("0.160.0", "1ee2f935c4f555814b388e87b5ef78a44856bd2e9d0feb88643a6e193fb42856"),
    "d3": ("7.9.0", "7e36605710a2ba54846797c8c6d888911341b215ae53257dc32a49a0b824355e"),
    "chart.js": ("4.4.1", "9ee0a0470ab0888f95f2cd380b219c9e31a0a64a8356cea970f49bbfa829fd83"),
    # CSS
    "animate.css": ("4.1.1", "c51565d3706f687a14b5d919a9743a2feb45d7b7915823d67e6a3ab30759fa75"),
    "@fortawesome/fontawesome-free":
        ("6.5.2", "1622d514686c299db3ffe9405c4f124778ce812658f66282d4524247e66fff9c"),
    "normalize.css": ("8.0.1", "5cc172e0d5d062bc2a1a4bf85443e2eb260d3720e16527a0c1ac03b642f1de39"),
    "bulma": ("1.0.2", "3c14c39cb7d8b0f92f1fe8979f58d7d6425006f1000e70a61743fdadd419a5dd"),
    "foundation-sites":
        ("6.8.1", "be72848040f30667c94901ea9f9181b864b31169b99abcac2053cfc1a5b2bd2b"),
    "@primer/css": ("21.3.1", "b50e4e769a97f6e7d15566bcd0fe927dcd8a2951a0803469e16fb093e6402aba"),
    "semantic-ui-css":
        ("2.5.0", "3ab7341c15b9598aa1d02cddce8e03c58ef588861af002c66eefa15cc64115d4"),
    "materialize-css":
        ("1.0.0", "2b115821c99f2a2c00d0a6e804b714a5e55683fa06051e299d05af719fb2870a"),
    "purecss": ("3.0.0", "5528ad3bff7af7d1d67608ac5ee0ca7621da7aff7ce189acf3cd1c9a89d827d4"),
    "github-markdown-css":
        ("5.5.1", "09ab6b73c8e69a4bd1b5d4e551ed3e3b378f88d54e6bef1ca29acec0ceb462c4"),
    # Images (and the fallback HTML pages / site)
    "startbootstrap-creative":
        ("7.0.7", "746c2e46c5292e797358c90533ed695fbeb6ceff58ad7fd43284d93e9c3d0555"),
    "startbootstrap-agency":
        ("7.0.12", "bc49d5677d6fd30ee77ce33c3baad729494153ffd94a893992414f2a8e8fecd4"),
    "emoji-datasource-twitter":
        ("15.1.2", "d0a0fe56a746fac2f360ebde72c7d6949ee0fc0c683758a288d82bd6b75e15d6"),
    "jquery-ui": ("1.13.2", "33462bac7a387507467c5f2f0fd7b4d83eeb649d5134394ec5c4f5baeb30ccd8"),
    "lightbox2": ("2.11.4", "57f685f3e66da15d61473a55ed85d7cbe26ae061dceebceae21705798409e774"),
    "slick-carousel":
        ("1.8.1", "f7ded31316eb2b181579866c60f6b561d8197e2f300786a91bdc73173233d704"),
    "startbootstrap-sb-admin-2":
        ("4.1.4", "5cb4d3875078a735953af3b1b12ed8271f1bcbb73ec0cb793d5ee81d22881b0f"),
}

# type -> list of (package, path-or-glob inside the package, max files, how many of them in --quick)
# Unminified sources: minifying an already-minified file measures little.
SETS = {
    "js": [
        ("jquery", "dist/jquery.js", 1, 1),
        ("moment", "moment.js", 1, 1),
        ("bootstrap", "dist/js/bootstrap.js", 1, 1),
        ("vue", "dist/vue.global.js", 1, 1),
        ("lodash", "lodash.js", 1, 0),
        ("react-dom", "umd/react-dom.development.js", 1, 0),
        ("three", "build/three.module.js", 1, 0),
        ("d3", "dist/d3.js", 1, 0),
        ("chart.js", "dist/chart.js", 1, 0),
    ],
    "css": [
        ("bootstrap", "dist/css/bootstrap.css", 1, 1),
        ("animate.css", "animate.css", 1, 1),
        ("@fortawesome/fontawesome-free", "css/all.css", 1, 1),
        ("normalize.css", "normalize.css", 1, 1),
        ("bulma", "css/bulma.css", 1, 0),
        ("foundation-sites", "dist/css/foundation.css", 1, 0),
        ("@primer/css", "dist/primer.css", 1, 0),
        ("semantic-ui-css", "semantic.css", 1, 0),
        ("materialize-css", "dist/css/materialize.css", 1, 0),
        ("purecss", "build/pure.css", 1, 0),
        ("github-markdown-css", "github-markdown.css", 1, 0),
    ],
    "img": [
        ("startbootstrap-creative", "dist/assets/img/portfolio/fullsize/*.jpg", 6, 3),
        ("startbootstrap-creative", "dist/assets/img/portfolio/thumbnails/*.jpg", 3, 0),
        ("startbootstrap-creative", "dist/assets/img/bg-masthead.jpg", 1, 0),
        ("startbootstrap-agency", "dist/assets/img/header-bg.jpg", 1, 0),
        ("startbootstrap-agency", "dist/assets/img/map-image.png", 1, 1),
        ("startbootstrap-agency", "dist/assets/img/portfolio/*.jpg", 6, 0),
        ("startbootstrap-agency", "dist/assets/img/team/*.jpg", 3, 3),
        ("emoji-datasource-twitter", "img/twitter/64/1f60*.png", 8, 8),
        ("emoji-datasource-twitter", "img/twitter/sheets/16.png", 1, 0),
        ("jquery-ui", "dist/themes/base/images/*.png", 4, 4),
        ("lightbox2", "dist/images/*", 4, 4),
        ("slick-carousel", "slick/ajax-loader.gif", 1, 1),
    ],
}

# HTML pages from the rustup docs: rustdoc API pages and mdBook chapters, big and small.
RUST_PAGES = [
    ("std/vec/struct.Vec.html", True),
    ("std/iter/trait.Iterator.html", True),
    ("book/ch04-01-what-is-ownership.html", True),
    ("book/ch08-02-strings.html", True),
    ("std/macro.println.html", True),
    ("std/index.html", True),
    ("std/primitive.str.html", False),
    ("std/primitive.slice.html", False),
    ("std/string/struct.String.html", False),
    ("std/collections/struct.HashMap.html", False),
    ("std/option/enum.Option.html", False),
    ("std/result/enum.Result.html", False),
    ("std/sync/struct.Mutex.html", False),
    ("std/fs/index.html", False),
    ("core/index.html", False),
    ("book/print.html", False),
    ("book/ch10-02-traits.html", False),
    ("book/ch15-05-interior-mutability.html", False),
    ("book/ch16-01-threads.html", False),
    ("book/ch03-02-data-types.html", False),
    ("book/ch06-02-match.html", False),
    ("book/index.html", False),
    ("nomicon/ownership.html", False),
    ("reference/expressions.html", False),
    ("rust-by-example/index.html", False),
    ("edition-guide/index.html", False),
]
# Fallback HTML: theme pages shipped on npm (pinned). Much smaller than the rustup docs.
NPM_HTML = [
    ("startbootstrap-sb-admin-2", "*.html", 30, 30),
    ("startbootstrap-creative", "dist/*.html", 1, 1),
    ("startbootstrap-agency", "dist/*.html", 1, 1),
]


def rust_docs_dir():
    """Same search order as tests/testdata_lib.sh's rust_docs_dir."""
    home = os.path.expanduser("~")
    cands = sorted(glob.glob(f"{home}/.rustup/toolchains/stable-*/share/doc/rust/html"))
    cands += sorted(glob.glob(f"{home}/.rustup/toolchains/*/share/doc/rust/html"))
    cands += ["/usr/share/doc/rust-doc/html"]
    for d in cands:
        if os.path.isdir(os.path.join(d, "book")):
            return d
    return None


def rust_version(docs):
    rustc = os.path.join(docs, "..", "..", "..", "..", "bin", "rustc")
    try:
        return subprocess.run([rustc, "--version"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (" + docs + ")"


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_npm(root, name, version, want_sha):
    dest = os.path.join(root, "npm", f"{name}@{version}")
    if os.path.exists(os.path.join(dest, ".done")):
        return dest
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=tmp,
                           capture_output=True, text=True)
        tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")]
        if r.returncode != 0 or len(tgz) != 1:
            raise RuntimeError(f"npm pack {name}@{version} failed: {r.stderr.strip()}")
        tgz = os.path.join(tmp, tgz[0])
        got = sha256_file(tgz)
        if got != want_sha:
            raise RuntimeError(f"sha256 mismatch for {name}@{version}: got {got}, pinned {want_sha}")
        if os.path.exists(dest):
            shutil.rmtree(dest)
        os.makedirs(dest)
        with tarfile.open(tgz) as tar:
            for m in tar.getmembers():
                # npm tarballs put everything under one top folder (usually package/).
                parts = m.name.split("/", 1)
                if len(parts) < 2 or not parts[1] or m.issym() or m.islnk():
                    continue
                if ".." in parts[1].split("/") or parts[1].startswith("/"):
                    continue
                m.name = parts[1]
                tar.extract(m, dest, filter="data")
    open(os.path.join(dest, ".done"), "w").close()
    print(f"  fetched {name}@{version}")
    return dest


def label_for(pkg):
    return pkg.replace("@", "").replace("/", "-")


def add_file(entries, setdir, src, label, source, quick):
    base = f"{label}__{os.path.basename(src)}"
    if any(e["name"] == base for e in entries):
        # Same package, same basename in another directory (portfolio/fullsize/1.jpg and
        # portfolio/thumbnails/1.jpg): the directory joins the name, or one file would
        # overwrite the other in the flat set.
        base = f"{label}__{os.path.basename(os.path.dirname(src))}-{os.path.basename(src)}"
    dst = os.path.join(setdir, base)
    if not os.path.exists(dst) or os.path.getsize(dst) != os.path.getsize(src):
        shutil.copyfile(src, dst)
    entries.append({"path": dst, "name": base, "source": source, "bytes": os.path.getsize(dst),
                    "sha256": sha256_file(dst), "quick": quick})


def build_set(root, typ, rules, pkgdirs):
    setdir = os.path.join(root, "sets", typ)
    os.makedirs(setdir, exist_ok=True)
    entries = []
    for pkg, pattern, limit, quick in rules:
        base = pkgdirs[pkg]
        matches = sorted(glob.glob(os.path.join(base, pattern)))
        matches = [m for m in matches if os.path.isfile(m)][:limit]
        if not matches:
            raise RuntimeError(f"corpus: {pkg}: nothing matches {pattern}")
        ver = PACKAGES[pkg][0]
        for i, m in enumerate(matches):
            add_file(entries, setdir, m, label_for(pkg), f"npm:{pkg}@{ver}/{os.path.relpath(m, base)}",
                     i < quick)
    return entries


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    os.makedirs(root, exist_ok=True)
    pkgdirs = {}
    try:
        for name, (ver, sha) in sorted(PACKAGES.items()):
            pkgdirs[name] = fetch_npm(root, name, ver, sha)
        index = {"schema": "pagebake-bench-corpus/1", "sets": {}, "html_source": None}
        for typ, rules in SETS.items():
            index["sets"][typ] = build_set(root, typ, rules, pkgdirs)
        docs = rust_docs_dir()
        if docs:
            setdir = os.path.join(root, "sets", "html")
            os.makedirs(setdir, exist_ok=True)
            entries = []
            for rel, quick in RUST_PAGES:
                src = os.path.join(docs, rel)
                if os.path.isfile(src):
                    # The directory path in the name: std/index.html and std/fs/index.html
                    # are two pages.
                    add_file(entries, setdir, src, "rust-" + rel.rsplit("/", 1)[0].replace("/", "-"),
                             "rustup-docs:" + rel, quick)
            index["sets"]["html"] = entries
            index["html_source"] = {"kind": "rustup-docs", "dir": docs,
                                    "toolchain": rust_version(docs)}
            index["site"] = {"kind": "rustup-docs", "dir": os.path.join(docs, "book"),
                             "name": "The Rust Programming Language (mdBook)"}
        else:
            index["sets"]["html"] = build_set(root, "html", NPM_HTML, pkgdirs)
            index["html_source"] = {"kind": "npm", "note": "rustup docs absent: npm theme pages, "
                                    "below the 5 MB target"}
            index["site"] = {"kind": "npm", "dir": os.path.join(pkgdirs["startbootstrap-creative"],
                                                                "dist"),
                             "name": "startbootstrap-creative (dist)"}
    except RuntimeError as e:
        print(f"corpus: {e}", file=sys.stderr)
        sys.exit(1)
    with open(os.path.join(root, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    for typ, entries in index["sets"].items():
        total = sum(e["bytes"] for e in entries)
        print(f"  {typ}: {len(entries)} files, {total / 1e6:.2f} MB "
              f"(quick: {sum(1 for e in entries if e['quick'])})")


if __name__ == "__main__":
    main()
