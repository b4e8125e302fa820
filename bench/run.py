"""Run tiptrace's benchmarks and print figures (not timed tests).

    python3 bench/run.py [NAME ...]     # NAME: record (default: all)
"""

from __future__ import annotations

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


def bench_claims(runs: int = 3) -> None:
    from tiptrace.claims.check import check_text, find_candidates
    from tiptrace.claims.gazetteer import ACRONYMS, spellings
    from tiptrace.claims.verify import RecordIndex
    from tiptrace.record.store import Store

    text = claims_corpus()
    mb = len(text.encode()) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        index = RecordIndex.from_store(Store.open(str(Path(tmp) / "bench.sqlite")))
        check_text(text[:10000], index)  # warm caches (automaton, patterns)
        finding = []
        for _ in range(runs):
            t0 = time.perf_counter()
            _, spans, mentions, _ = find_candidates(text)
            finding.append(time.perf_counter() - t0)
        ours = []
        for _ in range(runs):
            t0 = time.perf_counter()
            report = check_text(text, index)
            ours.append(time.perf_counter() - t0)
    print("claims (issue 5)")
    print(f"  corpus: {mb:.2f} MB from the evaluation texts; {len(report['claims'])} claims found")
    best = min(ours)
    find = min(finding)
    print(f"  tiptrace finding stage (sentences + country matching + claim triage): "
          f"{mb / find:.1f} MB/s ({find:.3f} s, best of {runs})")
    print(f"  tiptrace full check (find + extract + verify + sourcing): {mb / best:.1f} MB/s "
          f"({best:.2f} s, best of {runs}); this corpus is nothing but claim sentences")
    try:
        import spacy
    except ImportError:
        print("  spaCy baseline: not run (pip install spacy, or pip install -e '.[bench]')")
        return
    nlp = spacy.blank("en")
    nlp.max_length = len(text) + 1
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    names = {k.rstrip("?"): v.rstrip("?") for k, v in spellings().items()}
    ruler.add_patterns([{"label": "GPE", "pattern": k, "id": v} for k, v in names.items()] +
                       [{"label": "GPE", "pattern": k, "id": v} for k, v in ACRONYMS.items()])
    nlp(text[:10000])
    base = []
    for _ in range(runs):
        t0 = time.perf_counter()
        doc = nlp(text)
        _ = [(e.text, e.ent_id_) for e in doc.ents], [s.start for s in doc.sents]
        base.append(time.perf_counter() - t0)
    b = min(base)
    print(f"  spaCy {spacy.__version__} blank('en') + sentencizer + entity ruler (same gazetteer): "
          f"{mb / b:.1f} MB/s ({b:.2f} s, best of {runs})")
    print(f"  ratio, finding stage vs spaCy (same work): {b / find:.1f}x  (target >= 10x)")
    print(f"  ratio, full check vs spaCy: {b / best:.1f}x")


BENCHES = {"record": bench_record, "analysis": bench_analysis, "audit": bench_audit,
           "claims": bench_claims}


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
