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
from .subjects import groups as coordinated
from .years import year_refs

IC = re.IGNORECASE
_WORLD_AFTER = re.compile(r"[^.;]{0,40}?\b(?:worldwide|globally|around\s+the\s+(?:world|globe)|"
                          r"across\s+the\s+(?:world|globe)|in\s+the\s+world|on\s+earth|"
                          r"world\s*wide|in\s+\d+\s+countries|across\s+\d+\s+countries)\b", IC)
_WORLD_BEFORE = re.compile(r"\b(?:world['\u2019]?s?|global(?:ly)?|worldwide|total(?:\s+of)?|"
                           r"all)\s+(?:[\w'\u2019-]+\s+){0,3}$", IC)
_OF_WORLD = re.compile(r"\bof\s+the\s+(?:world['\u2019]s|global)\s+$", IC)
# "18 million people living in India": the figure's country comes after it.
_IN_AFTER = re.compile(r"\s*(?:(?:people|persons|men|women|children|individuals|victims|slaves|"
                       r"enslaved|of\s+them|living|live|lived|are|were|trapped|held|in\s+modern"
                       r"\s+slavery|modern\s+slavery|slavery|forced\s+labou?r)\s+){0,5}"
                       r"(?:in|across|inside|within)\s+(?:the\s+)?", IC)
_RATE_WORDS = re.compile(r"\b(?:rate|prevalence|proportion|per\s+capita|share\s+of\s+(?:its|the)\s+"
                         r"population|percentage|concentration)\b", IC)
_NUMBER_RANK = re.compile(r"\b(?:most\s+(?:people|slaves|victims|enslaved)|"
                          r"(?:has|had|have)\s+(?:by\s+far\s+)?the\s+most\b|largest\s+(?:number|"
                          r"population|total)|highest\s+(?:number|total|absolute)|greatest\s+"
                          r"number|absolute\s+(?:number|terms)|in\s+absolute\s+terms|sheer\s+"
                          r"numbers?)\b", IC)
_OR_FEWER = re.compile(r"^\s*(?:people\s+|persons\s+)?(?:or\s+(?:fewer|less|lower)|at\s+most)\b", IC)
_ONE_IN = re.compile(r"\b(?P<q>nearly\s+|almost\s+|about\s+|around\s+|roughly\s+|more\s+than\s+|"
                     r"over\s+|some\s+)?(?:one|1)\s+(?:(?:person|people|resident|individual)\s+)?"
                     r"(?:in|out\s+of)\s+(?:every\s+)?(\d+|ten|five|"
                     r"twenty|fifty|a\s+hundred|hundred)\b", IC)
_PCT_PEOPLE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+of\s+(?:the\s+|its\s+"
                         r"|all\s+)?(?:[\w'\u2019]+\s+){0,3}?(?:population|people|residents|"
                         r"inhabitants|citizens|populace)\b", IC)
_ONE_IN_WORDS = {"ten": 10, "five": 5, "twenty": 20, "fifty": 50, "a hundred": 100,
                 "hundred": 100}


def _edition_named(s: str) -> bool:
    """The sentence names an edition as such ("the 2016 Global Slavery Index"), which later
    sentences then speak of; "in 2016, Pakistan was sixth" looks back and does not."""
    return any(r.role == "edition" and r.year in GSI_EDITIONS for r in year_refs(s))


def _edition(s: str) -> int | None:
    """The edition a sentence names: "the 2016 Global Slavery Index", or a year in a sentence
    about the index that is not about a TIP report ("In 2014, Qatar left Tier 3" is not)."""
    refs = [r for r in year_refs(s) if r.year in GSI_EDITIONS]
    for r in refs:
        if r.role == "edition":
            return r.year
    if P.TIP_CONTEXT.search(s):
        return None
    for r in refs:
        if r.role in ("report", "time"):
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


