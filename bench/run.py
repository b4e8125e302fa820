"""Run tiptrace's benchmarks and print figures (not timed tests).

    python3 bench/run.py [NAME ...]     # NAME: record (default: all)
"""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli_cmd() -> list[str]:
    exe = shutil.which("tiptrace", path=str(Path(sys.executable).parent)) or shutil.which("tiptrace")
    return [exe] if exe else [sys.executable, "-m", "tiptrace"]


def wall(cmd: list[str], env: dict, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return times


def peak_rss_mb(cmd: list[str], env: dict) -> float:
    """Max RSS of one run of CMD, measured in a fresh helper process so nothing else counts."""
    probe = ("import resource,subprocess,sys;"
             "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,check=True);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, capture_output=True,
                         text=True, check=True)
    return int(out.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def bench_record(runs: int = 15) -> None:
    from tiptrace.record.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TIPTRACE_DB": str(Path(tmp) / "bench.sqlite")}
        store = Store.open(env["TIPTRACE_DB"])  # first use builds it
        builds = []
        for _ in range(5):
            t0 = time.perf_counter()
            store.rebuild()
            builds.append(time.perf_counter() - t0)
        cmd = [*cli_cmd(), "history", "PRK", "--json"]
        wall(cmd, env, 2)  # warm the page cache
        cli = statistics.median(wall(cmd, env, runs))
        bare = statistics.median(wall([sys.executable, "-c", "pass"], env, runs))
        rss = peak_rss_mb(cmd, env)
    print("record (issue 2)")
    print(f"  CLI start, `tiptrace history PRK --json`: median {cli * 1000:.0f} ms over {runs} runs")
    print(f"  `python3 -c pass`:                        median {bare * 1000:.0f} ms over {runs} runs")
    print(f"  ratio: {cli / bare:.1f}  (target <= 6)")
    print(f"  build store from packaged data: median {statistics.median(builds):.2f} s over 5 "
          "(target <= 2 s)")
    print(f"  peak RSS of `tiptrace history PRK --json`: {rss:.0f} MB (target <= 100 MB)")


def bench_analysis(runs: int = 5) -> None:
    from tiptrace.analysis import queries
    from tiptrace.record.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "bench.sqlite"))
        t0 = time.perf_counter()
        queries.consistency_check(store, 2023)  # first call includes statsmodels' import
        first = time.perf_counter() - t0
        times = []
        for year in (2018, 2023) * runs:
            t0 = time.perf_counter()
            queries.consistency_check(store, year)
            times.append(time.perf_counter() - t0)
    print("analysis (issue 4)")
    print(f"  full consistency analysis for one year: first call {first:.2f} s (imports included), "
          f"then median {statistics.median(times):.2f} s over {len(times)} (target <= 2 s)")


def bench_audit(runs: int = 10) -> None:
    from tiptrace.record.store import Store
    from tiptrace.rules import queries
    from tiptrace.rules.parameters import load

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "bench.sqlite"))
        load()  # parse the YAML parameters once, as a long-running process would
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            r = queries.audit(store)
            times.append(time.perf_counter() - t0)
    print("rulebook (issue 3)")
    print(f"  audit of the whole record ({r['checked']} placements): median "
          f"{statistics.median(times) * 1000:.0f} ms over {runs} (target <= 1 s)")


