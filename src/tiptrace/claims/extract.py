"""Find checkable claims about TIP tiers, streaks, tier counts and the state-sponsored list in
one sentence, clause by clause; GSI claims are in gsi.py, claims spread over sentences in
discourse.py.

A claim records how it was read: which words gave its countries, its tier and its year
(`resolution`), and how sure that reading is (`confidence`). Verification accuses only claims
read with confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import patterns as P
from .gazetteer import Mention
from .subjects import Clause, Subject, clauses, subjects
from .subjects import groups as coordinated
from .years import YearRef, relative_year, year_refs

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
    confidence: float = 1.0
    resolution: dict[str, Any] = field(default_factory=dict)


class TierPhrase(NamedTuple):
    start: int
    end: int
    code: str  # 1 | 2 | 2WL | 3 | special | state (the state-sponsored list)
    role: str  # "" | to | from | removed | not | after
    indirect: bool
    after_years: int | None = None


_INDIRECT_CODE = {"first": "1", "second": "2", "third": "3", "middle": "2"}


def _indirect_code(m: re.Match) -> str:
    # "the second-worst category" is the Watch List: the report's four ranks read from the bottom
    if m.group("second_low"):
        return "2WL"
    if m.group("second_high"):
        return "2"
    if m.groupdict().get("at_low"):
        return "3"
    if m.groupdict().get("at_high"):
        return "1"
    if m.group("low"):
        return "3"
    if m.group("high"):
        return "1"
    if m.group("ord"):
        return _INDIRECT_CODE[m.group("ord").lower()]
    return "3"  # blacklist, worst offenders


def tier_phrases(s: str, tip: bool, indirect_ok: bool | None = None) -> list[TierPhrase]:
    """Each tier phrase in S with its code; indirect ones ("the blacklist") only when TIP and
    INDIRECT_OK (default: TIP)."""
    low = s.lower()
    if not any(w in low for w in ("tier", "watch", "special", "black", "worst", "lowest",
                                  "bottom", "top", "highest", "best", "rung", "rank", "categor",
                                  "rating", "grade", "sponsor", "policy or pattern", "complicit", "traffic",
                                  "state-", "state ")):
        return []
    spans: list[tuple[int, int, str, bool]] = []
    exclude_watch = bool(P.SPECIAL_WATCH.search(s))

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y, _, _ in spans)

    for m in P.TIER_WATCH.finditer(s):
        direct = "tier" in m.group(0).lower()
        if not direct and (not tip or exclude_watch):
            continue
        spans.append((m.start(), m.end(), "2WL", not direct))
    for m in P.TIER_NUM.finditer(s):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), P.TIER_WORDS[m.group(1).lower()], False))
    for m in P.SPECIAL.finditer(s):
        if free(m.start(), m.end()) and tip:
            spans.append((m.start(), m.end(), "special", False))
    if (tip if indirect_ok is None else indirect_ok) and not P.GSI_HERE.search(s):
        for m in P.TIER_INDIRECT.finditer(s):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end(), _indirect_code(m), True))
    for rx in (P.STATE, P.STATE_MORE):
        for m in rx.finditer(s):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end(), "state", False))
    spans.sort()
    out: list[TierPhrase] = []
    for i, (a, b, code, indirect) in enumerate(spans):
        before = s[max(0, a - 70):a]
        if code == "state":
            # "left off the list of governments with a policy or pattern": the list's name
            before = _LIST_OF.sub("", before)
        low_before = before.lower()
        # (each role pattern is tried only where one of its words is: they scan backwards)
        if _HYPO_WORDS.search(low_before[-45:]) and P.HYPOTHETICAL.search(before[-45:]):
            continue  # a placement that did not happen
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        role, n = "", None
        if "from" in low_before[-12:] and P.ROLE_FROM.search(before) and ((nxt and re.match(
                r"\s*(?:to|into|onto|and\s+(?:on|in)to)\s+(?:the\s+)?$", s[b:nxt[0]], P.IC))
                or (out and out[-1].role == "to" and a - out[-1].end < 30)):
            role = "from"  # "from Tier 3 to the watch list"; "demoted to Tier 3 from the watch list"
        elif _REMOVED_WORDS.search(low_before) and (rm := P.ROLE_REMOVED.search(before)) is not None:
            # "was not removed from Tier 3" keeps it there
            role = "" if P.NEGATION_WORD.search(before[max(0, rm.start() - 25):rm.start() + 1]) \
                else "removed"
        elif _NOT_WORDS.search(low_before) and P.ROLE_NOT.search(before):
            role = "not"
        elif "after" in low_before and (after := P.AFTER_YEARS.search(before)) is not None:
            token = after.group(1).lower().strip()
            # "after a year on the watch list": the tier of the report before; "after nine
            # years": a streak that ended there
            role, n = "after", (1 if token in ("a", "one") or "single" in token or "lone" in token
                                else P.number(token))
        elif P.ROLE_TO.search(before):
            role = "to"
        if code == "state" and role in ("from", "to"):
            role = ""
        if out and role in ("", "to") and out[-1].role in ("not", "removed") and re.match(
                r"^\s*(?:,\s*)?(?:and|or|nor)\s+(?:the\s+|its\s+)?$", s[out[-1].end:a], P.IC):
            role = out[-1].role  # "escaped both the watch list and the bottom tier"
        out.append(TierPhrase(a, b, code, role, indirect, n))
    # "Tier 3, the lowest tier": an aside that names the same tier again is one phrase.
    return [t for i, t in enumerate(out)
            if not (i and t.indirect and out[i - 1].code == t.code
                    and re.match(r"^[\s,(]*(?:the|its|a)?\s*$", s[out[i - 1].end:t.start]))]


def streaks_in(s: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int, str]]:
    """(position, length, phrase) of each streak phrase between LO and HI; a "since 2013"
    streak has length -2013 (its start year)."""
    hi = len(s) if hi is None else hi
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(s, lo, hi):
        # "on the watch list from 2010 to 2013": a run of that many reports ending then
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a < 30:
            taken.append((m.start(), m.end()))
            found.append((m.start(), b - a + 1, m.group(0)))
    part = s[lo:hi].lower()
    if not any(w in part for w in _STREAK_WORDS):
        return found
    for rx in (P.STREAK_ORD, P.STREAK_ORD_ROW, P.STREAK_NUM_ROW, P.STREAK_FOR, P.STREAK_MORE,
               P.STREAK_SINCE):
        for m in rx.finditer(s, lo, hi):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if rx is P.STREAK_SINCE:
                n = -int(m.group(1))
            else:
                token = next((g for g in m.groups() if g), None)
                n = P.number(token) if token else None
                if not n or n >= 30:
                    continue
            if n == 1 or P.MOVE.search(s, max(lo, m.start() - 25), m.start()):
                continue  # "for the first time"; "upgraded for the second year in a row"
            if re.search(r"\bafter\s+(?:a\s+|an\s+)?$", s[max(lo, m.start() - 8):m.start()], P.IC):
                continue  # "after two straight years on the watch list": the tier it left
            taken.append((m.start(), m.end()))
            found.append((m.start(), n, m.group(0)))
    return sorted(found)


_RANGE = re.compile(r"\b(?:from|between)\s+((?:19|20)\d\d)\s*(?:to|until|till|through|and|-|\u2013)\s*"
                    r"((?:19|20)\d\d)\b", re.IGNORECASE)
_STREAK_WORDS = ("consecutive", "straight", "row", "running", "since", "successive", "years",
                 "reports", "year", "time")


def streak_in(s: str, lo: int = 0, hi: int | None = None) -> tuple[int, str] | None:
    """(length, phrase) or (-start_year, phrase) of the first streak phrase between LO and HI."""
    found = streaks_in(s, lo, hi)
    return (found[0][1], found[0][2]) if found else None


class YearPick(NamedTuple):
    year: int | None
    offset: int  # -1: the report before the one named (or current)
    basis: str
    weight: float


def pick_year(s: str, refs: list[YearRef], clause: Clause, pos: int) -> YearPick:
    """The report year a claim at POS in CLAUSE refers to, from the sentence's own words."""
    def near(cands: list[YearRef]) -> YearRef | None:
        return min(cands, key=lambda r: abs(r.start - pos), default=None)

    inside = [r for r in refs if clause.start <= r.start < clause.end]
    several = len({x.year for x in inside if x.role in ("report", "time")}) > 1
    for role, basis in (("report", "report year named in the sentence"),
                        ("time", "year named in the sentence")):
        r = near([x for x in inside if x.role == role])
        if r is not None:
            return YearPick(r.year, 0, basis, 0.85 if several else 1.0)
    rel = relative_year(s, clause.start, clause.end)
    if rel is not None:
        return YearPick(None, rel, "last year" if rel else "this year's report", 0.95)
    for role, basis in (("report", "report year named in the sentence"),
                        ("time", "year named elsewhere in the sentence")):
        r = near([x for x in refs if x.role == role])
        if r is not None:
            return YearPick(r.year, 0, basis, 0.9)
    if _PAST_VAGUE.search(s, clause.start, clause.end):
        # "once on the blacklist", "has long been on the watch list": which report is unsaid
        return YearPick(None, 0, "an unstated earlier report ('once', 'formerly')", 0.6)
    if _PAST_PERFECT.search(s, clause.start, clause.end):
        # "South Korea had held Tier 1 every year since 2002" in a report on the new report
        return YearPick(None, -1, "the report before the current one ('had ...')", 0.85)
    return YearPick(None, 0, "", 1.0)