def _owner_how(s: str, mentions: list[Mention], start: int, end: int, lo: int, hi: int
               ) -> tuple[Mention, float] | None:
    """(country, how sure): the name right before, in brackets or after "in" is a firm reading;
    a name further off, in another clause or after the figure, a weaker one."""
    opened = s.rfind("(", max(0, start - 60), start)
    if opened >= 0 and ")" not in s[opened:start]:
        # "Kuwait (13.0; 55,000)": a figure in brackets is the name's before the bracket
        named = [m for m in mentions if m.end <= opened]
        if named and not s[named[-1].end:opened].strip(" ,"):
            return named[-1], 1.0
        if named and len(s[named[-1].end:opened]) < 40:
            return named[-1], 0.9
    after = [m for m in mentions if end <= m.start < hi]
    if after and _IN_AFTER.fullmatch(s[end:after[0].start]):
        return after[0], 1.0
    before = [m for m in mentions if lo <= m.end <= start]
    if before:
        # another name between it and the figure, or a long way off: less sure
        return before[-1], 1.0 if start - before[-1].end < 60 else 0.8
    # "Eritrea, where ..., is second at 93 per 1,000": the clause goes on with the name before it
    earlier = [m for m in mentions if m.end <= lo]
    if earlier and not re.search(r"[;:]", s[earlier[-1].end:lo]):
        return earlier[-1], 0.85
    if after:
        return after[0], 0.7
    return None