def claims_corpus(target_bytes: int = 2_000_000) -> str:
    """Paragraphs from the evaluation texts, repeated to about TARGET_BYTES."""
    import yaml

    items = []
    for name in ("eval.yaml", "heldout.yaml"):
        items += yaml.safe_load((ROOT / "tests" / "claims" / name).read_text("utf-8"))
    texts = [i["text"] for i in items]
    paragraphs = [" ".join(texts[i:i + 5]) for i in range(0, len(texts), 5)]
    block = "\n\n".join(paragraphs)
    return "\n\n".join([block] * max(1, target_bytes // len(block.encode())))


def article_texts() -> list[tuple[str, object]]:
    """(text, date) of every evaluation article (tests/claims/articles/*/*.yaml)."""
    import yaml

    out = []
    for path in sorted((ROOT / "tests" / "claims" / "articles").glob("*/*.yaml")):
        item = yaml.safe_load(path.read_text("utf-8"))
        out.append((item["text"], item.get("date")))
    return out


def bench_articles(index, runs: int = 5) -> None:
    """The full check (find, resolve, verify, sourcing) on real-looking articles: throughput on
    about 2 MB of them, and the latency of one 5 KB article."""
    import datetime as dt

    from tiptrace.claims.check import check_text

    articles = article_texts()
    if not articles:
        print("  articles: none found")
        return
    one = "\n\n".join(t for t, _ in articles)
    size = len(one.encode())
    corpus = "\n\n".join([one] * max(1, 2_000_000 // size))
    mb = len(corpus.encode()) / 1e6
    check_text(corpus[:20000], index)
    best = min(_timed(lambda: check_text(corpus, index)) for _ in range(3))
    # A 5 KB article: whole articles joined up to 5,000 bytes, checked with its date.
    five, date = "", None
    for text, d in articles:
        if len((five + text).encode()) > 5000:
            break
        five, date = five + "\n\n" + text, date or d
    date = date if isinstance(date, dt.date) or date is None else dt.date.fromisoformat(date)
    for _ in range(20):
        check_text(five, index, date)
    lat = sorted(_timed(lambda: check_text(five, index, date)) for _ in range(200))
    print(f"  articles: full check on {mb:.2f} MB of the {len(articles)} evaluation articles "
          f"(repeated): {mb / best:.2f} MB/s ({best:.2f} s, best of 3; target >= 2 MB/s)")
    print(f"  articles: one {len(five.encode()) / 1000:.1f} KB article, after warm-up: median "
          f"{statistics.median(lat) * 1000:.2f} ms, p95 {lat[int(0.95 * len(lat))] * 1000:.2f} ms "
          f"over {len(lat)} (target <= 10 ms median)")


def _timed(fn) -> float:
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _spacy_baseline(text: str):
    """spaCy doing only sentence splitting and country matching, with our gazetteer; None if
    spaCy is not installed."""
    try:
        import spacy
    except ImportError:
        return None
    from tiptrace.claims.gazetteer import ACRONYMS, spellings

    nlp = spacy.blank("en")
    nlp.max_length = len(text) + 1
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    names = {k.rstrip("?"): v.rstrip("?") for k, v in spellings().items()}
    ruler.add_patterns([{"label": "GPE", "pattern": k, "id": v} for k, v in names.items()] +
                       [{"label": "GPE", "pattern": k, "id": v} for k, v in ACRONYMS.items()])
    nlp(text[:10000])

    def run() -> None:
        doc = nlp(text)
        _ = [(e.text, e.ent_id_) for e in doc.ents], [s.start for s in doc.sents]

    return run, spacy.__version__


def bench_claims(runs: int = 7) -> None:
    from tiptrace.claims.check import check_text, find_candidates
    from tiptrace.claims.gazetteer import country_hits, fold
    from tiptrace.claims.text import sentences
    from tiptrace.claims.verify import RecordIndex
    from tiptrace.record.store import Store

    def same_work() -> None:
        folded = fold(text)
        _ = sentences(text, folded), country_hits(text, folded)

    def timed(fn) -> float:
        gc.collect()  # each run starts clean, not paying for the garbage of the one before
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    text = claims_corpus()
    mb = len(text.encode()) / 1e6
    baseline = _spacy_baseline(text)
    find_candidates(text)  # warm up: the automaton, the patterns, pyarrow's import
    # Rounds interleave the three so that each round compares them under the same load.
    rounds: list[tuple[float, float, float]] = []
    for _ in range(runs):
        rounds.append((timed(same_work), timed(lambda: find_candidates(text)),
                       timed(baseline[0]) if baseline else float("nan")))
    with tempfile.TemporaryDirectory() as tmp:
        index = RecordIndex.from_store(Store.open(str(Path(tmp) / "bench.sqlite")))
        check_text(text[:10000], index)  # warm caches (automaton, patterns)
        full = [timed(lambda: check_text(text, index)) for _ in range(3)]
        claims = len(check_text(text, index)["claims"])
        print("claims (issue 11)")
        bench_articles(index)
    same, find, base = (min(r[i] for r in rounds) for i in range(3))
    print(f"  corpus: {mb:.2f} MB from the labelled sentences; {claims} claims found")
    print(f"  tiptrace sentences + country mentions (the baseline's work): "
          f"{mb / same:.1f} MB/s ({same:.3f} s, best of {runs})")
    print(f"  tiptrace finding stage (the same + claim triage): "
          f"{mb / find:.1f} MB/s ({find:.3f} s, best of {runs})")
    print(f"  tiptrace full check (find + extract + verify + sourcing): {mb / min(full):.1f} MB/s "
          f"({min(full):.2f} s, best of 3); this corpus is nothing but claim sentences")
    if not baseline:
        print("  spaCy baseline: not run (pip install spacy, or pip install -e '.[bench]')")
        return
    print(f"  spaCy {baseline[1]} blank('en') + sentencizer + entity ruler (same gazetteer): "
          f"{mb / base:.1f} MB/s ({base:.2f} s, best of {runs})")
    for label, i in (("same work", 0), ("finding stage (with triage)", 1)):
        ratios = sorted(r[2] / r[i] for r in rounds)
        print(f"  ratio, {label} vs spaCy, per round: median {statistics.median(ratios):.1f}x "
              f"(range {ratios[0]:.1f}-{ratios[-1]:.1f}x; target >= 10x)")
    print(f"  ratio, full check vs spaCy: {base / min(full):.1f}x")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, timeout: float = 60) -> None:
    import urllib.request

    end = time.time() + timeout
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server at {url} did not start")


def _wrk(url: str, seconds: int, connections: int = 100, script: str | None = None) -> dict:
    """Run wrk against a loopback URL; requests/s, p50/p99 latency (ms), errors."""
    import re

    extra = ["-s", script] if script else []
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", *extra,
                          url],
                         capture_output=True, text=True, check=True).stdout

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        v, unit = float(m.group(1)), m.group(2)
        return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(g) for g in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "errors": errors}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _bench_check(url: str, tmp: str, seconds: int) -> None:
    """POST /api/v1/check with a 5 KB article under load (4 connections; one worker process)."""
    import json

    text = claims_corpus(5000)[:5000]
    script = Path(tmp) / "check.lua"
    script.write_text('wrk.method = "POST"\nwrk.headers["Content-Type"] = "text/plain"\n'
                      f"wrk.body = {json.dumps(text)}\n")
    _wrk(url + "/api/v1/check", 2, 4, str(script))  # starts the worker process
    r = _wrk(url + "/api/v1/check", seconds, 4, str(script))
    print(f"  claim check of a 5 KB article (POST, -c4): {r['rps']:.1f} req/s, p50 "
          f"{r['p50']:.0f} ms, p99 {r['p99']:.0f} ms, {r['errors']} errors")