_HYPO_WORDS = re.compile(r"risk|could|would|might|may|threat|warn|fac|possib|potential|if|unless|"
                         r"should|avoid|fear|prospect|any|can|must|requir")
_REMOVED_WORDS = re.compile(r"off|out of|from|no longer|left|exit|escap|quit")
_NOT_WORDS = re.compile(r"not|never|n't|n\u2019t|avoid|escap|spared|avert|dodg|off|out of|instead|"
                        r"rather|short of|without|missed")
_LIST_OF = re.compile(r"(?:the\s+)?(?:u\.?s\.?\s+|state\s+department['\u2019]s\s+)?list\s+of\s+"
                      r"(?:[\w'\u2019-]+\s+){0,4}$|(?:a|the)\s+(?:documented\s+)?$", re.IGNORECASE)
BACK_TO_TIER = re.compile(r"\b(?:there|(?:that|this)\s+(?:tier|list|category|rung|group|level|"
                           r"ranking|grade)|the\s+same\s+(?:tier|list|category|rung|group|ranking|"
                           r"rating|level|grade))\b", re.IGNORECASE)
_TOO = re.compile(r"\b(?:too|as\s+well|also|likewise)\b", re.IGNORECASE)
_PAST_VAGUE = re.compile(r"\b(?:once|formerly|previously|used\s+to|in\s+the\s+past|in\s+earlier\s+"
                         r"years|at\s+one\s+point|historically|years\s+ago|a\s+decade\s+ago|"
                         r"in\s+(?:the\s+)?(?:early|late|mid)[\s-]*(?:years|2000s|2010s))\b",
                         re.IGNORECASE)