def gsi_claims(s: str, offset: int, mentions: list[Mention], doc_has_gsi: bool,
               index_doc: bool = False, rates_in_focus: bool = False,
               carried: Mention | None = None) -> list[Claim]:
    """GSI claims of sentence S. DOC_HAS_GSI: the text speaks of modern slavery; INDEX_DOC: it
    speaks of the index itself, so any figure next to a country is one of its estimates."""
    low = s.lower()
    has_digit = _DIGIT.search(s) is not None
    if not (has_digit or any(w in low for w in _ORDER_WORDS)):
        return []  # every GSI claim needs a number, a rank or an order
    gsi_here = bool(P.GSI_CONTEXT.search(s))
    if not (gsi_here or index_doc):
        return []  # a text that mentions slavery only in passing has no estimates to check
    out: list[Claim] = []
    edition = _edition(s)
    for m in (P.TOP_SHARE.finditer(s) if "top" in low else ()):
        out.append(Claim("gsi_top_share", offset, offset + len(s), s, [],
                         {"k": P.number(m.group(1)), "share": float(m.group(2)) / 100,
                          "phrase": m.group(0)}, edition))
    for m in (P.SHARE_IN_K.finditer(s) if "countries" in low and has_digit else ()):
        out.append(Claim("gsi_top_share", offset, offset + len(s), s, [],
                         {"k": P.number(m.group(2)), "share": float(m.group(1)) / 100,
                          "phrase": m.group(0)}, edition))
    # A demonym stands for its country here ("4 percent of Mauritanians"), but the issuer's
    # report does not ("the State Department's report").
    mentions = [m for m in mentions if (not is_demonym(m) or re.search(
        r"(?:\bof\s+(?:all\s+)?|\b(?:in|of)\s+(?:every\s+)?(?:\d+|ten|five|twenty|a\s+hundred)\s+)$",
        s[max(0, m.start - 20):m.start], IC))
        and not re.match(r"\s*(?:['\u2019]s\s+)?(?:state\s+department|government['\u2019]s"
                         r"\s+report)", s[m.end:m.end + 30], IC)]
    pronoun = False
    if not mentions and carried is not None and _PRONOUN_START.match(s):
        # "That is an estimated 740,000 people": the country of the sentence before
        mentions, pronoun = [Mention(0, 0, carried.iso3, carried.text)], True
    if not mentions:
        return out
    sent_gsi = gsi_here or index_doc or bool(P.PREVALENCE_WORDS.search(s) or "index" in low or "rank" in low
                                or "percent" in low or "%" in s or "per 1,000" in low)
    if not sent_gsi:
        return out
    cls = clauses(s)
    seen: set[tuple[str, str]] = set()
    figures = _figures(s, rates_in_focus)
    kinds_here = {f[2] for f in figures}

    def clause_of(pos: int) -> tuple[int, int]:
        c = next((c for c in cls if c.start <= pos < c.end), None)
        return (c.start, c.end) if c else (0, len(s))

    def add(kind: str, start: int, end: int, params: dict[str, Any]) -> None:
        lo, hi = clause_of(start)
        found = _owner_how(s, mentions, start, end, lo, hi) or _owner_how(
            s, mentions, start, end, 0, len(s))
        if found is None:
            return
        c, sure = found
        # one claim per country and measure; a rate may be given twice in two forms
        # ("16.8 per 1,000 - roughly 1 in 60")
        form = ("one in" if re.search(r"\bin\b|out of", params.get("phrase", ""), IC) else
                "per") if kind == "gsi_prevalence" else ""
        key = (kind, c.iso3, form)
        if key in seen:
            return
        seen.add(key)
        claim = Claim(kind, offset, offset + len(s), s, [c.iso3],
                      {**params, "as_written": c.text}, edition)
        claim.confidence = sure
        claim.resolution = {"countries": "this sentence" if sure == 1.0 else
                            "the name nearest the figure (an uncertain reading)",
                            "measure": {"phrase": s[start:end], "start": offset + start,
                                        "end": offset + end}}
        out.append(claim)

    for a, b, kind, params in figures:
        add(kind, a, b, params)
    for m in _LIST_RANKED.finditer(s):
        # "the countries with the highest prevalence are A, B and C": a ranked list
        listed = [c for c in mentions if c.start >= m.end()]
        run = coordinated(s, listed)[:1]
        if run and len(run[0]) >= 2:
            order = list(dict.fromkeys(c.iso3 for c in run[0]))
            out.append(Claim("gsi_order", offset, offset + len(s), s, order,
                             {"by": _rank_by(s, m.start(), kinds_here),
                              "phrase": s[m.start():run[0][-1].end]}, edition))
    for m in _AFTER_LIST.finditer(s):
        # "the third highest number in the world after India and China"
        named = [c for c in mentions if c.start >= m.end()]
        run = coordinated(s, named)[:1]
        subject = [c for c in mentions if c.end <= m.start()]
        if run and subject:
            order = list(dict.fromkeys([c.iso3 for c in run[0]] + [subject[-1].iso3]))
            out.append(Claim("gsi_order", offset, offset + len(s), s, order,
                             {"by": _rank_by(s, m.start(), kinds_here),
                              "phrase": s[m.start():run[0][-1].end]}, edition))
    for m in (_IN_THAT_ORDER.finditer(s) if "order" in low else ()):
        # "Benin, Moldova, Ivory Coast, Gambia and Gabon fill out the ten worst, in that order"
        runs = [g for g in coordinated(s, [c for c in mentions if c.end <= m.start()])
                if len(g) >= 2]
        if runs:
            out.append(Claim("gsi_order", offset, offset + len(s), s,
                             list(dict.fromkeys(c.iso3 for c in runs[-1])),
                             {"by": _rank_by(s, m.start(), kinds_here),
                              "phrase": s[runs[-1][0].start:m.end()]}, edition))
    follow = P.FOLLOWED_BY.search(s) if "followed" in low or "then" in low else None
    if follow:
        before = [c for c in mentions if c.end <= follow.start()]
        after = [c for c in mentions if c.start >= follow.end()]
        if before and after:
            order = list(dict.fromkeys([before[-1].iso3] + [c.iso3 for c in after]))
            by = _rank_by(s, follow.start(), kinds_here)
            out.append(Claim("gsi_order", offset, offset + len(s), s, order,
                             {"by": by, "phrase": s[before[-1].start:after[-1].end]}, edition))
    for a, b, rank, by in _ranks(s, kinds_here):
        stated = _measure_stated(s, a)
        add("gsi_rank", a, b, {"rank": rank, "by": by, "phrase": s[a:b],
                               **({} if stated else {"by_inferred": True})})
    if _edition_named(s):
        for c in out:
            c.params["edition_named"] = True
    if pronoun:
        for c in out:
            c.confidence = round(c.confidence * 0.8, 3)
            c.resolution["countries"] = "the country of the sentence before ('it', 'that')"
    return out


_PRONOUN_START = re.compile(r"\s*(?:that|this|it|its|the\s+country|the\s+kingdom)\b", re.IGNORECASE)


_LIST_RANKED = re.compile(r"\b(?:the\s+)?(?:countries|nations|states)\s+with\s+the\s+(?:next\s+)?"
                          r"(?:highest|largest|greatest|biggest|most)\s+(?:[\w-]+\s+){0,3}?"
                          r"(?:are|were|include|included)\s*:?\s+(?:the\s+)?", re.IGNORECASE)
