"""Process measurement, strace counts, brotli sizes, judges and machine info for bench.py.

Everything here measures; nothing asserts. A measurement that cannot be made is None (printed
as "-"), never a guess.
"""
import concurrent.futures
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NODE_JUDGE = ["node", "--no-warnings", "--experimental-vm-modules", os.path.join(HERE, "judge.mjs")]


class Proc:
    """One finished child process: wall time, CPU time and peak RSS from wait4 (its whole tree of
    waited-for descendants), plus its captured stdout/stderr."""

    def __init__(self, rc, wall_ns, user_ns, sys_ns, maxrss_kb, out, err):
        self.rc, self.wall_ns, self.user_ns, self.sys_ns = rc, wall_ns, user_ns, sys_ns
        self.maxrss_kb, self.out, self.err = maxrss_kb, out, err

    @property
    def cpu_ns(self):
        return self.user_ns + self.sys_ns


def run_measured(cmd, cwd=None, stdout_path=None, env=None):
    """Like run() but with rusage of exactly this child (and its waited descendants) via wait4."""
    out_f = open(stdout_path, "wb") if stdout_path else open(os.devnull, "wb")
    err_path = os.path.join("/tmp", f"bench-err-{os.getpid()}")
    out_capture = None
    if not stdout_path:
        out_f.close()
        out_capture = err_path + ".out"
        out_f = open(out_capture, "wb")
    with open(err_path, "wb") as err_f:
        t0 = time.perf_counter_ns()
        try:
            p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out_f,
                                 stderr=err_f, env=env)
        except OSError as e:
            out_f.close()
            return Proc(127, 0, 0, 0, 0, b"", str(e).encode())
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter_ns() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    out_f.close()
    with open(err_path, "rb") as f:
        err = f.read()
    os.unlink(err_path)
    out = b""
    if out_capture:
        with open(out_capture, "rb") as f:
            out = f.read()
        os.unlink(out_capture)
    return Proc(p.returncode, wall, int(ru.ru_utime * 1e9), int(ru.ru_stime * 1e9),
                ru.ru_maxrss, out, err)


def strace_count(cmd, cwd=None, stdout_path=None):
    """Total syscalls of cmd and all its threads/children (`strace -f -c`), or None."""
    if not shutil.which("strace"):
        return None
    log = os.path.join("/tmp", f"bench-strace-{os.getpid()}.txt")
    p = run_measured(["strace", "-f", "-c", "-o", log] + cmd, cwd=cwd, stdout_path=stdout_path)
    calls = None
    try:
        with open(log) as f:
            for line in f:
                parts = line.split()
                if parts and parts[-1] == "total" and len(parts) >= 4:
                    calls = int(parts[3])
        os.unlink(log)
    except (OSError, ValueError):
        return None
    return calls if p.rc == 0 or calls else None


class BrotliSizes:
    """brotli -q 11 sizes (what precompression serves), cached by content hash across runs."""

    def __init__(self, cache_path):
        self.path = cache_path
        try:
            with open(cache_path) as f:
                self.cache = json.load(f)
        except (OSError, ValueError):
            self.cache = {}
        self.available = shutil.which("brotli") is not None

    def _one(self, path):
        with open(path, "rb") as f:
            data = f.read()
        key = hashlib.sha256(data).hexdigest()
        if key in self.cache:
            return key, self.cache[key]
        r = subprocess.run(["brotli", "-c", "-q", "11", path], capture_output=True)
        return key, (len(r.stdout) if r.returncode == 0 else None)

    def sizes(self, paths, jobs=2):
        if not self.available:
            return {p: None for p in paths}
        res = {}
        with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
            for p, (key, n) in zip(paths, ex.map(self._one, paths)):
                self.cache[key] = n
                res[p] = n
        return res

    def save(self):
        with open(self.path, "w") as f:
            json.dump(self.cache, f)


