"""Which country mentions a claim is about, and how a sentence divides into clauses.

A country named as the issuer ("the U.S. State Department", "American aid"), as a place ("workers
trafficked to Malaysia", "migrants from Nepal, Bangladesh and India") or as a demonym is not the
subject of a placement; the United States is a subject only when its own placement is meant.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .gazetteer import Mention, fold, spellings

IC = re.IGNORECASE
# The issuer and its organs: "the U.S. State Department", "American aid", "Washington said".
_ISSUER_AFTER = re.compile(
    r"\s*(?:['\u2019]s\s+)?(?:state\s+department|department|government|congress|embassy|"
    r"embassies|aid|assistance|officials?|standards?|law|laws|sanctions|administration|president|"
    r"secretary|report|diplomats?|authorities|ambassador|tip\s+office|trafficking\s+office|"
    r"funding|funds|money|ranking|rankings|list|lawmakers|senators?|senate|house|trade|"
    r"military|market|markets|companies|firms|consumers|importers|customs|border|legislation|"
    r"criteria|rules|minimum|threshold|pressure|tiers?\b|annual|global|foreign)", IC)
# After a mention of the United States: its own placement ("rated itself Tier 1", "is on Tier 1",
# ", which gave itself the top ranking").
_US_OWN_AFTER = re.compile(r"\s*(?:,\s*which\s+|,\s*)?(?:itself\b|(?:\w+\s+){0,2}itself\b|"
                           r"(?:is|was|remains|remained|has\s+been|had\s+been|stays|stayed|"
                           r"again|also|retained|earned|received|got|holds|held|kept\s+its|"
                           r"was\s+(?:rated|ranked|placed|put|kept|given))\b)", IC)
_PLACE_BEFORE = re.compile(
    r"(?:\bto|\binto|\bfrom|\bvia|\bacross|\bthroughout|\btowards?|\bbetween|\bthrough|"
    r"\bwithin|\binside|\bout\s+of|\bborder\s+with|\bborders?|"
    r"\bcitizens\s+of|\bnationals\s+of|\bworkers\s+from|\bvictims\s+from|\bdestined\s+for|"
    r"\bbound\s+for|\bvisit(?:ed|ing)?|\bat\s+the\s+border\s+with)\s+(?:the\s+)?$", IC)
_GRADE_BEFORE = re.compile(r"\b(?:tier|grade|rating|ranking|mark|score|rung|category|watch\s*list|"
                           r"blacklist|designation)\b[^.;]{0,40}$", IC)
_IN_BEFORE = re.compile(r"\b(?:in|at|of)\s+(?:neighbou?ring\s+)?(?:the\s+)?$", IC)
_GOV_OF = re.compile(r"\b(?:government|governments|authorities|republic|kingdom|state|regime|"
                     r"leaders?|rulers?|junta)\s+of\s+(?:the\s+)?$", IC)
_COORD = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|&\s*|as\s+well\s+as\s+|"
                    r"plus\s+)(?:the\s+)?$", IC)
# A parenthetical figure between two names in a list: "India (18.4 million), China (3.9 million)".
_PAREN = re.compile(r"\s*\([^()]{0,60}\)")


def is_demonym(m: Mention) -> bool:
    """'Russian', 'Cubans': matched through the -n/-ns forms, not a name of the country."""
    t = fold(m.text)
    names = spellings()
    return t not in names and ((t.endswith("ns") and t[:-2] in names)
                               or (t.endswith("n") and t[:-1] in names))


def groups(s: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions joined by ', ', 'and', 'or' (parenthetical figures allowed between) as groups."""
    out: list[list[Mention]] = []
    for m in mentions:
        if out:
            prev = out[-1][-1]
            between = s[prev.end:m.start]
            p = _PAREN.match(between)
            if p:
                between = between[p.end():]
            if len(between) <= 30 and _COORD.match(between):
                out[-1].append(m)
                continue
        out.append([m])
    return out


class Subject(NamedTuple):
    mention: Mention
    weight: float  # 1.0 a plain subject; less where the reading is uncertain


def _about_us(s: str, m: Mention, mentions: list[Mention]) -> bool:
    """This mention of the United States is about its own placement: it is followed by "itself"
    or by a copula and a tier, with no other country named in between."""
    after = s[m.end:m.end + 60]
    if not _US_OWN_AFTER.match(after):
        return False
    nxt = min((x.start for x in mentions if x.start >= m.end), default=len(s))
    return "itself" in after.lower() or bool(re.search(
        r"\btier|\bwatch\s*list|\btop\s+(?:tier|rank|rating)|\bhighest\s+(?:tier|rank|rating)",
        s[m.end:nxt], IC))


def subjects(s: str, mentions: list[Mention]) -> list[Subject]:
    """The mentions in S a placement claim can be about, with how sure that reading is."""
    out: list[Subject] = []
    for group in groups(s, mentions):
        head = group[0]
        before = s[max(0, head.start - 40):head.start]
        place = bool(_PLACE_BEFORE.search(before)) and not _GOV_OF.search(before) and not (
            # "gave its lowest grade to Bolivia": the one the grade went to
            re.search(r"\bto\s+(?:the\s+)?$", before, IC) and _GRADE_BEFORE.search(
                s[max(0, head.start - 90):head.start]))
        weak = bool(_IN_BEFORE.search(before)) and not _GOV_OF.search(before)
        for m in group:
            if m.iso3 == "USA" and not _about_us(s, m, mentions):
                continue
            after = s[m.end:m.end + 40]
            if m.iso3 == "USA" and _ISSUER_AFTER.match(after):
                continue
            if is_demonym(m) and not re.match(r"\s+(?:government|authorities|regime|state)\b",
                                              after, IC):
                continue
            if place:
                continue
            w = 0.7 if weak else 1.0
            if re.match(r"['\u2019]s\b", after):
                w = min(w, 0.9)
            out.append(Subject(m, w))
    # A possessive modifier ("Vietnam's neighbour Cambodia") yields to a plain name.
    plain = [x for x in out if not re.match(r"['\u2019]s\b", s[x.mention.end:x.mention.end + 2])]
    return plain or out


# Clause breaks: the subject of a placement rarely reaches across these.
_CLAUSE = re.compile(r";|\s[\u2014\u2013]\s|\u2014|\s-\s|,?\s+(?:while|whereas|but|although|though|"
                     r"meanwhile|yet)\s+", IC)
# A relative or appositive aside after a name: ", which had been on Tier 3," / ", a Tier 3 country,".
_ASIDE = re.compile(r",\s+(?:which|who|where|itself|once|long|previously|formerly|now|a|an|"
                    r"last\s+year['\u2019]?s?|already|in|on|after|having|still|upgraded|"
                    r"downgraded|placed|ranked|rated|listed|both|all|also|each)\b[^,;]{0,120}?(?:,|$)",
                    IC)


class Clause(NamedTuple):
    start: int
    end: int
    aside: bool  # a relative or appositive aside: its subject is the name just before it


@lru_cache(maxsize=512)
def clauses(s: str) -> list[Clause]:
    cuts: list[tuple[int, int, bool]] = []
    pos = 0
    for m in _CLAUSE.finditer(s):
        cuts.append((pos, m.start(), False))
        pos = m.end()
    cuts.append((pos, len(s), False))
    out: list[Clause] = []
    for a, b, _ in cuts:
        p = a
        for m in _ASIDE.finditer(s, a, b):
            out.append(Clause(p, m.start(), False))
            out.append(Clause(m.start() + 1, m.end(), True))
            p = m.end()
        out.append(Clause(p, b, False))
    return [c for c in out if c.end > c.start]