_AFTER_LIST = re.compile(r"\b(?:highest|largest|biggest|greatest|most)\s+(?:[\w-]+\s+){0,4}?"
                         r"(?:after|behind)\s+(?:only\s+)?(?:the\s+)?", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_IN_THAT_ORDER = re.compile(r"\b(?:in\s+that\s+order|in\s+descending\s+order|in\s+order)\b",
                            re.IGNORECASE)
_ORDER_WORDS = ("first", "highest", "largest", "most", "followed", "rank", "one in", "worst",
                "greatest", "biggest", "second", "third", "fourth", "fifth", "top", "head",
                "lead", "place")
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
                     r"(million|thousand|m\b|k\b|mn\b)?", IC)
_PERCENT_AFTER = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", IC)
_SHARE_OF_TOTAL = re.compile(r"^\s*(?:%|per\s*cent|percent)\s+of\s+(?:the\s+)?(?:world['\u2019]?s?|"
                             r"global|total|all|those|victims|people\s+in\s+modern\s+slavery\s+"
                             r"worldwide|the\s+estimated)", IC)
_NOT_PEOPLE_AFTER = re.compile(r"\s*(?:countries|nations|per\b|in\s+every|out\s+of|years?\b|"
                               r"editions?|reports?|dollars|usd|\$|percent|%|times|places|"
                               r"positions|points|places)", IC)
# The largest national estimate in any edition is under 20 million (India): a bigger figure is
# a world or regional total.
_COUNTRY_MAX = 25e6


