#!/usr/bin/env python3
"""Scale benchmark: synthesize registers of N conventions, build them, measure the site and its search.

    python benchmarks/run.py                         # N = 200, 1000, 2000 + plain MkDocs at N = 200
    python benchmarks/run.py --sizes 200 --no-baseline
    python benchmarks/run.py --sizes 500 --serve     # also: how fast `mkdocs serve` shows an edit

For each N it prints: wall and CPU time of `registre build` (run in a subprocess), peak memory of the
build's process tree (sum of the RSS of its processes, sampled from /proc, and the largest single
process as `/usr/bin/time -v` or getrusage report it), pages, output size, median and largest page HTML
(and largest non-index page), and, in real headless Chromium, the bytes of the search (/pagefind/ and the
search page's script) for the query `resiliation` and the time to the first result shown. It also builds the same
Markdown with plain MkDocs + Material defaults (search plugin, automatic navigation, no prune) at the
baseline size and prints the ratios. Results go to stdout and to `<out>/results.json`.

Everything is written under benchmarks/out/ (git-ignored) unless --out says otherwise.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = "2026-11-22"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERY = "resiliation"
#: the search page's own script (the interface); the rest of the search is under /pagefind/
SEARCH_SCRIPT = "/assets/registre/search.js"
#: pages whose size follows the register's size by design (lists); the others are "non-index" pages
NON_INDEX = [
    re.compile(r"^conventions/(?!page/)[^/]+/(?:[^/]+/)?index\.html$"),
    re.compile(r"^tarifs/[^/]+/index\.html$"),
    re.compile(r"^donnees-personnelles/[^/]+/index\.html$"),
    re.compile(r"^(?:mentions-legales|accessibilite|recherche|donnees-ouvertes)/index\.html$"),
    re.compile(r"^404\.html$"),
]
#: a convention's permanent page of one version, and its list of versions
VERSION_PAGE = re.compile(r"^conventions/[^/]+/version-[^/]+/index\.html$")
VERSION_LIST = re.compile(r"^conventions/[^/]+/versions/index\.html$")


# --- measuring a process tree ------------------------------------------------------


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self._halt = threading.Event()

    def run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._halt.is_set():
            parents, rss = {}, {}
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry.name}/stat", "rb") as handle:
                        fields = handle.read().rsplit(b")", 1)[1].split()
                    parents[int(entry.name)] = int(fields[1])
                    rss[int(entry.name)] = int(fields[21]) * page
                except (OSError, IndexError, ValueError):
                    continue
            tree, frontier = {self.pid}, [self.pid]
            children: dict[int, list[int]] = {}
            for pid, parent in parents.items():
                children.setdefault(parent, []).append(pid)
            while frontier:
                for child in children.get(frontier.pop(), []):
                    if child not in tree:
                        tree.add(child)
                        frontier.append(child)
            self.peak = max(self.peak, sum(rss.get(pid, 0) for pid in tree))
            self._halt.wait(self.interval)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def run_measured(command: list[str], env: dict, cwd: Path | None = None) -> dict:
    """Run `command`, return wall/CPU time, peak tree RSS, largest single RSS, and its output."""
    time_binary = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    report = Path(tempfile.mkstemp(prefix="registre-time-")[1])
    full = [time_binary, "-v", "-o", str(report)] + command if time_binary else command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(full, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = TreeSampler(process.pid)
    sampler.start()
    output, _ = process.communicate()
    wall = time.perf_counter() - start
    tree_peak = sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    largest = after.ru_maxrss * 1024  # kilobytes on Linux; the largest process waited for so far
    if time_binary and report.exists():
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report.read_text())
        if match:
            largest = int(match.group(1)) * 1024
    report.unlink(missing_ok=True)
    if process.returncode != 0:
        raise SystemExit(f"command failed ({process.returncode}): {' '.join(command)}\n{output[-4000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "peak_tree_rss": tree_peak, "peak_single_rss": largest, "output": output}


# --- measuring a built site ------------------------------------------------------------


def site_figures(site: Path) -> dict:
    pages, total = [], 0
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html":
                pages.append((size, path.relative_to(site).as_posix()))
    pages.sort()
    sizes = [size for size, _ in pages]
    non_index = [(size, rel) for size, rel in pages if any(pattern.match(rel) for pattern in NON_INDEX)]
    index = [(size, rel) for size, rel in pages if not any(pattern.match(rel) for pattern in NON_INDEX)]
    pagefind = site / "pagefind"
    versions = sorted(size for size, rel in pages if VERSION_PAGE.match(rel))
    return {
        "pages": len(pages),
        "version_pages": len(versions),
        "version_lists": sum(1 for _, rel in pages if VERSION_LIST.match(rel)),
        "median_version_page": statistics.median(versions) if versions else 0,
        "max_version_page": versions[-1] if versions else 0,
        "output_bytes": total,
        "median_page": statistics.median(sizes) if sizes else 0,
        "max_page": pages[-1] if pages else (0, ""),
        "max_non_index_page": non_index[-1] if non_index else (0, ""),
        "largest_index_pages": index[-5:][::-1],
        "pagefind_bytes": sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file()) if pagefind.is_dir() else 0,
    }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Counts what it sends: `server.sent` lists (path, bytes of headers and body) for every response."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self._header_bytes = sum(len(line) for line in getattr(self, "_headers_buffer", []))
        super().end_headers()

    def copyfile(self, source, outputfile):
        sent = 0
        try:
            while chunk := source.read(64 * 1024):
                outputfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):  # the browser tab was closed mid-response
            return
        self.server.sent.append((self.path, sent + getattr(self, "_header_bytes", 0)))


class _CompressingHandler(_QuietHandler):
    """http.server, compressing text files with gzip when the browser asks for it, as static hosts do
    (GitLab and GitHub Pages, nginx, Apache). Pagefind's index files are compressed already."""

    TEXT: ClassVar[set[str]] = {".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".csv", ".ics"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.TEXT or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        if (
            self.path.split("?", 1)[0].endswith("/") is False
            and path.name == "index.html"
            and not self.path.split("?", 1)[0].endswith("index.html")
        ):
            return super().send_head()  # let http.server redirect /x to /x/
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _CountingServer(http.server.ThreadingHTTPServer):
    """The server, with `sent`: what `_QuietHandler` sent, (path, bytes) per response."""

    sent: list[tuple[str, int]]


