"""Claims spread over sentences: what is in focus carries forward.

- Countries named without a tier ("Malaysia, Thailand and Venezuela were singled out.") wait for
  the next sentence that names a tier and points back to them ("... relegated the three countries
  to the lowest tier").
- A tier or list named without countries ("23 countries were placed on Tier 3.", a heading
  "Tier 3:") is in focus for the sentences after it that add countries to it: "Other countries
  in this category include ...", "The list also includes ...", bullet items under a heading.
- A report year named once ("The 2014 report ...") holds for later sentences that name none.

Each claim made this way says which earlier sentence supplied what (`resolution`), and is read
with less confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as P
from .extract import (
    BACK_TO_TIER,
    Claim,
    Reading,
    TierPhrase,
    YearPick,
    count_claims,
    pick_year,
    streak_in,
    tier_claims_for,
)
from .gazetteer import Mention
from .subjects import Clause, Subject, clauses
from .years import year_refs

FOCUS_SENTENCES = 3  # how many sentences a tier without countries stays in focus
PENDING_SENTENCES = 1  # ... and countries without a tier
# How sure a reading across sentences is: "the three countries" may not be the three just named
# (below verify.CONTRADICT_MIN: such a claim is never called contradicted); a list continued
# ("The list also includes ...") or a bulleted item under its heading is a firmer reading.
ANAPHORA_WEIGHT = 0.7
LIST_WEIGHT = 0.85


@dataclass
class _Held:
    sentence_start: int
    sentence_end: int
    text: str
    age: int = 0


@dataclass
class _Tiers(_Held):
    tiers: list[TierPhrase] = field(default_factory=list)
    year: YearPick | None = None
    heading: bool = False  # ends with ':' (a list follows)


@dataclass
class _Subjects(_Held):
    subjects: list[Subject] = field(default_factory=list)
    year: YearPick | None = None


def _number_in(anaphor: str) -> int | None:
    for w in anaphor.lower().split():
        n = P.number(w)
        if n:
            return n
    return None


class Discourse:
    def __init__(self) -> None:
        self.tiers: _Tiers | None = None
        self.subjects: _Subjects | None = None
        self.report_year: YearPick | None = None  # the last report year named explicitly
        self.bullets = False  # the previous sentence was a list item under the focus
        # (subject, sentence start, end, text) of countries named in recent claims
        self.recent: list[tuple[Subject, int, int, str]] = []
        self.recent_age = 0
        self.last_list: TierPhrase | None = None  # the list last named (for "the list")
        self.last_list_at = (0, 0)  # ... and the sentence that named it

    def step(self, s: str, offset: int, reading: Reading, bullet: bool = False) -> list[Claim]:
        """Claims of this sentence that need the sentences before it (BULLET: it is a list
        item)."""
        out: list[Claim] = []
        year = reading.year
        if not reading.tiers and self.last_list is not None:
            m = P.BARE_LIST.search(s)
            if m:
                # "The first list names twelve governments:", "joins them on the list"
                ref = self.last_list._replace(start=m.start(), end=m.end(), role="",
                                              indirect=True)
                reading = reading._replace(tiers=[ref], orphan_tiers=[ref])
                out += count_claims(s, offset, [ref], year_refs(s), clauses(s))
                if reading.orphan_subjects:
                    res = {"tier": {"from": "the list named in an earlier sentence",
                                    "start": self.last_list_at[0], "end": self.last_list_at[1],
                                    "phrase": m.group(0)}}
                    cl = next((c for c in clauses(s) if c.start <= m.start() < c.end),
                              Clause(0, len(s), False))
                    pick = pick_year(s, year_refs(s), cl, m.start())
                    if pick.year is None and not pick.offset and not pick.basis:
                        pick = year or pick
                    out += tier_claims_for(s, offset, reading.orphan_subjects, ref, pick, None,
                                           LIST_WEIGHT, res)
                    reading = reading._replace(orphan_subjects=[], claims=out)
        if reading.orphan_tiers and not [c for c in reading.claims if c.countries]:
            ana = P.ANAPHOR.search(s) or P.SINGULAR.match(s)
            found = self._antecedents(ana.group(0)) if ana else None
            if found is not None:
                subj, held = found
                tier = next((t for t in reading.orphan_tiers if t.role != "from"),
                            reading.orphan_tiers[-1])
                frm = next((t for t in reading.orphan_tiers if t.role == "from"), None)
                # This sentence's own year words ("the previous year") come first.
                pick = pick_year(s, year_refs(s), Clause(0, len(s), False), tier.start)
                if pick.year is None and not pick.offset and not pick.basis:
                    pick = year or getattr(held, "year", None) or pick
                res = {"countries": {"from": "an earlier sentence",
                                     "start": held.sentence_start, "end": held.sentence_end,
                                     "phrase": ana.group(0)}}
                out += tier_claims_for(s, offset, subj, tier, pick, None, ANAPHORA_WEIGHT,
                                       res, frm)
                self.subjects = None
        placed = [c for c in (*reading.claims, *out) if c.countries]
        if reading.orphan_tiers and not placed:
            # A heading: ends with a colon, or is a short line without a full stop
            # ("THE 2007 TIER 3 LIST") before a list.
            # A question ("Who is on the bottom tier?") is answered by the sentences after it.
            heading = s.rstrip().endswith((":", "?")) or (
                len(s) < 90 and not re.search(r"[.!?]['\")\u201d]*\s*$", s))
            self.tiers = _Tiers(offset, offset + len(s), s, 0, reading.orphan_tiers, year,
                                heading)
        elif reading.tiers and (reading.claims or out):
            # "... include North Korea and Iran. The list also includes Russia."
            used = [t for t in reading.tiers if t.role in ("", "to")]
            if used:
                self.tiers = _Tiers(offset, offset + len(s), s, 0, used[-1:], year, False)
        elif not reading.tiers and self.tiers is not None and self.tiers.age < FOCUS_SENTENCES \
                and not placed and P.COUNT.match(s.lstrip()):
            # "Who is on the bottom tier? Ten countries, down from fifteen in 2003."
            ref = self.tiers.tiers[-1]
            lead = len(s) - len(s.lstrip())
            m = P.COUNT.match(s, lead)
            ref = ref._replace(start=m.end(), end=m.end(), role="")
            out += count_claims(s, offset, [ref], year_refs(s), clauses(s))
        if reading.orphan_subjects and not placed and not out:
            held = self.tiers
            back = BACK_TO_TIER.search(s)
            if held and not P.GSI_HERE.search(s) and (
                    (held.age < FOCUS_SENTENCES and (P.LIST_CUE.search(s) or back))
                    or (bullet and (held.heading or self.bullets))
                    or (held.heading and held.age == 0)):
                tier = next((t for t in held.tiers if t.role in ("", "to")), None)
                if tier is not None:
                    subj = reading.orphan_subjects
                    if bullet:
                        subj = subj[:1]  # a list item is about its first name
                    pick = year or held.year or YearPick(None, 0, "", 1.0)
                    res = {"tier": {"from": "an earlier sentence", "start": held.sentence_start,
                                    "end": held.sentence_end,
                                    "phrase": held.text[tier.start:tier.end]}}
                    # a firm cue ("the list also includes", bullets under a heading) or a
                    # loose one ("like", "also")
                    firm = bullet or held.heading or bool(P.LIST_CUE_FIRM.search(s))
                    streak = streak_in(s) if back else None
                    out += tier_claims_for(s, offset, subj, tier, pick, streak,
                                           LIST_WEIGHT if firm else ANAPHORA_WEIGHT, res)
                    held.age = 0
                    self.bullets = bullet or held.heading
            else:
                self.subjects = _Subjects(offset, offset + len(s), s, 0,
                                          reading.orphan_subjects, year)
        if year is not None:
            self.report_year = year
        lists = [t for t in reading.tiers if t.code == "state" or "list" in s[t.start:t.end].lower()]
        if lists:
            self.last_list = lists[-1]
            self.last_list_at = (offset, offset + len(s))
        named = [c for c in (*reading.claims, *out) if c.kind in ("tier", "streak",
                                                                  "state_sponsored")]
        if named:
            subj = [Subject(Mention(0, 0, iso, iso), 1.0)
                    for iso in dict.fromkeys(i for c in named for i in c.countries)]
            new = {y.mention.iso3 for y in subj}
            self.recent = [x for x in self.recent[-40:] if x[0].mention.iso3 not in new] + [
                (x, offset, offset + len(s), s) for x in subj]
            self.recent_age = 0
        return out

    def _antecedents(self, anaphor: str) -> tuple[list[Subject], _Held] | None:
        """The countries "the three countries", "they" or "all four" point back to: those named
        without a tier just before, else the last ones named in claims."""
        n = _number_in(anaphor)
        if n is None and anaphor.lower().startswith("both"):
            n = 2
        if P.SINGULAR.match(anaphor):
            # "It has been rated Tier 3 for three years": the one country of the last claim
            last = self.recent[-1] if self.recent and self.recent_age <= 1 else None
            one = {x[0].mention.iso3 for x in self.recent if x[1] == last[1]} if last else set()
            return ([last[0]], _Held(last[1], last[2], last[3])) if len(one) == 1 else None
        held = self.subjects
        if held and held.age < PENDING_SENTENCES + 1:
            if n is None or n == len({x.mention.iso3 for x in held.subjects}):
                return held.subjects, held
        if self.recent and self.recent_age <= 1 and n is not None and n <= len(self.recent):
            pool = [x[0] for x in self.recent[-n:]]
            if held and held.age < PENDING_SENTENCES + 1:
                pool = [x[0] for x in self.recent if x[0].mention.iso3 not in
                        {y.mention.iso3 for y in held.subjects}][-(n - len(held.subjects)):] \
                    + held.subjects if n > len(held.subjects) else pool
            last = self.recent[-1]
            return pool, _Held(last[1], last[2], last[3])
        return None

    def tick(self) -> None:
        """A sentence has passed."""
        self.recent_age += 1
        for held in (self.tiers, self.subjects):
            if held is not None:
                held.age += 1

    def paragraph(self) -> None:
        """A paragraph ended: countries waiting for a tier are forgotten; list focus stays
        only under a heading."""
        self.subjects = None
        self.recent = []
        if self.tiers is not None and not self.tiers.heading and not self.bullets:
            self.tiers = None


_ITEM_PREFIX = re.compile(r"(?:^|\n)[ \t]*(?:[-*\u2022\u00b7\u25aa\u2013]|\d{1,2}[.)])?[ \t]*$")


def is_item(text: str, start: int) -> bool:
    """The sentence at START is a list item: a bullet or number opens its line."""
    if P.BULLET.match(text, start):
        return True
    lo = max(0, start - 12)  # a list marker is short: look no further back (keeps this O(1))
    line = text.rfind("\n", lo, start)
    if line < 0 and lo > 0:
        return False
    prefix = text[line + 1:start]
    return bool(prefix.strip()) and bool(_ITEM_PREFIX.fullmatch("\n" + prefix))
