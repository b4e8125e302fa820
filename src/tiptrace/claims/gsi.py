"""Global Slavery Index claims in a sentence: numbers of people, prevalence (per 1,000, a share
of the population, "1 in N"), ranks, orderings and top-k shares.

A figure belongs to the country written just before it ("India (18.4 million)", "India has 18
million"), or to the one just after "in" ("18 million people in India"). World totals ("40.3
million people worldwide") are no country's figure.
"""

from __future__ import annotations

import re
from typing import Any

from . import patterns as P
from .extract import GSI_EDITIONS, Claim
from .gazetteer import Mention
from .subjects import clauses, is_demonym
from .years import year_refs

IC = re.IGNORECASE
_WORLD_AFTER = re.compile(r"[^.;]{0,40}?\b(?:worldwide|globally|around\s+the\s+(?:world|globe)|"
                          r"across\s+the\s+(?:world|globe)|in\s+the\s+world|on\s+earth|"
                          r"world\s*wide|in\s+\d+\s+countries|across\s+\d+\s+countries)\b", IC)
_WORLD_BEFORE = re.compile(r"\b(?:world['\u2019]?s?|global(?:ly)?|worldwide|total(?:\s+of)?|"
                           r"all)\s+(?:[\w'\u2019-]+\s+){0,3}$", IC)
_OF_WORLD = re.compile(r"\bof\s+the\s+(?:world['\u2019]s|global)\s+$", IC)
_IN_AFTER = re.compile(r"\s*(?:[\w,'\u2019-]+\s+){0,6}?(?:in|across|inside|within)\s+(?:the\s+)?$",
                       IC)
_RATE_WORDS = re.compile(r"\b(?:rate|prevalence|proportion|per\s+capita|share\s+of\s+(?:its|the)\s+"
                         r"population|percentage|concentration)\b", IC)
_NUMBER_RANK = re.compile(r"\b(?:most\s+(?:people|slaves|victims|enslaved)|largest\s+(?:number|"
                          r"population|total)|highest\s+(?:number|total|absolute)|greatest\s+"
                          r"number|absolute\s+(?:number|terms)|in\s+absolute\s+terms|sheer\s+"
                          r"numbers?)\b", IC)
_OR_FEWER = re.compile(r"^\s*(?:people\s+|persons\s+)?(?:or\s+(?:fewer|less|lower)|at\s+most)\b", IC)
_ONE_IN = re.compile(r"\b(?P<q>nearly\s+|almost\s+|about\s+|around\s+|roughly\s+|more\s+than\s+|"
                     r"over\s+|some\s+)?(?:one|1)\s+(?:in|out\s+of)\s+(?:every\s+)?(\d+|ten|five|"
                     r"twenty|fifty|a\s+hundred|hundred)\b", IC)
_PCT_PEOPLE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+of\s+(?:the\s+|its\s+"
                         r"|all\s+)?(?:[\w'\u2019]+\s+){0,3}?(?:population|people|residents|"
                         r"inhabitants|citizens|populace)\b", IC)
_ONE_IN_WORDS = {"ten": 10, "five": 5, "twenty": 20, "fifty": 50, "a hundred": 100,
                 "hundred": 100}


def _edition(s: str) -> int | None:
    for r in year_refs(s):
        if r.year in GSI_EDITIONS and r.role in ("report", "time"):
            return r.year
    return None


def parse_amount(num: str, unit: str | None) -> tuple[float, float]:
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


def qualifier(s: str, start: int, end: int | None = None) -> str:
    before = s[max(0, start - 25):start].lower().rstrip()
    if end is not None and _OR_FEWER.match(s[end:end + 25]):
        return "under"
    for word, q in (("more than", "over"), ("over", "over"), ("at least", "over"),
                    ("upwards of", "over"), ("nearly", "nearly"), ("almost", "nearly"),
                    ("close to", "nearly"), ("less than", "under"), ("fewer than", "under"),
                    ("under", "under"), ("up to", "under"), ("about", "about"),
                    ("around", "about"), ("some", "about"), ("roughly", "about"),
                    ("approximately", "about"), ("an estimated", "about"),
                    ("estimated", "about"), ("approx.", "about"), ("~", "about")):
        if before.endswith(word):
            return q
    return "exact"