def judge(kind, pairs, flags=(), sheets=None):
    """Runs judge.mjs over [(in, out)] pairs; returns {out: result}. `sheets`: {in: [paths]},
    the stylesheets an HTML input links (the judge reads their white-space rules)."""
    if not pairs:
        return {}
    sheets = sheets or {}
    r = subprocess.run(NODE_JUDGE + [kind] + list(flags), input=json.dumps(
        [{"in": a, "out": b, "sheets": sheets.get(a, [])} for a, b in pairs]).encode(),
        capture_output=True, cwd=HERE)
    if r.returncode != 0:
        return {b: {"ok": False, "detail": "judge crashed: " + r.stderr.decode()[-300:]}
                for _, b in pairs}
    return {x["out"]: x for x in json.loads(r.stdout)}


def image_meta(paths):
    """{path: {"format", "width", "height", "pages"}} read by sharp."""
    r = subprocess.run(["node", os.path.join(HERE, "peers.mjs"), "--meta"] + list(paths),
                       capture_output=True, text=True, cwd=HERE)
    return {m["file"]: m for m in map(json.loads, r.stdout.splitlines())}


def sniff_image(path):
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"GIF8",):
        return "gif"
    return "unknown"


def decode_check(path):
    """Decodes an image with an independent tool (not sharp): dwebp, djpeg, pngcheck, giftopnm or
    gifsicle. Returns (ok, tool-or-reason)."""
    fmt = sniff_image(path)
    cmds = {
        "webp": ["dwebp", "-quiet", path, "-ppm", "-o", "/dev/null"],
        "jpeg": ["djpeg", "-outfile", "/dev/null", path],
        "png": ["pngcheck", "-q", path],
        "gif": ["gifsicle", "--info", path],
    }
    if fmt == "webp":
        with open(path, "rb") as f:
            if b"ANIM" in f.read(64):  # dwebp decodes stills only; webpinfo parses every frame
                cmds["webp"] = ["webpinfo", "-quiet", path]
    cmd = cmds.get(fmt)
    if not cmd:
        return False, f"unknown format {fmt}"
    if not shutil.which(cmd[0]):
        return None, f"{cmd[0]} not installed"
    r = subprocess.run(cmd, capture_output=True)
    return r.returncode == 0, cmd[0]


def _version(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        return (r.stdout or r.stderr).strip().splitlines()[0][:120] if (r.stdout or r.stderr) else None
    except (OSError, subprocess.TimeoutExpired, IndexError):
        return None


def deb_version(pkg):
    r = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 and r.stdout.strip() else None


def machine_info(repo, pagebake_bin):
    cpu = None
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.M)
            cpu = m.group(1) if m else None
    except OSError:
        pass
    npm = {}
    nm = os.path.join(HERE, "node_modules")
    with open(os.path.join(HERE, "package.json")) as f:
        for name in json.load(f)["dependencies"]:
            try:
                with open(os.path.join(nm, name, "package.json")) as g:
                    npm[name] = json.load(g)["version"]
            except (OSError, ValueError):
                npm[name] = None
    debs = {p: deb_version(p) for p in ("brotli", "zopfli", "webp", "libjpeg-turbo-progs",
                                         "optipng", "pngcrush", "jpegoptim", "gifsicle",
                                         "pngcheck", "strace")}
    rev = subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", repo, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "node": _version(["node", "--version"]),
        "pagebake": _version([pagebake_bin, "--version"]) if os.path.exists(pagebake_bin) else None,
        "pagebake_git": (rev.stdout.strip() or None) + ("+dirty" if dirty.stdout.strip() else "")
        if rev.returncode == 0 else None,
        "npm_peers": npm,
        "debian_tools": debs,
        "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def fmt_bytes(n):
    if n is None:
        return "-"
    if n >= 10_000_000:
        return f"{n / 1e6:.1f}M"
    if n >= 10_000:
        return f"{n / 1e3:.1f}k"
    return str(n)


def fmt_num(x, nd=1):
    if x is None:
        return "-"
    if 0 < abs(x) < 1 and nd == 1:  # slow tools: keep two significant digits
        return f"{x:.2g}"
    return f"{x:.{nd}f}"


def print_table(title, headers, rows, notes=()):
    rows = [list(r) + [""] * (len(headers) - len(r)) for r in rows]
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    print(f"\n== {title}")
    line = "  ".join(str(h).ljust(w) if i == 0 else str(h).rjust(w)
                     for i, (h, w) in enumerate(zip(headers, widths)))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                        for i, (c, w) in enumerate(zip(r, widths))))
    for n in notes:
        print(f"  {n}")
