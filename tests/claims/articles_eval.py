"""Scoring claim checking on whole articles (tests/claims/articles/*/*.yaml, see README.md there).

A found claim matches a labelled one of the same kind and countries, first with the same year,
then (a year wrongly resolved) with any year; each label is matched once. A claim found again in
another sentence (a headline and its story) once its label is matched is counted apart, as
repeated, neither right nor wrong.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "articles"


def load(split: str) -> list[dict]:
    items = []
    for path in sorted((HERE / split).glob("*.yaml")):
        item = yaml.safe_load(path.read_text("utf-8"))
        item["path"] = str(path)
        items.append(item)
    return items


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    said_contradicted: int = 0
    right_contradicted: int = 0
    mistakes: int = 0  # labelled contradicted or imprecise
    mistakes_caught: int = 0  # ... and the checker did not call them supported
    duplicates: int = 0  # a claim found again in another sentence of the same article
    misses: list = field(default_factory=list)
    confusion: Counter = field(default_factory=Counter)

    def figures(self) -> dict:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {"precision": ratio(self.tp, self.tp + self.fp),
                "recall": ratio(self.tp, self.tp + self.fn),
                "verdict_accuracy": ratio(self.correct, self.tp),
                "contradicted_precision": ratio(self.right_contradicted, self.said_contradicted),
                "contradicted": f"{self.right_contradicted} of {self.said_contradicted}",
                "mistakes_caught": f"{self.mistakes_caught} of {self.mistakes}",
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "repeated": self.duplicates}


def _key(kind: str, countries) -> tuple:
    return kind, tuple(countries or ())


def score(items: list[dict], check) -> Score:
    """CHECK(text, date) -> list of (kind, countries, year, verdict, sentence)."""
    s = Score()
    for item in items:
        date = item.get("date")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        found = check(item["text"], date)
        labels = list(item.get("claims") or [])
        open_labels = list(range(len(labels)))
        pairs = []
        rest = []

        def here(i: int, sentence: str, labels=labels) -> bool:
            where = labels[i].get("where") or ""
            return bool(where) and where in sentence

        for f in found:
            kind, countries, year, verdict, sentence = f
            same = [i for i in open_labels if _key(labels[i]["kind"], labels[i].get(
                "countries")) == _key(kind, countries) and labels[i].get("year") == year]
            # Of labels alike, the one stated in this claim's sentence.
            hit = next((i for i in same if here(i, sentence)), same[0] if same else None)
            if hit is None:
                rest.append(f)
                continue
            open_labels.remove(hit)
            pairs.append((labels[hit], f))
        matched = {(*_key(lab["kind"], lab.get("countries")), lab.get("year")) for lab, _ in pairs}
        for f in rest:
            kind, countries, year, verdict, sentence = f
            same = [i for i in open_labels if _key(labels[i]["kind"], labels[i].get(
                "countries")) == _key(kind, countries)]
            hit = next((i for i in same if here(i, sentence)), same[0] if same else None)
            if hit is None and (*_key(kind, countries), year) in matched:
                s.duplicates += 1  # the same claim again (a headline and its story): not scored
                continue
            if hit is None:
                s.fp += 1
                s.misses.append(("spurious", item["id"], kind, countries, year, verdict,
                                 sentence.strip()[:160]))
                if verdict == "contradicted":
                    s.said_contradicted += 1
                continue
            open_labels.remove(hit)
            pairs.append((labels[hit], f))
        for label, f in pairs:
            s.tp += 1
            verdict = f[3]
            expected = label["verdict"]
            if label.get("year") != f[2]:
                s.misses.append(("year", item["id"], label["kind"], label.get("countries"),
                                 label.get("year"), f[2], label.get("where")))
            s.correct += verdict == expected
            s.confusion[(expected, verdict)] += 1
            if verdict != expected:
                s.misses.append(("verdict", item["id"], label["kind"], label.get("countries"),
                                 label.get("year"), f"{expected} -> {verdict}",
                                 label.get("where")))
        for label, f in pairs:
            if f[3] == "contradicted":
                s.said_contradicted += 1
                s.right_contradicted += label["verdict"] == "contradicted"
        for i in open_labels:
            s.fn += 1
            label = labels[i]
            s.misses.append(("missed", item["id"], label["kind"], label.get("countries"),
                             label.get("year"), label["verdict"], label.get("where")))
        for label in labels:
            if label["verdict"] in ("contradicted", "imprecise"):
                s.mistakes += 1
                match = next((f for lab, f in pairs if lab is label), None)
                if match is not None and match[3] in ("contradicted", "imprecise"):
                    s.mistakes_caught += 1
    return s


def tiptrace_checker(index):
    from tiptrace.claims.check import check_text

    def check(text: str, date):
        report = check_text(text, index, date)
        return [(c.kind, c.countries, c.year, c.verdict, c.sentence) for c in report["claims"]]

    return check


if __name__ == "__main__":  # python tests/claims/articles_eval.py [tune|heldout] [-v]
    import sys

    from tiptrace.claims.verify import RecordIndex
    from tiptrace.record.store import Store

    split = sys.argv[1] if len(sys.argv) > 1 else "tune"
    result = score(load(split), tiptrace_checker(RecordIndex.from_store(Store.open())))
    print(split, len(load(split)), "articles", result.figures())
    if "-v" in sys.argv and split != "heldout":
        for m in result.misses:
            print("  ", m)