class Server:
    """The built site on a loopback port, as a static host serves it (text compressed with gzip)."""

    def __init__(self, site: Path, compress: bool = True):
        handler = functools.partial(_CompressingHandler if compress else _QuietHandler, directory=str(site))
        self.httpd = _CountingServer(("127.0.0.1", 0), handler)
        self.httpd.sent = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


#: Records, in the page, when the results of each query are shown (the status names the query once its results
#: are on screen) and when the last key was typed.
FIRST_RESULT_OBSERVER = """
window.__registreShown = {};
window.__registreLastKey = null;
document.addEventListener('input', function () { window.__registreLastKey = performance.now(); }, true);
new MutationObserver(function () {
  var list = document.querySelector('.registre-results[data-query]');
  var query = list && list.querySelector('.registre-result') && list.getAttribute('data-query');
  if (query && !(query in window.__registreShown)) window.__registreShown[query] = performance.now();
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def _time_typing(browser, base: str, query: str, delay_ms: int) -> float:
    """On /recherche/: click the field (Pagefind starts loading), type `query` one key every `delay_ms`,
    return the milliseconds from the last key to the results of the whole word on screen (results of a
    partial word shown meanwhile do not count)."""
    context = browser.new_context(locale="fr-FR")
    try:
        page = context.new_page()
        page.add_init_script(FIRST_RESULT_OBSERVER)
        page.goto(f"{base}recherche/")
        field = page.locator("#registre-search-input")
        field.wait_for()
        page.wait_for_load_state("networkidle")
        field.click()
        field.press_sequentially(query, delay=delay_ms)
        page.wait_for_function(f"{json.dumps(query)} in window.__registreShown", timeout=60_000)
        return page.evaluate(f"window.__registreShown[{json.dumps(query)}] - window.__registreLastKey")
    finally:
        context.close()


def search_figures(site: Path, query: str = QUERY, runs: int = 5) -> dict:
    """In headless Chromium, cold cache each time: the search's bytes and the time to the first result,
    for /recherche/?q=<query> (from navigation start) and for typing the query on /recherche/ (from the keystroke)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        return {"error": "chromium not found"}
    figures: dict = {"query": query}
    server = Server(site)
    with server as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            loads, payloads, requests_seen = [], [], []
            typed: list[float] = []
            typed_slowly: list[float] = []
            for _ in range(runs):
                context = browser.new_context(locale="fr-FR")
                page = context.new_page()
                page.add_init_script(FIRST_RESULT_OBSERVER)
                server.httpd.sent.clear()
                page.goto(f"{base}recherche/?q={query}")
                page.wait_for_function(f"{json.dumps(query)} in window.__registreShown", timeout=60_000)
                loads.append(page.evaluate(f"window.__registreShown[{json.dumps(query)}]"))
                page.wait_for_load_state("networkidle")
                found = page.locator(".registre-result").count()
                links = page.locator(".registre-result__articles a")
                first_link = (
                    links.first if links.count() else page.locator(".registre-result__link").first
                ).get_attribute("href")
                # Counted by the server: what the browser really fetched, its web worker included.
                sent = [
                    (path, size)
                    for path, size in list(server.httpd.sent)
                    if path.startswith("/pagefind/") or path == SEARCH_SCRIPT
                ]
                total = sum(size for _, size in sent)
                index_only = sum(size for path, size in sent if path != SEARCH_SCRIPT)
                payloads.append((total, index_only))
                requests_seen.append(len(sent))
                context.close()

                for delay, timings in ((60, typed), (150, typed_slowly)):
                    timings.append(_time_typing(browser, base, query, delay))
            figures.update(
                {
                    "results_shown": found,
                    "first_result_link": first_link,
                    "pagefind_requests": statistics.median(requests_seen),
                    "transfer_bytes": int(statistics.median(total for total, _ in payloads)),
                    "transfer_index_bytes": int(statistics.median(index for _, index in payloads)),
                    "first_result_from_load_ms": statistics.median(loads),
                    "first_result_after_typing_ms": statistics.median(typed),
                    "first_result_after_slow_typing_ms": statistics.median(typed_slowly),
                }
            )
        finally:
            browser.close()
    return figures