def _owner(s: str, mentions: list[Mention], start: int, end: int, lo: int, hi: int
           ) -> Mention | None:
    """The country a figure at START-END belongs to, within the clause LO-HI."""
    after = [m for m in mentions if end <= m.start < hi]
    if after and _IN_AFTER.fullmatch(s[end:after[0].start]):
        return after[0]
    before = [m for m in mentions if lo <= m.end <= start]
    if before:
        return before[-1]
    if after:
        return after[0]
    return None


def gsi_claims(s: str, offset: int, mentions: list[Mention], doc_has_gsi: bool) -> list[Claim]:
    low = s.lower()
    has_digit = any(ch.isdigit() for ch in s)
    if not (has_digit or any(w in low for w in ("first", "highest", "largest", "most",
                                                 "followed", "rank", "one in", "worst",
                                                 "greatest", "biggest", "second", "third"))):
        return []  # every GSI claim needs a number, a rank or an order
    gsi_here = bool(P.GSI_CONTEXT.search(s))
    if not (gsi_here or doc_has_gsi):
        return []
    out: list[Claim] = []
    edition = _edition(s)
    sent_gsi = gsi_here or (doc_has_gsi and bool(P.PREVALENCE_WORDS.search(s) or "index" in low))
    for m in (P.TOP_SHARE.finditer(s) if "top" in low else ()):
        out.append(Claim("gsi_top_share", offset, offset + len(s), s, [],
                         {"k": P.number(m.group(1)), "share": float(m.group(2)) / 100,
                          "phrase": m.group(0)}, edition))
    for m in (P.SHARE_IN_K.finditer(s) if "countries" in low and has_digit else ()):
        out.append(Claim("gsi_top_share", offset, offset + len(s), s, [],
                         {"k": P.number(m.group(2)), "share": float(m.group(1)) / 100,
                          "phrase": m.group(0)}, edition))
    mentions = [m for m in mentions if not is_demonym(m)
                and not re.match(r"\s*(?:['\u2019]s\s+)?(?:state\s+department|government['\u2019]s"
                                 r"\s+report)", s[m.end:m.end + 30], IC)]
    if not mentions:
        return out
    cls = clauses(s)
    seen: set[tuple[str, str]] = set()

    def clause_of(pos: int) -> tuple[int, int]:
        c = next((c for c in cls if c.start <= pos < c.end), None)
        return (c.start, c.end) if c else (0, len(s))

    def add(kind: str, start: int, end: int, params: dict[str, Any]) -> None:
        lo, hi = clause_of(start)
        c = _owner(s, mentions, start, end, lo, hi) or _owner(s, mentions, start, end, 0, len(s))
        if c is None or (kind, c.iso3) in seen:
            return
        seen.add((kind, c.iso3))
        claim = Claim(kind, offset, offset + len(s), s, [c.iso3], params, edition)
        claim.resolution = {"countries": "this sentence",
                            "measure": {"phrase": s[start:end], "start": offset + start,
                                        "end": offset + end}}
        out.append(claim)

    def world(start: int, end: int) -> bool:
        return bool(_WORLD_AFTER.match(s[end:end + 60]) or _WORLD_BEFORE.search(
            s[max(0, start - 30):start]) or _OF_WORLD.search(s[max(0, start - 25):start]))

    per_words = "per" in low or "every" in low or "in 1,000" in low
    rates: list[tuple[int, int]] = []
    for m in (P.PER_1000.finditer(s) if per_words and has_digit else ()):
        v, half = parse_amount(m.group(1), None)
        rates.append((m.start(), m.end()))
        if not world(m.start(), m.end()):
            add("gsi_prevalence", m.start(), m.end(),
                {"value": v, "tolerance": half, "qualifier": qualifier(s, m.start(), m.end()),
                 "phrase": m.group(0)})
    for m in (_PCT_PEOPLE.finditer(s) if "%" in s or "cent" in low else ()):
        v, half = parse_amount(m.group(1), None)
        rates.append((m.start(), m.end()))
        if sent_gsi and not world(m.start(), m.end()):
            add("gsi_prevalence", m.start(), m.end(),
                {"value": v * 10, "tolerance": half * 10, "qualifier": qualifier(s, m.start()),
                 "phrase": m.group(0), "converted": "percent x 10"})
    for m in (_ONE_IN.finditer(s) if " in " in low or "out of" in low else ()):
        token = m.group(2).lower()
        n = _ONE_IN_WORDS.get(token) or (int(token) if token.isdigit() else None)
        rates.append((m.start(), m.end()))
        if n and sent_gsi and not world(m.start(), m.end()):
            q = qualifier(m.group("q") or "", len(m.group("q") or "")) if m.group("q") else "about"
            add("gsi_prevalence", m.start(), m.end(),
                {"value": 1000 / n, "tolerance": 1000 / n * 0.15, "qualifier": q,
                 "phrase": m.group(0)})
    if not sent_gsi:
        return out
    by = "prevalence" if _RATE_WORDS.search(s) or P.PREVALENCE_WORDS.search(s) else "number"
    if _NUMBER_RANK.search(s):
        by = "number"
    amounts = list(P.PEOPLE.finditer(s)) if has_digit else []
    if has_digit and (P.NUMBER_WORDS.search(s) or "(" in s):
        amounts += [m for m in P.AMOUNT_AT.finditer(s)]
        amounts += [m for m in _PAREN_AMOUNT.finditer(s)]
    if has_digit:
        amounts += [m for m in _HAS_AMOUNT.finditer(s)]
    done: set[int] = set()
    for m in sorted(amounts, key=lambda m: m.start(1)):
        if m.start(1) in done or any(a <= m.start(1) < b for a, b in rates):
            continue  # "per 1,000 people" is a rate, not a number of people
        done.add(m.start(1))
        v, half = parse_amount(m.group(1), m.group(2))
        if v < 1000 or world(m.start(1), m.end()):
            continue
        if not m.group(2) and "," not in m.group(1) and 1900 <= v <= 2100:
            continue  # a year, not a number of people
        if re.match(r"\s*(?:%|per\s*cent|percent)", s[m.end(1):m.end(1) + 10], IC):
            continue
        add("gsi_number", m.start(1), m.end(),
            {"value": v, "tolerance": half, "qualifier": qualifier(s, m.start(1), m.end()),
             "phrase": m.group(0).strip()})
    follow = P.FOLLOWED_BY.search(s) if "followed" in low else None
    if follow:
        before = [c for c in mentions if c.end <= follow.start()]
        after = [c for c in mentions if c.start >= follow.end()]
        if before and after:
            order = [before[-1].iso3] + [c.iso3 for c in after]
            out.append(Claim("gsi_order", offset, offset + len(s), s, order,
                             {"by": by, "phrase": s[before[-1].start:after[-1].end]}, edition))
    for m in [*P.RANK.finditer(s), *P.RANK_OBJECT.finditer(s)]:
        rank = P.number(m.group(1).lower().replace("no.", "").strip())
        if rank and rank < 200 and not re.match(
                r"\s*(?:per|%|million|thousand|people|in\s+|[.,]\d|percent)",
                s[m.end():m.end() + 12], IC):
            add("gsi_rank", m.start(), m.end(), {"rank": rank, "by": by, "phrase": m.group(0)})
    for m in _SUPERLATIVE_RANK.finditer(s):
        if any(c.kind == "gsi_rank" for c in out):
            break
        rank = P.number(m.group("ord")) if m.group("ord") else 1
        sby = "number" if _NUMBER_RANK.match(s, m.start()) or re.search(
            r"number|people|slaves|victims|total", m.group(0), IC) else by
        add("gsi_rank", m.start(), m.end(), {"rank": rank, "by": sby, "phrase": m.group(0)})
    return out


_PAREN_AMOUNT = re.compile(r"\(\s*(?:about\s+|around\s+|some\s+|nearly\s+|an\s+estimated\s+)?"
                           r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|m\b|"
                           r"k\b)?", IC)
_HAS_AMOUNT = re.compile(
    r"\b(?:has|had|have|with|hosts?|hosted|home\s+to|holds?|held|counts?|counted|numbers?|"
    r"estimated|estimates|totals?|totall?ed|accounts?\s+for|reaching|reached|stood\s+at|"
    r"stands\s+at|rose\s+to|fell\s+to)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|"
    r"roughly\s+|an\s+estimated\s+|more\s+than\s+|over\s+|at\s+least\s+)?(?<![\d.,])"
    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand|m\b|k\b)?", IC)
_SUPERLATIVE_RANK = re.compile(
    r"\b(?:the\s+)?(?:(?P<ord>second|third|fourth|fifth)[\s-]+)?(?:highest|largest|greatest|"
    r"biggest|worst|most)\s+(?:number|numbers|rate|rates|prevalence|proportion|share|"
    r"concentration|population|total|people|slaves|victims|enslaved|estimated)\b", IC)