_PAST_PERFECT = re.compile(r"\bhad\s+(?:already\s+|long\s+|previously\s+)?(?:been|held|spent|"
                           r"stayed|remained|sat|languished|kept|occupied|ranked|rated|hovered|"
                           r"used)\b",
                           re.IGNORECASE)


class Reading(NamedTuple):
    """What a sentence says, for the discourse: claims, subjects without a tier, tiers without
    subjects."""
    claims: list[Claim]
    orphan_subjects: list[Subject]  # countries named with no tier or list of their own
    orphan_tiers: list[TierPhrase]  # tiers or lists named with no country of their own
    year: YearPick | None  # the sentence's explicit report year, if any
    tiers: list[TierPhrase] = []  # every tier or list named (what "the list" may point back to)


def _claim(kind: str, s: str, offset: int, countries: list[str], params: dict, pick: YearPick,
           weight: float, resolution: dict) -> Claim:
    c = Claim(kind, offset, offset + len(s), s, countries, params, pick.year)
    if pick.offset:
        c.params["year_offset"] = pick.offset
    c.year_basis = pick.basis
    c.confidence = round(weight * pick.weight, 3)
    c.resolution = resolution
    return c


def tier_claims_for(s: str, offset: int, subj: list[Subject], tier: TierPhrase,
                    pick: YearPick, streak: tuple[int, str] | None, weight: float,
                    resolution: dict, transition_from: TierPhrase | None = None) -> list[Claim]:
    """The claims that SUBJ stand in TIER, each with the country's name as written."""
    out = _tier_claims(s, offset, subj, tier, pick, streak, weight, resolution, transition_from)
    written = {x.mention.iso3: x.mention.text for x in subj}
    for c in out:
        if c.countries and c.countries[0] in written:
            c.params["as_written"] = written[c.countries[0]]
    return out


