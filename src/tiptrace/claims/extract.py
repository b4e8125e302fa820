"""Find checkable claims in sentences.

A sentence is only examined closely when a fast pass has found both a country (or a list-size
or share phrase) and a claim keyword in it, which keeps the check fast on long articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import patterns as P
from .gazetteer import Mention

GSI_EDITIONS = (2013, 2014, 2016, 2018, 2023)


@dataclass
class Claim:
    kind: str
    start: int  # character offsets of the sentence in the article
    end: int
    sentence: str
    countries: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    year: int | None = None
    year_basis: str = ""
    verdict: str = ""
    record_value: Any = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    explanation: str = ""
    sourcing: dict[str, Any] = field(default_factory=dict)


def _years(sentence: str) -> list[tuple[int, int]]:
    return [(int(m.group(1)), m.start()) for m in P.YEAR.finditer(sentence)]


def _tier_mentions(s: str, doc_tip: bool) -> list[tuple[int, int, str]]:
    """(start, end, tier) for each tier phrase, Watch List first so 'Tier 2 Watch List' wins.

    Bare 'watch list' and ordinal tiers ('the lowest tier') count only in a text about the TIP
    Report (or with a streak phrase); 'Tier 3 countries' is a generic phrase, not a claim."""
    low = s.lower()
    if not ("tier" in low or "watch" in low or "special" in low or "rank" in low
            or "categor" in low):
        return []
    found = []
    tip = doc_tip or bool(P.TIP_DOC_CONTEXT.search(s)) or _streak(s) is not None
    for m in P.TIER_WATCH.finditer(s):
        if "tier" not in m.group(0).lower() and not tip:
            continue
        found.append((m.start(), m.end(), "2WL"))
    for m in P.TIER_NUM.finditer(s):
        if any(a <= m.start() < b for a, b, _ in found) or P.GENERIC_TIER.match(s[m.end():]):
            continue
        found.append((m.start(), m.end(), P.TIER_WORDS[m.group(1).lower()]))
    for m in P.TIER_ORD.finditer(s):
        word = m.group(0).lower()
        if not tip or ("tier" not in word and not P.TIP_CONTEXT.search(s)):
            continue
        if "tier" not in word and P.GSI_CONTEXT.search(s):
            continue  # "ranked first" in a slavery-index sentence is a GSI rank
        found.append((m.start(), m.end(), P.TIER_WORDS[m.group(1).lower()]))
    for m in P.SPECIAL.finditer(s):
        found.append((m.start(), m.end(), "special"))
    return sorted(found)


def _negated(s: str, start: int) -> bool:
    return bool(P.NEGATION.search(s[max(0, start - 60):start]))


def _nearest(mentions: list[Mention], pos: int) -> Mention | None:
    return min(mentions, key=lambda m: abs(m.start - pos), default=None)


def _tip_year(s: str, tier_pos: int, exclude: int | None = None) -> int | None:
    ys = [(y, p) for y, p in _years(s) if 2001 <= y <= 2100 and y != exclude]
    if not ys:
        return None
    return min(ys, key=lambda yp: abs(yp[1] - tier_pos))[0]


def _streak(s: str) -> tuple[int, str] | None:
    for rx in (P.STREAK_ORD, P.STREAK_ORD_ROW, P.STREAK_NUM_ROW, P.STREAK_FOR):
        m = rx.search(s)
        if m:
            n = P.number(m.group(1))
            if n:
                return n, m.group(0)
    m = P.STREAK_SINCE.search(s)
    if m:
        return -int(m.group(1)), m.group(0)  # negative: a start year
    return None


def _subjects(s: str, mentions: list[Mention]) -> list[Mention]:
    """Drop possessive modifiers ("Vietnam's neighbour") when another country is named."""
    plain = [m for m in mentions if not re.match(r"['\u2019]s\b", s[m.end:m.end + 2])]
    return plain or mentions


def tier_claims(s: str, offset: int, mentions: list[Mention], doc_tip: bool = False) -> list[Claim]:
    tiers = _tier_mentions(s, doc_tip)
    mentions = _subjects(s, mentions)
    if not tiers or not mentions:
        return []
    claims: list[Claim] = []
    streak = _streak(s)
    # "downgraded from Tier 2 to Tier 3": the first is last year's tier, the second this year's.
    transition = None
    if len(tiers) >= 2 and P.FROM_TO.search(s[max(0, tiers[0][0] - 12):tiers[0][0]]) and \
            " to " in s[tiers[0][1]:tiers[1][0] + 1]:
        transition = (tiers[0], tiers[1])
    used: set[str] = set()
    for m in mentions:
        if m.iso3 in used:
            continue
        # The tier phrase this country goes with: the nearest one after it, else before it.
        after = [t for t in tiers if t[0] >= m.end]
        t = after[0] if after else tiers[-1]
        if transition and t == transition[0]:
            t = transition[1]
        since = -streak[0] if streak and streak[0] < 0 else None
        year = _tip_year(s, t[0], exclude=since)
        params: dict[str, Any] = {"tier": t[2], "phrase": s[t[0]:t[1]]}
        if _negated(s, t[0]):
            params["negated"] = True
        if transition and t == transition[1]:
            params["previous_tier"] = transition[0][2]
        kind = "tier"
        if streak and not params.get("negated"):
            kind = "streak"
            n, phrase = streak
            params.update({"length": n} if n > 0 else {"since": -n})
            params["streak_phrase"] = phrase
        used.add(m.iso3)
        claims.append(Claim(kind, offset, offset + len(s), s, [m.iso3], params, year))
    return claims


def state_claims(s: str, offset: int, mentions: list[Mention]) -> list[Claim]:
    if not P.STATE.search(s):
        return []
    out = []
    year = _tip_year(s, 0)
    size = P.LIST_SIZE.search(s)
    if size:
        n = P.number(next(g for g in size.groups() if g))
        if n:
            out.append(Claim("state_sponsored_count", offset, offset + len(s), s, [],
                             {"count": n, "phrase": size.group(0)}, year))
    for m in mentions:
        negated = _negated(s, m.start) or bool(re.search(r"\b(?:not|no longer|removed|dropped)\b",
                                                         s[m.end:m.end + 40], re.I))
        out.append(Claim("state_sponsored", offset, offset + len(s), s, [m.iso3],
                         {"listed": not negated}, year))
    return out


def _gsi_edition(s: str) -> int | None:
    for y, _ in _years(s):
        if y in GSI_EDITIONS:
            return y
    return None


def _parse_amount(num: str, unit: str | None) -> tuple[float, float]:
    """Value and half the last stated unit (the claim's own precision)."""
    clean = num.replace(",", "")
    value = float(clean)
    decimals = len(clean.split(".")[1]) if "." in clean else 0
    half = 0.5 * 10 ** (-decimals)
    mult = 1.0
    if unit:
        u = unit.lower()
        mult = 1e6 if u in ("million", "m") else 1e3 if u in ("thousand", "k") else 1.0
    if mult == 1.0 and "," in num:
        half = 0.5
    return value * mult, half * mult


def _qualifier(s: str, start: int) -> str:
    before = s[max(0, start - 25):start].lower()
    for word, q in (("more than", "over"), ("over", "over"), ("at least", "over"),
                    ("nearly", "nearly"), ("almost", "nearly"), ("less than", "under"),
                    ("fewer than", "under"), ("under", "under"), ("about", "about"),
                    ("around", "about"), ("some", "about"), ("roughly", "about"),
                    ("approximately", "about"), ("an estimated", "about")):
        if before.rstrip().endswith(word):
            return q
    return "exact"


_DIGIT = re.compile(r"\d")


def gsi_claims(s: str, offset: int, mentions: list[Mention], doc_has_gsi: bool) -> list[Claim]:
    low = s.lower()
    has_digit = _DIGIT.search(s) is not None
    if not (has_digit or "first" in low or "highest" in low or "largest" in low
            or "most" in low or "followed" in low or "rank" in low):
        return []  # every GSI claim needs a number, a rank or an order
    gsi_here = bool(P.GSI_CONTEXT.search(s))
    if not (gsi_here or doc_has_gsi):
        return []
    out: list[Claim] = []
    edition = _gsi_edition(s)
    sent_gsi = gsi_here or (
        doc_has_gsi and bool(P.PREVALENCE_WORDS.search(s) or "index" in low))
    for m in (P.TOP_SHARE.finditer(s) if "top" in low else ()):
        out.append(Claim("gsi_top_share", offset, offset + len(s), s, [],
                         {"k": P.number(m.group(1)), "share": float(m.group(2)) / 100,
                          "phrase": m.group(0)}, edition))
    for m in (P.SHARE_IN_K.finditer(s) if "countries" in low and has_digit else ()):
        out.append(Claim("gsi_top_share", offset, offset + len(s), s, [],
                         {"k": P.number(m.group(2)), "share": float(m.group(1)) / 100,
                          "phrase": m.group(0)}, edition))
    if not mentions:
        return out
    by = "prevalence" if P.PREVALENCE_WORDS.search(s) else "number"
    seen: set[tuple[str, str]] = set()

    def add(kind: str, pos: int, params: dict[str, Any]) -> None:
        c = _nearest(mentions, pos)
        if c is None or (kind, c.iso3) in seen:
            return
        seen.add((kind, c.iso3))
        out.append(Claim(kind, offset, offset + len(s), s, [c.iso3], params, edition))

    per_words = "per" in low or "every" in low
    for m in (P.PER_1000.finditer(s) if per_words and has_digit else ()):
        v, half = _parse_amount(m.group(1), None)
        add("gsi_prevalence", m.start(), {"value": v, "tolerance": half,
                                          "qualifier": _qualifier(s, m.start()),
                                          "phrase": m.group(0)})
    for m in (P.PERCENT_POP.finditer(s) if "population" in low else ()):
        v, half = _parse_amount(m.group(1), None)
        add("gsi_prevalence", m.start(), {"value": v * 10, "tolerance": half * 10,
                                          "qualifier": _qualifier(s, m.start()),
                                          "phrase": m.group(0), "converted": "percent x 10"})
    for m in (P.ONE_IN.finditer(s) if " in " in low else ()):
        n = P.number(m.group(1))
        if n and sent_gsi:
            add("gsi_prevalence", m.start(), {"value": 1000 / n, "tolerance": 1000 / n * 0.15,
                                              "qualifier": "about", "phrase": m.group(0)})
    if sent_gsi:
        per = [(m.start(), m.end()) for m in P.PER_1000.finditer(s)] if per_words else []
        amounts = list(P.PEOPLE.finditer(s)) if has_digit else []
        if has_digit and P.NUMBER_WORDS.search(s):
            amounts += list(P.AMOUNT_AT.finditer(s))
        for m in amounts:
            if any(a <= m.start(1) < b for a, b in per):
                continue  # "per 1,000 people" is a rate, not a number of people
            v, half = _parse_amount(m.group(1), m.group(2))
            if v >= 1000:
                add("gsi_number", m.start(), {"value": v, "tolerance": half,
                                              "qualifier": _qualifier(s, m.start(1)),
                                              "phrase": m.group(0).strip()})
        follow = P.FOLLOWED_BY.search(s) if "followed" in low else None
        if follow:
            before = [c for c in mentions if c.end <= follow.start()]
            after = [c for c in mentions if c.start >= follow.end()]
            if before and after:
                order = [before[-1].iso3] + [c.iso3 for c in after]
                out.append(Claim("gsi_order", offset, offset + len(s), s, order,
                                 {"by": by, "phrase": s[before[-1].start:after[-1].end]},
                                 edition))
        for m in [*P.RANK.finditer(s), *P.RANK_OBJECT.finditer(s)]:
            rank = P.number(m.group(1).lower().replace("no.", "").strip())
            if rank and rank < 200:
                add("gsi_rank", m.start(), {"rank": rank, "by": by, "phrase": m.group(0)})
        for m in (P.SUPERLATIVE.finditer(s) if not has_digit or "est" in low or "most" in low
                  else ()):
            if m.group(1).lower() in ("highest", "largest", "most", "greatest", "biggest",
                                      "worst"):
                if not any(c.kind == "gsi_rank" for c in out):
                    add("gsi_rank", m.start(), {"rank": 1, "by": by, "phrase": m.group(0)})
    return out
