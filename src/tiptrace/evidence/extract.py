"""Propose evidence items from a pasted narrative or article, for an analyst to confirm.

One proposal per sentence that states a finding the rulebook can use (a criterion, the
complicity factor, a policy or pattern, a Watch List ground). The attribution is read by the
claim checker's sourcing module (claims.sourcing.analyse); the source family and whose conduct
it is are read here from the sentence's words; the proposed grade comes from weighting.yaml.
Nothing is stored: the proposals are JSON Lines rows to edit (the statement in the analyst's own
words) and then `tiptrace evidence import`.
"""

from __future__ import annotations

import re
from typing import Any

from . import weighting

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c(])")
_NEG = re.compile(r"\b(?:no|not|never|failed|fail|fails|without|lack(?:ed|s)?|decreas\w*|declin\w*|"
                  r"fell|fewer|did not|didn't|neither|nor|none|inadequate|insufficient)\b", re.I)
_TARGETS: list[tuple[str, re.Pattern]] = [
    ("pattern", re.compile(r"policy or pattern|state-sponsored|government[- ](?:subject|forc|compel|"
                           r"used|uses|operat)\w*[^.]{0,60}forced labou?r", re.I)),
    ("complicity", re.compile(r"complicit|complicity|corrupt|brib", re.I)),
    ("investigates_prosecutes", re.compile(r"prosecut|investigat|convict|sentenc|law enforcement", re.I)),
    ("protects_victims", re.compile(r"identif\w* [^.]{0,30}victims|shelter|referr|victim (?:care|"
                                    r"services|assistance)|protect\w* victims", re.I)),
    ("prevention", re.compile(r"awareness|campaign|prevent|action plan", re.I)),
    ("victims_significant_or_increasing", re.compile(r"(?:thousands|hundreds|tens of thousands|"
                                                     r"increas\w*|growing) [^.]{0,40}(?:victims|"
                                                     r"workers|women)", re.I)),
]
_FAMILY: list[tuple[str, re.Pattern]] = [
    ("ngo", re.compile(r"\bNGOs?\b|non-governmental|civil society|activists|advocates", re.I)),
    ("intergovernmental", re.compile(r"\bUN\b|United Nations|\bILO\b|\bIOM\b|Special Rapporteur|"
                                     r"Panel of Experts|Commission of Inquiry", re.I)),
    ("media", re.compile(r"media|press report|news|newspaper|journalist", re.I)),
    ("academic", re.compile(r"researchers?|study|studies|academic|scholars?", re.I)),
    ("government", re.compile(r"the government reported|authorities reported|officials? (?:said|"
                              r"stated|reported)|ministry", re.I)),
]
_NON_STATE = re.compile(r"traffickers|brokers|employers|recruit\w*|gangs|syndicates|criminal|"
                        r"smugglers|agents", re.I)
_COUNT = re.compile(r"(\d[\d,]*)\s+(?:\w+\s+){0,3}?(investigations|prosecutions|convictions|"
                    r"victims)", re.I)
_COUNT_KEY = {"investigations": "investigations", "prosecutions": "prosecutions",
              "convictions": "convictions", "victims": "victims_identified"}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(" ".join(text.split())) if s.strip()]


def _target(sentence: str, year: int) -> str | None:
    known = weighting.targets(year)
    for key, rx in _TARGETS:
        if not rx.search(sentence):
            continue
        if key == "pattern":
            if "forced_labor" in known:
                return "forced_labor" if re.search(r"forced labou?r", sentence, re.I) else "trafficking"
            key = "complicity"
        if key == "complicity":
            return ("extent_of_noncompliance_and_complicity"
                    if "extent_of_noncompliance_and_complicity" in known else
                    "prosecutes_complicit_officials")
        if key in known:
            return key
    return None


def propose(text: str, country: str, year: int, source: dict[str, Any]) -> list[dict[str, Any]]:
    """Proposals: each with `row` (a JSON Lines row to edit and import), `sentence` and
    `reading` (what the sourcing module read, and what was inferred here)."""
    from ..claims.sourcing import analyse

    w = weighting.load()
    out = []
    for n, s in enumerate(sentences(text), 1):
        target = _target(s, year)
        if target is None:
            continue
        reading = analyse(s)
        role = weighting.targets(year)[target].role
        family = next((f for f, rx in _FAMILY if rx.search(s)), None)
        if reading["attribution"] == "anonymous":
            family = "anonymous"
        elif family is None:
            family = "named_individual" if reading["attribution"] == "named" else source["type"]
        negated = bool(_NEG.search(s))
        direction = "undermines" if negated and role in ("effort", "standard") else \
            "supports" if not negated else "undermines"
        if target == "extent_of_noncompliance_and_complicity":
            direction = "undermines" if negated else "supports"
        if re.search(r"complicit|corrupt|brib|toler", s, re.I):
            resp = "state_complicit"
        elif _NON_STATE.search(s) and role != "pattern":
            resp = "non_state"
        else:
            resp = "state_direct"
        rel, cred = w["proposed_grades"][family]
        if reading["hedged"]:
            cred = min(int(cred) + 1, 5) if int(cred) < 6 else 6
        counts = {_COUNT_KEY[m.group(2).lower()]: int(m.group(1).replace(",", ""))
                  for m in _COUNT.finditer(s)}
        row = {"kind": "item", "id": f"proposal-{n}", "country": country, "report_year": year,
               "bears_on": target, "direction": direction, "responsibility": resp,
               "statement": s[:3000] if len(s) >= 10 else s.ljust(10),
               "source": {**source, "type": family},
               "grades": [{"analyst": "proposed", "reliability": rel, "credibility": int(cred),
                           "note": "proposed by tiptrace evidence extract; confirm or change"}]}
        if counts:
            row["counts"] = counts
        out.append({"sentence_number": n, "sentence": s, "row": row,
                    "reading": {**reading, "family": family, "negated": negated}})
    return out