def bench_web(seconds: int = 10, soak: int = 60) -> None:
    """tiptrace vs Datasette on the same SQLite data, wrk at 100 connections on loopback."""
    if not shutil.which("wrk"):
        print("web (issue 6): not run: needs wrk (apt-get install wrk)")
        return
    try:
        import datasette  # noqa: F401
    except ImportError:
        print("web (issue 6): not run: needs datasette (pip install -e '.[bench]')")
        return
    from tiptrace.record.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "tiptrace.sqlite")
        Store.open(db)
        env = {**os.environ, "TIPTRACE_DB": db}
        ours_port, raw_port, ds_port = _free_port(), _free_port(), _free_port()

        def serve(port: int, *options: str):  # as users run it: `tiptrace serve`
            return subprocess.Popen([sys.executable, "-m", "tiptrace", "--db", db, "serve",
                                     "--port", str(port), *options], env=env,
                                    stdout=subprocess.DEVNULL)

        servers = {
            "tiptrace": serve(ours_port),
            "tiptrace, no cache": serve(raw_port, "--cache-mb", "0"),
            "datasette": subprocess.Popen([sys.executable, "-m", "datasette", "serve", db,
                                           "--port", str(ds_port), "--immutable", db],
                                          env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL),
        }
        try:
            ours = f"http://127.0.0.1:{ours_port}"
            raw = f"http://127.0.0.1:{raw_port}"
            ds = f"http://127.0.0.1:{ds_port}/tiptrace"
            _wait(ours + "/healthz")
            _wait(raw + "/healthz")
            _wait(ds + ".json")
            cases = {
                "country history (PRK)": (ours + "/api/v1/countries/PRK/history",
                                          ds + "/tip_tiers.json?iso3=PRK&_shape=array&_size=max"),
                "tiers of a year (2024)": (ours + "/api/v1/tiers/2024",
                                           ds + "/tip_tiers.json?report_year=2024&_shape=array"
                                                "&_size=max"),
                "country page (THA), not cached": (raw + "/country/THA",
                                                   ds + "/tip_tiers?iso3=THA"),
            }
            print("web (issue 6, 12): wrk -t1 -c100 (one core for the load, one for the server), "
                  "one server process each, loopback")
            for name, (a, b) in cases.items():
                _wrk(a, 2)
                _wrk(b, 2)  # warm up both
                r_ours, r_ds = _wrk(a, seconds), _wrk(b, seconds)
                print(f"  {name}: tiptrace {r_ours['rps']:.0f} req/s, p50 {r_ours['p50']:.1f} ms, "
                      f"p99 {r_ours['p99']:.1f} ms, {r_ours['errors']} errors | Datasette "
                      f"{r_ds['rps']:.0f} req/s, p50 {r_ds['p50']:.1f} ms, p99 {r_ds['p99']:.1f} "
                      f"ms | ratio {r_ours['rps'] / max(r_ds['rps'], 0.01):.1f}x"
                      + (" (target >= 2x, p99 <= 20 ms)" if "not cached" not in name else ""))
            _bench_check(ours, tmp, seconds)
            if soak:
                pid = servers["tiptrace"].pid
                start_rss = _rss_mb(pid)
                samples = []
                errors = 0
                for _ in range(max(1, soak // 10)):
                    r = _wrk(cases["country history (PRK)"][0], 10)
                    errors += r["errors"]
                    samples.append(_rss_mb(pid))
                print(f"  soak {soak} s at 100 connections: {errors} errors; server RSS "
                      f"{start_rss:.0f} MB before, " + ", ".join(f"{x:.0f}" for x in samples)
                      + " MB every 10 s (target <= 250 MB, flat after warm-up)")
        finally:
            for p in servers.values():
                p.terminate()
                p.wait(10)


def bench_pages(runs: int = 3) -> None:
    """Issue 14: bytes a browser receives for the map (first load, compressed) and for a year
    change, and the time to render a country page with the response cache empty."""
    from fastapi.testclient import TestClient

    from tiptrace.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(str(Path(tmp) / "bench.sqlite"))
        client = TestClient(app)
        gz = {"accept-encoding": "gzip"}

        def sent(path: str) -> int:
            r = client.get(path, headers=gz)
            assert r.status_code == 200, path
            return int(r.headers.get("content-length") or r.num_bytes_downloaded)

        first = {p: sent(p) for p in ("/", "/static/style.css", "/static/app.js")}
        years = app.state.web.store.report_years()
        changes = [sent(f"/api/v1/map/tiers/{y}") for y in years]
        rated = sorted({r["iso3"] for r in app.state.web.store.tiers()})
        times = []
        for _ in range(runs):
            for iso3 in rated:
                app.state.web.cache.clear()
                t0 = time.perf_counter()
                assert client.get(f"/country/{iso3}").status_code == 200
                times.append(time.perf_counter() - t0)
    print("pages (issue 14)")
    print(f"  map first load, compressed: {sum(first.values()) / 1024:.0f} KB "
          f"({', '.join(f'{p} {b / 1024:.1f}' for p, b in first.items())}) (target <= 150 KB)")
    print(f"  year change (/api/v1/map/tiers/YEAR), compressed: median "
          f"{statistics.median(changes) / 1024:.1f} KB, max {max(changes) / 1024:.1f} KB over "
          f"{len(changes)} years (target <= 20 KB)")
    print(f"  country page, response cache empty: median {statistics.median(times) * 1000:.1f} ms, "
          f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.1f} ms over {len(times)} renders "
          f"({len(rated)} countries x {runs}; in-process client) (target <= 50 ms median)")


BENCHES = {"record": bench_record, "analysis": bench_analysis, "audit": bench_audit,
           "claims": bench_claims, "web": bench_web, "pages": bench_pages}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
        return 2
    for name in names:
        BENCHES[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