def _figures(s: str, rates_in_focus: bool = False) -> list[tuple[int, int, str, dict[str, Any]]]:
    """(start, end, kind, params) of each GSI figure in S: prevalence per 1,000, as a share of
    the population or "1 in N"; numbers of people."""
    out: list[tuple[int, int, str, dict[str, Any]]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    def world(a: int, b: int) -> bool:
        return bool(_WORLD_AFTER.match(s[b:b + 60]) or _WORLD_BEFORE.search(s[max(0, a - 30):a])
                    or _OF_WORLD.search(s[max(0, a - 25):a]))

    low = s.lower()
    per_sentence = "per" in low or "every" in low or "in 1,000" in low
    for m in (P.PER_1000.finditer(s) if per_sentence else ()):
        v, half = parse_amount(m.group(1), None)
        taken.append((m.start(), m.end()))
        if not world(m.start(), m.end()):
            out.append((m.start(), m.end(), "gsi_prevalence",
                        {"value": v, "tolerance": half,
                         "qualifier": qualifier(s, m.start(), m.end()), "phrase": m.group(0)}))
    for m in (_ONE_IN.finditer(s) if " in " in low or "out of" in low else ()):
        token = m.group(2).lower()
        n = _ONE_IN_WORDS.get(token) or (int(token) if token.isdigit() else None)
        if not n or not free(m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        if not world(m.start(), m.end()):
            q = qualifier(m.group("q") or "", len(m.group("q") or "")) if m.group("q") else "about"
            out.append((m.start(), m.end(), "gsi_prevalence",
                        {"value": 1000 / n, "tolerance": 1000 / n * 0.15, "qualifier": q,
                         "phrase": m.group(0)}))
    rate_sentence = bool(out) or bool(_RATE_WORDS.search(s))
    # "Saudi Arabia (23.1), Turkiye (15.6) ... complete the top ten" after a sentence of rates
    bracket_rates = rate_sentence or rates_in_focus
    for m in _NUMBER.finditer(s):
        a, b = m.start(1), m.end()
        if not free(a, b):
            continue
        num, unit = m.group(1), m.group(2)
        if re.match(r"\s*[-\u2013]\s*\d", s[m.end(1):m.end(1) + 4]) or \
                s[max(0, a - 1):a] in ("-", "/", "$", "\u00a3", "\u20ac"):
            continue  # a range, a date or money
        pct = _PERCENT_AFTER.match(s, m.end(1))
        if pct:
            if _SHARE_OF_TOTAL.match(s[m.end(1):m.end(1) + 60]) or world(a, pct.end()):
                continue  # a share of the world total: a top-k claim, not a country's rate
            if re.search(r"\b(?:account(?:s|ed)?\s+for|hold|holds|held|make\s+up|represent\w*)"
                         r"\s+(?:\w+\s+){0,2}$", s[max(0, a - 40):a], IC):
                continue
            v, half = parse_amount(num, None)
            taken.append((a, pct.end()))
            out.append((a, pct.end(), "gsi_prevalence",
                        {"value": v * 10, "tolerance": half * 10, "qualifier": qualifier(s, a),
                         "phrase": s[a:pct.end()], "converted": "percent x 10"}))
            continue
        v, half = parse_amount(num, unit)
        if not unit and "," not in num and (1900 <= v <= 2100 or v < 1000):
            # a year; or a small bare number, a rate when the sentence speaks of rates
            # ("Burundi third at 40")
            in_brackets = s[max(0, a - 1):a] == "(" and re.match(r"\s*[);]", s[b:b + 2])
            if v < 200 and in_brackets and bracket_rates:
                taken.append((a, b))
                out.append((a, b, "gsi_prevalence",
                            {"value": v, "tolerance": half, "qualifier": "exact",
                             "phrase": s[a:b]}))
                continue
            if v < 1000 and rate_sentence and not unit and re.search(
                    r"\b(?:at|of|with|is|was)\s+(?:about\s+|around\s+|nearly\s+)?$",
                    s[max(0, a - 20):a], IC) and not _NOT_PEOPLE_AFTER.match(s, b) and \
                    re.search(r"per\s+(?:1,000|1000|thousand)|per\s+capita|prevalence|rate", s,
                              IC):
                taken.append((a, b))
                out.append((a, b, "gsi_prevalence",
                            {"value": v, "tolerance": half, "qualifier": qualifier(s, a),
                             "phrase": s[a:b]}))
            continue
        if _NOT_PEOPLE_AFTER.match(s, b) or v < 1000 or v > _COUNTRY_MAX or world(a, b):
            continue
        if re.match(r"\s*(?:st|nd|rd|th)\b", s[m.end(1):m.end(1) + 3]):
            continue
        taken.append((a, b))
        out.append((a, b, "gsi_number", {"value": v, "tolerance": half,
                                         "qualifier": qualifier(s, a, b),
                                         "phrase": s[a:b].strip()}))
    return out


_ORD_RANK = re.compile(
    rf"\b(?:no\.\s*(\d{{1,3}})|number\s+(\d{{1,3}}|one|two|three)|(\d{{1,3}})(?:st|nd|rd|th)|"
    rf"({P.ORD}))\b(?:[\s-]+(?:place|spot|position|highest|largest|worst|most|biggest|"
    rf"greatest|lowest))?", IC)
_NOT_RANK_AFTER = re.compile(r"[\s-]*(?:year|time|consecutive|straight|successive|edition|"
                             r"running|report|quarter|half|round|world|largest\s+economy|"
                             r"tier|lady|century|anniversary)", IC)
_TOP = re.compile(r"\b(?:tops|topped|topping|leads?|led|leading|heads?|headed|at\s+the\s+"
                  r"(?:top|head)\s+of|top\s+of\s+(?:the|its)\s+(?:list|ranking|index|table)|"
                  r"(?:the\s+)?(?:highest|largest|greatest|biggest|worst|most)\b)", IC)


_RANK_BEFORE = re.compile(r"(?:\b(?:rank(?:s|ed|ing)?|is|was|are|were|came|comes|come|placed|places|"
                          r"sits|sat|stands?|stood|finished|at|in|climbed\s+to|rose\s+to|fell\s+to|"
                          r"dropped\s+to|moved\s+to|to|no\.?|number|put\s+\w+|puts\s+\w+|"
                          r"places\s+\w+|ranks\s+\w+)|[A-Za-z)],?|,)\s+(?:the\s+)?$", IC)
_RANK_AFTER = re.compile(r"\s*(?:$|[,.;:)\u2014\u2013-]|\s(?:place|spot|position|in\s+the\s+"
                         r"(?:world|index|ranking|table|list|\d{4})|on\s+\w+|of\s+\d+|"
                         r"out\s+of|among|with|at|by|for\s+prevalence|overall|globally|"
                         r"worldwide|and\b|highest|largest|worst|most|biggest|greatest|lowest|number|rate|"
                         r"prevalence|share|total|proportion|concentration|figure|estimate|count|"
                         r"population|for|behind|after))",
                         IC)


def _measure_stated(s: str, pos: int) -> bool:
    """The sentence says by which measure it ranks ("by number", "the highest rate")."""
    near = s[max(0, pos - 60):pos + 60]
    return bool(_NUMBER_RANK.search(near) or _RATE_WORDS.search(near)
                or P.PREVALENCE_WORDS.search(near))


def _rank_by(s: str, pos: int, kinds_here: set[str]) -> str:
    """By number or by prevalence: the words near POS, else the figures of the sentence; the
    index's own ranking is by prevalence."""
    near = s[max(0, pos - 60):pos + 60]
    if _NUMBER_RANK.search(near):
        return "number"
    if _RATE_WORDS.search(near) or P.PREVALENCE_WORDS.search(near):
        return "prevalence"
    if "gsi_number" in kinds_here and "gsi_prevalence" not in kinds_here:
        return "number"
    return "prevalence"


def _ranks(s: str, kinds_here: set[str]) -> list[tuple[int, int, int, str]]:
    """(start, end, rank, by) of each rank phrase: "ranks 132nd", "Haiti second", "No. 2",
    "in fifth place", "tops the index", "the highest rate"."""
    out = []
    for m in _ORD_RANK.finditer(s):
        token = next(g for g in m.groups() if g)
        n = P.number(token)
        if not n or n > 200 or _NOT_RANK_AFTER.match(s, m.end()):
            continue
        before = s[max(0, m.start() - 30):m.start()]
        # A rank stands after a ranking verb, a name or a comma, and before the end of a
        # phrase ("its first comprehensive bill" is no rank).
        if not (_RANK_BEFORE.search(before) or m.group(0).lower().endswith(
                ("place", "spot", "position", "highest", "largest", "worst", "most", "biggest",
                 "greatest", "lowest"))):
            continue
        if not _RANK_AFTER.match(s, m.end()):
            continue
        if re.search(r"\b(?:for|the|a)\s+$", before, IC) and not re.search(
                r"\b(?:place|spot|highest|largest|worst|most)\b", m.group(0), IC):
            if not re.search(r"\b(?:is|was|ranks?|ranked|in|at)\s+the\s+$", before, IC):
                continue  # "for the second year", "the third report"
        out.append((m.start(), m.end(), n, _rank_by(s, m.start(), kinds_here)))
    # "the highest of the 167 countries" may stand beside ordinal ranks of other countries
    for m in _TOP.finditer(s):
        word = m.group(0).lower()
        if _LIST_RANKED.search(s, max(0, m.start() - 40), m.end() + 40) or re.search(
                rf"\bamong\s+(?:the\s+)?(?:{P.NUM}|top)\s+(?:\w+\s+){{0,3}}$",
                s[max(0, m.start() - 50):m.start()], IC):
            continue  # a ranked list or a top-k group, not a first place
        if re.search(rf"\b(?:{P.NUM}|the|all)\s+(?:\w+\s+){{0,2}}(?:at|in)\s+(?:the\s+)?$",
                     s[max(0, m.start() - 40):m.start()], IC):
            continue  # "all three countries at the top": a group, not a first place
        if re.search(rf"\b(?:{P.ORD}|\d+(?:st|nd|rd|th))[\s-]+$", s[max(0, m.start() - 20):m.start()],
                     IC):
            continue  # "the third highest": an ordinal rank, read above
        last = m.end() - len(m.group(0).split()[-1])
        if word.startswith(("the ", "highest", "largest", "greatest", "biggest", "worst",
                            "most")) and not (_NUMBER_RANK.match(s, m.start()) or
                                              _SUPERLATIVE_RANK.match(s, m.start()) or
                                              _SUPERLATIVE_RANK.match(s, last) or
                                              re.match(r"\s+of\s+(?:the|all|any)\b", s[m.end():])):
            continue
        out.append((m.start(), m.end(), 1, _rank_by(s, m.start(), kinds_here)))
        break
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
