"""Precision/recall of claim finding and accuracy of verdicts on the labelled set (eval.yaml)."""

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tiptrace.claims.check import check_text
from tiptrace.claims.verify import RecordIndex

ITEMS = yaml.safe_load((Path(__file__).parent / "eval.yaml").read_text("utf-8"))


def _key(kind: str, countries: str) -> tuple[str, str]:
    return kind, countries


def evaluate(index: RecordIndex) -> dict:
    tp = fp = fn = 0
    correct = 0
    confusion: Counter = Counter()
    misses = []
    for item in ITEMS:
        date = dt.date.fromisoformat(item["date"]) if item.get("date") else None
        report = check_text(item["text"], index, date)
        found = {}
        for c in report["claims"]:
            found[_key(c.kind, ",".join(c.countries) or "-")] = c.verdict
        expected = {}
        for spec in item["claims"]:
            kind, countries, verdict = spec.split(":")
            expected[_key(kind, countries)] = verdict
        for k, v in expected.items():
            if k in found:
                tp += 1
                correct += found[k] == v
                confusion[(v, found[k])] += 1
                if found[k] != v:
                    misses.append(("verdict", item["text"], k, v, found[k]))
            else:
                fn += 1
                misses.append(("missed", item["text"], k, v, None))
        for k in found:
            if k not in expected:
                fp += 1
                misses.append(("spurious", item["text"], k, None, found[k]))
    return {"precision": tp / (tp + fp), "recall": tp / (tp + fn),
            "verdict_accuracy": correct / tp, "tp": tp, "fp": fp, "fn": fn,
            "confusion": confusion, "misses": misses}


@pytest.fixture(scope="module")
def result(store):
    return evaluate(RecordIndex.from_store(store))


def test_eval_set_is_large_enough():
    assert len(ITEMS) >= 150
    assert sum(1 for i in ITEMS if not i["claims"]) >= 30  # distractors
    kinds = Counter(s.split(":")[0] for i in ITEMS for s in i["claims"])
    assert set(kinds) >= {"tier", "streak", "state_sponsored", "state_sponsored_count",
                          "gsi_number", "gsi_prevalence", "gsi_rank", "gsi_order",
                          "gsi_top_share"}


def test_claim_finding_precision_and_recall(result):
    print(f"\nprecision {result['precision']:.3f} recall {result['recall']:.3f} "
          f"verdict accuracy {result['verdict_accuracy']:.3f} "
          f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")
    for m in result["misses"]:
        print("  ", m)
    assert result["precision"] >= 0.9
    assert result["recall"] >= 0.9


def test_verdict_accuracy(result):
    assert result["verdict_accuracy"] >= 0.9


def test_heldout_set(store):
    """Sentences written after the patterns were tuned: an out-of-sample estimate."""
    global ITEMS
    saved = ITEMS
    ITEMS = yaml.safe_load((Path(__file__).parent / "heldout.yaml").read_text("utf-8"))
    try:
        r = evaluate(RecordIndex.from_store(store))
    finally:
        ITEMS = saved
    print(f"\nheld-out: precision {r['precision']:.3f} recall {r['recall']:.3f} "
          f"verdict accuracy {r['verdict_accuracy']:.3f}")
    assert r["precision"] >= 0.8 and r["recall"] >= 0.8 and r["verdict_accuracy"] >= 0.8