def _tier_claims(s: str, offset: int, subj: list[Subject], tier: TierPhrase,
                 pick: YearPick, streak: tuple[int, str] | None, weight: float,
                 resolution: dict, transition_from: TierPhrase | None = None) -> list[Claim]:
    """The claims that SUBJ stand in TIER (read with its role), in the year PICK."""
    out: list[Claim] = []
    isos = list(dict.fromkeys(x.mention.iso3 for x in subj))
    w = weight * min((x.weight for x in subj), default=1.0) * (0.9 if tier.indirect else 1.0)
    phrase = s[tier.start:tier.end]
    res = {"tier": {"phrase": phrase, "start": offset + tier.start, "end": offset + tier.end},
           **resolution}  # a tier carried from an earlier sentence says so
    prev = YearPick(pick.year - 1 if pick.year else None, pick.offset - (0 if pick.year else 1),
                    (f"the report before {pick.year}" if pick.year else
                     "the report before the current one") + " (a move from that tier)",
                    pick.weight)
    if tier.code == "state":
        listed = tier.role not in ("not", "removed")
        for iso in isos:
            if tier.role == "removed":
                out.append(_claim("state_sponsored", s, offset, [iso],
                                  {"listed": True, "phrase": phrase}, prev, w, res))
            else:
                out.append(_claim("state_sponsored", s, offset, [iso],
                                  {"listed": listed, "phrase": phrase}, pick, w, res))
        return out
    for iso in isos:
        if tier.role == "after":
            if tier.after_years and tier.after_years > 1:
                out.append(_claim("streak", s, offset, [iso],
                                  {"tier": tier.code, "length": tier.after_years,
                                   "phrase": phrase, "streak_phrase": phrase}, prev, w * 0.9,
                                  res))
            else:  # "after a year on the watch list", "after several years at Tier 2"
                out.append(_claim("tier", s, offset, [iso], {"tier": tier.code,
                                                             "phrase": phrase}, prev, w, res))
            continue
        if tier.role == "not":
            out.append(_claim("tier", s, offset, [iso], {"tier": tier.code, "phrase": phrase,
                                                         "negated": True}, pick, w, res))
            continue
        if tier.role == "removed":
            # "removed from Tier 3" states where it was; where it went is said, if at all,
            # by another phrase
            out.append(_claim("tier", s, offset, [iso], {"tier": tier.code, "phrase": phrase},
                              prev, w, res))
            continue
        params: dict[str, Any] = {"tier": tier.code, "phrase": phrase}
        kind = "tier"
        if streak:
            kind = "streak"
            n, sp = streak
            params.update({"length": n} if n > 0 else {"since": -n})
            params["streak_phrase"] = sp
        out.append(_claim(kind, s, offset, [iso], params, pick, w, res))
        if transition_from is not None:
            out.append(_claim("tier", s, offset, [iso],
                              {"tier": transition_from.code,
                               "phrase": s[transition_from.start:transition_from.end]},
                              prev, w, res))
    return out


