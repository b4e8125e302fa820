"""Claim checking measured on whole articles written for tiptrace (tests/claims/articles/).

tune/ may be read while improving the checker; heldout/ never is: its figures are the
out-of-sample estimate. The bounds below are the figures reached so far less a small margin, so
that a change that makes the checker worse on real-looking text fails here.
"""

import pytest
from articles_eval import load, score, tiptrace_checker

from tiptrace.claims.verify import RecordIndex

TUNE, HELDOUT = load("tune"), load("heldout")


@pytest.fixture(scope="module")
def check(store):
    return tiptrace_checker(RecordIndex.from_store(store))


def test_the_evaluation_set_is_whole_articles_of_real_size():
    items = TUNE + HELDOUT
    assert len(items) >= 40 and len(HELDOUT) >= 10
    assert sum(len(i["claims"]) for i in items) >= 400
    for item in items:
        for label in item["claims"]:
            assert label["where"] in item["text"], (item["id"], label["where"])
    kinds = {label["kind"] for i in items for label in i["claims"]}
    assert kinds >= {"tier", "streak", "state_sponsored", "state_sponsored_count", "tier_count",
                     "gsi_number", "gsi_prevalence", "gsi_rank", "gsi_order"}


def _report(name, figures):
    print(f"\n{name}: " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                     for k, v in figures.items()))


def test_tune_split(check):
    f = score(TUNE, check).figures()
    _report("tune", f)
    assert f["precision"] >= 0.9
    assert f["recall"] >= 0.65
    assert f["verdict_accuracy"] >= 0.88
    assert f["contradicted_precision"] >= 0.85


def test_heldout_split(check):
    f = score(HELDOUT, check).figures()
    _report("held-out", f)
    # Far from the targets (0.95, 0.85, 0.90, 95 %): the README says so.
    assert f["precision"] >= 0.9
    assert f["recall"] >= 0.6
    assert f["verdict_accuracy"] >= 0.78
    assert f["contradicted_precision"] >= 0.45