# --- the runs --------------------------------------------------------------------------


def build_env() -> dict:
    env = dict(os.environ)
    env["REGISTRE_DATE"] = AS_OF
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def register_figures(project: Path) -> dict:
    """How many avenants the synthetic register holds, and how many are not yet in force at the build date."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    amended = avenants = upcoming = 0
    for path in (project / "content" / "conventions").glob("*.yaml"):
        acts = yaml.load(path.read_text(encoding="utf-8"), Loader=loader).get("amendments") or []
        amended += bool(acts)
        avenants += len(acts)
        for act in acts:
            start = act.get("entry_into_force", {}).get("date") or act["signature"]["date"]
            upcoming += str(start) > AS_OF
    return {"amended_conventions": amended, "avenants": avenants, "upcoming_avenants": upcoming}


def registre_run(size: int, seed: int, out: Path, browser: bool, avenants: bool = True) -> dict:
    from synth import synthesize

    project = out / f"n{size}" / "project"
    site = out / f"n{size}" / "site"
    started = time.perf_counter()
    synthesize(project, size, seed, avenants=avenants)
    synth_s = time.perf_counter() - started
    shutil.rmtree(site, ignore_errors=True)
    measured = run_measured(
        [sys.executable, "-m", "generator.cli", "--project", str(project), "build", "--site-dir", str(site)],
        build_env(),
    )
    result = {
        "conventions": size,
        "synth_s": synth_s,
        **register_figures(project),
        **{k: v for k, v in measured.items() if k != "output"},
        **site_figures(site),
    }
    if browser:
        result["search"] = search_figures(site)
    return result


BASELINE_MKDOCS = """site_name: Registre (MkDocs + Material, réglages par défaut)
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: fr
plugins:
  - search
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - def_list
  - toc