def read_sentence(s: str, offset: int, mentions: list[Mention], tip: bool,
                  gsi_doc: bool = False) -> Reading:
    """Tier, streak, list and count claims of one sentence, clause by clause. In a text that
    also speaks of the slavery index, "the bottom of the table" is a tier only in a sentence
    about the TIP Report."""
    tiers = tier_phrases(s, tip, tip and (not gsi_doc or bool(P.TIP_CONTEXT.search(s))))
    refs = year_refs(s)
    explicit = [r for r in refs if r.role == "report"]
    year = YearPick(explicit[0].year, 0, "report year named in an earlier sentence", 0.9) \
        if explicit else None
    subj_all = subjects(s, mentions)
    claims: list[Claim] = []
    orphan_subjects: list[Subject] = []
    orphan_tiers: list[TierPhrase] = []
    clause_list = clauses(s)
    pending: list[Subject] = []  # subjects of an earlier clause still waiting for a tier
    last_subject: list[Subject] = []
    seen_tiers: list[TierPhrase] = []
    for cl in clause_list:
        subj = [x for x in subj_all if cl.start <= x.mention.start < cl.end]
        ts = [t for t in tiers if cl.start <= t.start < cl.end]
        if cl.aside:
            # ", which had been on Tier 3," speaks of the name just before it; when the rest
            # of the sentence moves that country ("..., was lifted to the watch list"), of
            # the report before.
            if ts:
                seen_tiers += ts
            if ts and last_subject and not subj and \
                    cl.start - last_subject[-1].mention.end <= 3:
                pick = pick_year(s, refs, cl, ts[0].start)
                rest = s[cl.end:]
                moved = [t for t in tiers if t.start >= cl.end and t.code != ts[0].code]
                if moved and P.MOVE.search(rest) and pick.year is None and not pick.offset:
                    pick = YearPick(None, -1, "the report before the move", pick.weight)
                claims += _assign(s, offset, last_subject, ts, pick, refs, cl, 0.85,
                                  {"countries": "the name before this aside"})
            continue
        if not ts and subj and seen_tiers and (BACK_TO_TIER.search(s, cl.start, cl.end) or
                                               _TOO.search(s, cl.start, cl.end)):
            # "..., were kept there again": the tier named earlier in the sentence
            ts = [seen_tiers[-1]._replace(role="")]
        elif not ts and pending and not subj and seen_tiers and \
                BACK_TO_TIER.search(s, cl.start, cl.end):
            subj, ts = pending, [seen_tiers[-1]._replace(role="")]
        if not ts:
            if subj:
                pending = subj
                last_subject = subj
            continue
        if not subj and pending:
            subj, w, how = pending, 0.9, "an earlier clause of the sentence"
        elif pending and all(x.mention.start > ts[0].start for x in subj) and re.search(
                r"\b(?:as\s+did|as\s+was|as\s+were|as\s+has|and\s+so\s+did|like|along\s+with|"
                r"together\s+with|alongside)\s+(?:the\s+)?$",
                s[max(cl.start, subj[0].mention.start - 25):subj[0].mention.start], P.IC):
            # "Afghanistan, rated Tier 2 last year, slipped onto the watch list, as did the
            # Maldives"
            subj, w, how = pending + subj, 1.0, "this clause and the one before"
        else:
            w, how = 1.0, "this clause"
        if not subj:
            orphan_tiers += ts
            continue
        pick = pick_year(s, refs, cl, ts[0].start)
        claims += _assign(s, offset, subj, ts, pick, refs, cl, w, {"countries": how})
        pending = []
        last_subject = subj
        seen_tiers += ts
    if pending and not any(c.kind in ("tier", "streak", "state_sponsored") for c in claims):
        orphan_subjects = pending
    elif not any(c for c in claims) and subj_all and not tiers:
        orphan_subjects = subj_all
    claims += count_claims(s, offset, tiers, refs, clause_list)
    return Reading(claims, orphan_subjects, orphan_tiers, year, tiers)


def _assign(s: str, offset: int, subj: list[Subject], ts: list[TierPhrase], pick: YearPick,
            refs: list[YearRef], cl: Clause, weight: float, how: dict) -> list[Claim]:
    """Pair the subjects of a clause with its tier phrases: each group goes with the first
    phrase after it, else the last before it; "from X to Y" is one move."""
    out: list[Claim] = []
    by_tier: dict[int, list[Subject]] = {}
    for x in subj:
        after = [i for i, t in enumerate(ts) if t.start >= x.mention.end]
        before = [i for i, t in enumerate(ts) if t.start < x.mention.end and t.role != "from"]
        i = after[0] if after else (before[-1] if before else len(ts) - 1)
        if ts[i].role == "from" and i + 1 < len(ts):
            i += 1
        by_tier.setdefault(i, []).append(x)
    streaks = streaks_in(s, cl.start, cl.end)
    starts = sorted(x.mention.start for g in by_tier.values() for x in g)
    if streaks:
        # each coordinated group its own streak phrase ("A remained for a second year, and B
        # stayed there for the fourth year running"; "A, B and C, on Tier 3 since 2013")
        split: dict[tuple[int, int], list[Subject]] = {}
        for i, g in by_tier.items():
            mentions = [x.mention for x in g]
            for k, grp in enumerate(coordinated(s, mentions)):
                isos = {m.start for m in grp}
                split[(i, k)] = [x for x in g if x.mention.start in isos]
        by_tier = split
        starts = sorted(v[0].mention.start for v in by_tier.values())
    else:
        by_tier = {(i, 0): g for i, g in by_tier.items()}
    for (i, _), group in sorted(by_tier.items()):
        t = ts[i]
        frm = ts[i - 1] if i and ts[i - 1].role == "from" else (
            ts[i + 1] if i + 1 < len(ts) and ts[i + 1].role == "from" else None)
        if frm is not None and frm.code == "state":
            frm = None
        # The streak phrase of this group: the first after its name and before the next
        # group's name, else the only one in the clause.
        first = group[0].mention.start
        nxt = min((x for x in starts if x > first), default=cl.end)
        mine = [x for x in streaks if first <= x[0] < nxt]
        st = (mine[0][1], mine[0][2]) if mine else (
            (streaks[0][1], streaks[0][2]) if streaks and first == starts[0]
            and streaks[0][0] < first else None)
        tpick = pick_year(s, refs, cl, t.start) if len(ts) > 1 else pick
        if st and t.code != "state" and t.role in ("", "to"):
            out += tier_claims_for(s, offset, group, t, tpick, st, weight,
                                   {**how, "streak": st[1]}, frm)
        else:
            out += tier_claims_for(s, offset, group, t, tpick, None, weight, how, frm)
    return out