"""


def baseline_run(size: int, seed: int, out: Path) -> dict:
    """The same Markdown built by plain MkDocs + Material defaults: automatic navigation, lunr search."""
    from generator.build import Project, generate

    project = out / f"n{size}" / "project"
    if not project.is_dir():
        from synth import synthesize

        synthesize(project, size, seed)
    folder = out / f"n{size}" / "plain-mkdocs"
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    os.environ["REGISTRE_DATE"] = AS_OF
    for path, content in generate(Project(project)).files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = content() if callable(content) else content
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (folder / "mkdocs.yml").write_text(BASELINE_MKDOCS, encoding="utf-8")
    measured = run_measured(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(folder / "mkdocs.yml")], build_env(), cwd=folder
    )
    figures = site_figures(folder / "site")
    index = folder / "site" / "search" / "search_index.json"
    figures["search_index_bytes"] = index.stat().st_size if index.exists() else 0
    return {"conventions": size, **{k: v for k, v in measured.items() if k != "output"}, **figures}


def serve_run(size: int, seed: int, out: Path) -> dict:
    """Start `mkdocs serve` on a register of `size` conventions, edit one convention's summary, and time
    until the served page shows the edit. Measured for the full rebuild and for `--dirty`: there, for the
    first convention (its clauses are among those that every article page of the same type lists) and for
    one in the middle of the register."""

    from synth import synthesize

    project = out / f"n{size}" / "project"
    if not project.is_dir():
        synthesize(project, size, seed)
    results = {}
    for label, extra in (("full", []), ("dirty", ["--dirty"])):
        port = _free_port()
        env = build_env()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(project / "mkdocs.yml"),
                "--dev-addr",
                f"127.0.0.1:{port}",
                *extra,
            ],
            env=env,
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines: list[str] = []
        threading.Thread(target=lines.extend, args=(process.stdout,), daemon=True).start()  # drains the pipe
        try:
            started = time.perf_counter()
            conventions = sorted((project / "content" / "conventions").glob("*.yaml"))
            _wait_for(lambda port=port, first=conventions[0]: _fetch(_page_url(port, first)) is not None, 1800)
            results[label] = {
                "first_ready_s": time.perf_counter() - started,
                "edit_visible_s": _time_edit(port, conventions[0]),
            }
            if extra:
                results[label]["edit_elsewhere_visible_s"] = _time_edit(port, conventions[len(conventions) // 2])
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return {"conventions": size, **results}


def _page_url(port: int, convention: Path) -> str:
    return f"http://127.0.0.1:{port}/conventions/{convention.stem}/"


def _time_edit(port: int, convention: Path) -> float:
    """Seconds from writing an edit of the convention's summary to the served page showing it."""
    marker = f"Marqueur {time.time_ns()}"
    text = convention.read_text(encoding="utf-8")
    edited = re.sub(r"^summary: (.*)$", lambda m: f"summary: {m.group(1)} {marker}", text, count=1, flags=re.M)
    time.sleep(1.5)  # let the watcher settle
    started = time.perf_counter()
    convention.write_text(edited, encoding="utf-8")
    try:
        _wait_for(lambda: marker in (_fetch(_page_url(port, convention)) or ""), 1800)
        return time.perf_counter() - started
    finally:
        convention.write_text(text, encoding="utf-8")
        _wait_for(lambda: marker not in (_fetch(_page_url(port, convention)) or marker), 1800)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(predicate, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise TimeoutError("timed out")


# --- report ----------------------------------------------------------------------------


def _mb(value: float) -> str:
    return f"{value / 1_000_000:.1f} MB"


def _kb(value: float) -> str:
    return f"{value / 1000:.1f} KB"


def print_result(result: dict, title: str) -> None:
    print(f"\n== {title}")
    print(
        f"  build: {result['wall_s']:.1f} s wall, {result['cpu_s']:.1f} s CPU; peak memory "
        f"{_mb(result['peak_tree_rss'])} (process tree), {_mb(result['peak_single_rss'])} (largest process)"
    )
    print(
        f"  pages: {result['pages']}; output {_mb(result['output_bytes'])}; page HTML median "
        f"{_kb(result['median_page'])}, max {_kb(result['max_page'][0])} ({result['max_page'][1]}), "
        f"max non-index {_kb(result['max_non_index_page'][0])} ({result['max_non_index_page'][1]})"
    )
    if "avenants" in result:
        print(
            f"  avenants: {result['avenants']} in {result['amended_conventions']} conventions "
            f"({result['upcoming_avenants']} not yet in force); {result['version_pages']} version pages "
            f"and {result['version_lists']} lists of versions; version page median "
            f"{_kb(result['median_version_page'])}, max {_kb(result['max_version_page'])}"
        )
    if result.get("largest_index_pages"):
        print(
            "  largest index pages: " + ", ".join(f"{rel} {_kb(size)}" for size, rel in result["largest_index_pages"])
        )
    if "search_index_bytes" in result:
        print(f"  lunr search_index.json: {_mb(result['search_index_bytes'])}")
    if result.get("pagefind_bytes"):
        print(f"  pagefind bundle on disk: {_mb(result['pagefind_bytes'])}")
    search = result.get("search")
    if search and "error" not in search:
        print(
            f"  search '{search['query']}': {_kb(search['transfer_bytes'])} transferred "
            f"({_kb(search['transfer_index_bytes'])} under /pagefind/, the rest is search.js; "
            f"{search['pagefind_requests']} requests); "
            f"first result {search['first_result_after_typing_ms']:.0f} ms after typing "
            f"({search['first_result_after_slow_typing_ms']:.0f} ms at one key per 150 ms), "
            f"{search['first_result_from_load_ms']:.0f} ms after opening ?q=; "
            f"first link {search['first_result_link']}"
        )
    elif search:
        print(f"  search: {search['error']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000,2000", help="numbers of conventions, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out", default=str(ROOT / "benchmarks" / "out"), help="working folder (default benchmarks/out, git-ignored)"
    )
    parser.add_argument("--baseline-size", type=int, default=200, help="N for plain MkDocs + Material (0: skip)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain MkDocs build")
    parser.add_argument("--no-browser", action="store_true", help="skip the search measurements in Chromium")
    parser.add_argument(
        "--serve", action="store_true", help="also time `mkdocs serve` after an edit, at the first size"
    )
    parser.add_argument("--keep", action="store_true", help="keep the synthetic projects and sites")
    parser.add_argument(
        "--no-avenants", action="store_true", help="synthetic registers without avenants (what versions cost)"
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    results: dict = {"as_of": AS_OF, "seed": args.seed, "cpus": os.cpu_count(), "registre": [], "baseline": None}
    for size in sizes:
        result = registre_run(size, args.seed, out, browser=not args.no_browser, avenants=not args.no_avenants)
        results["registre"].append(result)
        print_result(result, f"registre, N = {size}")
        if not args.keep and size != args.baseline_size and not args.serve:
            shutil.rmtree(out / f"n{size}", ignore_errors=True)
    by_size = {result["conventions"]: result for result in results["registre"]}
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        ratio = by_size[large]["wall_s"] / by_size[small]["wall_s"]
        cpu_ratio = by_size[large]["cpu_s"] / by_size[small]["cpu_s"]
        print(
            f"\n== growth: time({large}) / time({small}) = {ratio:.2f} wall, {cpu_ratio:.2f} CPU "
            f"(size ratio {large / small:.0f})"
        )
        results["growth"] = {"wall": ratio, "cpu": cpu_ratio}
    if not args.no_baseline and args.baseline_size:
        baseline = baseline_run(args.baseline_size, args.seed, out)
        results["baseline"] = baseline
        print_result(baseline, f"plain MkDocs + Material defaults, N = {args.baseline_size}")
        ours = by_size.get(args.baseline_size)
        if ours:
            ratios = {
                "build_wall": baseline["wall_s"] / ours["wall_s"],
                "build_cpu": baseline["cpu_s"] / ours["cpu_s"],
                "peak_memory": baseline["peak_tree_rss"] / ours["peak_tree_rss"],
                "output_size": baseline["output_bytes"] / ours["output_bytes"],
                "median_page": baseline["median_page"] / ours["median_page"],
                "max_non_index_page": baseline["max_non_index_page"][0] / ours["max_non_index_page"][0],
            }
            if ours.get("search") and "transfer_bytes" in ours["search"]:
                ratios["search_transfer"] = baseline["search_index_bytes"] / ours["search"]["transfer_bytes"]
            results["ratios"] = ratios
            print(
                "\n== plain MkDocs + Material / registre (higher = registre better): "
                + ", ".join(f"{name} ×{value:.1f}" for name, value in ratios.items())
            )
    if args.serve:
        serve = serve_run(sizes[0], args.seed, out)
        results["serve"] = serve
        print(
            f"\n== mkdocs serve, N = {sizes[0]}: "
            + "; ".join(
                f"{label}: first build {values['first_ready_s']:.1f} s, "
                f"edit visible after {values['edit_visible_s']:.1f} s"
                + (
                    f" (edit of a convention in the middle: {values['edit_elsewhere_visible_s']:.1f} s)"
                    if "edit_elsewhere_visible_s" in values
                    else ""
                )
                for label, values in serve.items()
                if isinstance(values, dict)
            )
        )
    (out / "results.json").write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    if not args.keep:  # the plain MkDocs site alone weighs gigabytes
        for folder in out.glob("n*"):
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\nresults written to {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