def count_claims(s: str, offset: int, tiers: list[TierPhrase], refs: list[YearRef],
                 clause_list: list[Clause]) -> list[Claim]:
    """'23 countries were placed on Tier 3', 'thirteen governments on the state-sponsored list'."""
    out = []
    if not tiers:
        return out
    for m in P.COUNT.finditer(s):
        before = s[max(0, m.start() - 25):m.start()].lower()
        after = s[m.end():m.end() + 30].lower()
        tier_next = re.match(r"\s*(?:\w+\s+){0,3}?(?:tier|on\s+the\s+(?:black|watch)|in\s+the\s+"
                             r"(?:lowest|bottom))", after)
        if re.search(r"\b(?:of|among|across|in|assessed|ranks?|ranked|rates?|rated|covers?|"
                     r"covering|evaluat\w*|from)\s+(?:the\s+|all\s+)?$", before) and not re.search(
                r"\b(?:one|two|three|four|five|six|\d+)\s+of\s+(?:the\s+)?$", before) and not (
                tier_next and re.search(r"\b(?:among|of)\s+the\s+$", before)):
            continue  # "of the 188 countries assessed" is the report's size
        if re.match(r"\s*(?:that|which|who)\s+(?:were|are|had|have)\s+(?:already|also|still)|"
                    r"\s*(?:already|also)\b", after) or re.search(
                r"\b(?:join|joins|joined|joining|other|another|new|additional|more|adds?|added|"
                r"adding|newly|moved|upgraded|downgraded|demoted|promoted)\s+$", before):
            continue  # "they join nine governments already rated Tier 3": a part of the list
        if re.match(r"\s*(?:assessed|evaluated|ranked|rated|covered|in\s+the\s+report|"
                    r"and\s+territories)", after):
            continue
        if re.search(r"\b(?:up|down)\s+from\s+$|\bcompared\s+(?:with|to)\s+$|"
                     r"\b(?:the|these|those|both|all)\s+$", before):
            continue  # a comparison, or "the two countries" pointing back
        n = P.number(m.group(1))
        if not n or n > 200 or re.search(r"\b(?:more|additional)\b", m.group(0), P.IC):
            continue  # "seven more governments": the additions, not the list
        if re.search(r"\bother\b", m.group(0), P.IC):
            # "twelve other governments join Cambodia", "along with 21 other countries": the
            # list is one more; without a joining word the other N are a part of it
            if not (re.search(r"\b(?:along\s+with|alongside|with|joins?|joined|joining|and)\s+$",
                              before) or re.match(r"\s*(?:join|joins|joined|share|shared)\b",
                                                  after)):
                continue
            n += 1
        cl = next((c for c in clause_list if c.start <= m.start() < c.end), None)
        ts = [t for t in tiers if cl and cl.start <= t.start < cl.end and t.role != "from"] \
            or [t for t in tiers if t.role != "from"]
        if not ts:
            continue
        t = min(ts, key=lambda t: abs(t.start - m.start()))
        if abs(t.start - m.start()) > 90 or t.role in ("not", "removed", "after"):
            continue
        pick = pick_year(s, refs, cl or Clause(0, len(s), False), t.start)
        kind = "state_sponsored_count" if t.code == "state" else "tier_count"
        # The count is the tier's size only when it is said so: "23 countries were placed on
        # Tier 3", "Tier 3 has 23 countries"; otherwise it is read with less confidence.
        lo_, hi_ = (m.end(), t.start) if m.end() <= t.start else (t.end, m.start())
        linked = bool(_COUNT_LINK.fullmatch(s[lo_:hi_])) if lo_ <= hi_ else True
        weight = (0.95 if t.indirect else 1.0) * (1.0 if linked else 0.7)
        params = {"count": n, "phrase": m.group(0)}
        if kind == "tier_count":
            params["tier"] = t.code
        res = {"countries": "a count", "tier": {"phrase": s[t.start:t.end],
                                                "start": offset + t.start, "end": offset + t.end}}
        out.append(_claim(kind, s, offset, [], params, pick, weight, res))
        cmp = _COMPARED.match(s, m.end())
        if cmp and P.number(cmp.group(1)):
            # "..., up from 17 a year earlier": the same count for an earlier report
            then = int(cmp.group(2)) if cmp.group(2) else None
            earlier = YearPick(then, 0 if then else -1, "the earlier report the sentence compares",
                               pick.weight) if then else YearPick(
                pick.year - 1 if pick.year else None, 0 if pick.year else pick.offset - 1,
                "the report before (a comparison)", pick.weight)
            out.append(_claim(kind, s, offset, [], {**params, "count": P.number(cmp.group(1)),
                                                    "phrase": cmp.group(0).strip(" ,")},
                              earlier, weight * 0.95, res))
    return out


_COMPARED = re.compile(rf"[^.;]{{0,40}}?\b(?:up|down)\s+from\s+({P.NUM}|\d{{1,3}})\b(?:\s+(?:in\s+(?:the\s+)?"
                       rf"((?:19|20)\d\d)(?:\s+(?:report|edition|list))?|a\s+year\s+(?:ago|earlier|"
                       rf"before)|last\s+year|the\s+year\s+before|in\s+the\s+previous\s+"
                       rf"(?:report|year)))?", re.IGNORECASE)


_COUNT_LINK = re.compile(r"(?:[\s,:\u2014-]*(?:were|are|was|is|have|has|had|been|now|placed|put|"
                         r"ranked|rated|listed|named|included|includes|designated|relegated|sent|"
                         r"given|landed|fell|dropped|sit|sat|remain|remained|stayed|found|in|on|"
                         r"at|into|onto|to|the|its|a|of|with|numbered|comprises|counts|holds|held|"
                         r"total|totalled|lists|identifies|identified|governments?|countries|"
                         r"nations|states|who|that|which)\b)*[\s,:\u2014-]*", re.IGNORECASE)
