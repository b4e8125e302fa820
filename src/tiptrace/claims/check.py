"""Check an article: find claims, resolve countries and years, verify, read the sourcing."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from typing import Any

from . import fast
from . import patterns as P
from .discourse import Discourse, is_item
from .extract import Claim, Reading, read_sentence
from .gazetteer import Mention, country_hits, fold, mentions
from .gsi import gsi_claims
from .sourcing import ALLEGATION, analyse
from .subjects import subjects
from .text import article_date, dateline_span, decode, sentences, strip_format
from .verify import RecordIndex, verify
from .years import report_for_date

# Keywords that make a sentence worth a close look (checked on the folded sentence).
_KEYWORDS = ("tier", "watch", "list", "slavery", "slave", "enslaved", "sponsor", "pattern",
             "rank", "ranked", "million", "thousand", "per 1,000", "per 1000", "%", "percent",
             "per cent", "consecutive", "in a row", "straight", "since", "followed by", "top ",
             "highest", "largest", "prevalence", "special case", "trafficking", "black",
             "worst", "lowest", "bottom", "rung", "rating", "categor", "grade", "complicit",
             "one in", "1 in", "grad", "relegat", "demot", "promot", "most", "000", "place",
             "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "second",
             "third", "lead", "head")


def _any_of(words) -> str:
    """A regex matching any of WORDS, written as a trie ("t(?:ier|op )") so that the engine tries
    one branch per position instead of every word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node:  # a shorter word already matches: nothing longer is needed
            return ""
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


_KEYWORD_RE = re.compile(_any_of((*_KEYWORDS, "alleg", "accus")))


def find_candidates(text: str) -> tuple[str, list, list, list[int]]:
    """The finding stage: sentences, country mentions (as gazetteer.country_hits, in text order),
    and the sentences worth a close look (a claim keyword or an allegation word in them)."""
    folded = fold(text)
    spans = sentences(text, folded)
    hits = country_hits(text, folded)
    candidates = fast.matching(folded, spans, _KEYWORD_RE.pattern)
    if candidates is None:
        search = _KEYWORD_RE.search
        candidates = [i for i, (s, e) in enumerate(spans) if search(folded, s, e)]
    return folded, spans, hits, candidates


def check_text(text: str | bytes, index: RecordIndex, date: dt.date | None = None) -> dict:
    if isinstance(text, bytes):
        text = decode(text)
    original = text
    text, back = strip_format(text)
    date_basis = "given"
    if date is None:
        date = article_date(text)
        date_basis = "dateline at the top of the article" if date else ""
    folded, spans, hits, candidates = find_candidates(text)
    hit_ends = [h[0] for h in hits]
    doc_gsi = bool(P.GSI_CONTEXT.search(text[:20000]))
    doc_tip = bool(P.TIP_DOC_CONTEXT.search(text[:20000]))
    doc_index = bool(P.GSI_HERE.search(text[:20000]))  # the text speaks of the index itself
    # Years in the dateline are the article's date, not claims about a year.
    dated = dateline_span(text) if date_basis.startswith("dateline") else None
    if dated:
        text_for_claims = text[:dated[0]] + " " * (dated[1] - dated[0]) + text[dated[1]:]
    else:
        text_for_claims = text
    current_tip = report_for_date(date, index.years) if index.years else (None, "")
    claims: list[Claim] = []
    allegations = Counter()
    last_edition: int | None = None
    disc = Discourse()
    rates_in_focus = False  # the last GSI figure read was a rate (for bare "(90.3)" figures)
    gsi_subject: Mention | None = None  # the country of the last GSI figure ("That is ...")
    wanted = set(candidates)
    prev_end = 0
    paragraph = 0
    for i, (start, end) in enumerate(spans):
        item = is_item(text, start)
        if not item and _BLANK.search(text, prev_end, start + 1):
            paragraph += 1
            disc.paragraph()
        prev_end = end
        lo, hi = bisect_left(hit_ends, start), bisect_left(hit_ends, end)
        if i not in wanted and lo == hi:
            disc.tick()
            continue
        s = text_for_claims[start:end].rstrip()  # a span ends with the white space after it
        end = start + len(s)
        hi = bisect_left(hit_ends, end)
        local = mentions(text, hits[lo:hi], offset=start)
        if i in wanted:
            reading = read_sentence(s, start, local, doc_tip, doc_index)
        else:
            reading = Reading([], subjects(s, local), [], None)
        found = reading.claims + disc.step(s, start, reading, item)
        if i in wanted or (doc_index and local and _DIGIT.search(s)):
            # in a text about the index, "Nigeria (843,200), Congo (762,900) come next" is
            # worth reading even without a keyword
            found += gsi_claims(s, start, local, doc_gsi, doc_index, rates_in_focus,
                                gsi_subject)
            rates = [c.kind for c in found if c.kind in ("gsi_prevalence", "gsi_number")]
            named = [c for c in found if c.kind.startswith("gsi") and len(c.countries) == 1]
            gsi_subject = (Mention(0, 0, named[-1].countries[0], named[-1].countries[0])
                           if named else (gsi_subject if not local else None))
            if rates:
                rates_in_focus = rates[-1] == "gsi_prevalence"
        if i in wanted:
            # sourcing is read where there is a claim, or an allegation to count
            sourcing = analyse(s) if found or ALLEGATION.search(s) else {}
            if sourcing.get("allegation") and not found:
                allegations[sourcing["attribution"]] += 1
        else:
            sourcing = analyse(s) if found else {}
        if reading.year is not None:
            disc.report_year = reading.year._replace(basis=f"paragraph {paragraph}")
        for c in found:
            c.sentence = original[back(start):back(end)] if back else text[start:end]
            c.sourcing = sourcing
            if c.kind.startswith("gsi"):
                # A GSI figure without an edition refers to the edition last named above.
                if c.year is not None:
                    if c.params.get("edition_named"):
                        last_edition = c.year
                elif last_edition is not None:
                    c.year = last_edition
                    c.year_basis = "edition named earlier in the article"
                    c.confidence = round(c.confidence * 0.95, 3)
            elif c.year is None:
                _resolve_tip_year(c, disc, current_tip, paragraph)
            claims.append(_explained(verify(c, index, date)))
        disc.tick()
    if back:
        for c in claims:
            c.start, c.end = back(c.start), back(c.end)
            for part in c.resolution.values():
                if isinstance(part, dict) and "start" in part:
                    part["start"], part["end"] = back(part["start"]), back(part["end"])
    verdicts = Counter(c.verdict for c in claims)
    return {
        "text": original,
        "date": date.isoformat() if date else None,
        "date_basis": date_basis,
        "claims": claims,
        "summary": {
            "verdicts": {k: verdicts.get(k, 0) for k in ("supported", "imprecise",
                                                         "contradicted", "not_checkable")},
            "allegations": sum(allegations.values()),
            "allegations_anonymous": allegations["anonymous"],
            "allegations_unattributed": allegations["author"],
            "allegations_named": allegations["named"],
            "sentences": len(spans),
        },
    }


_BLANK = re.compile(r"\n[ \t\r]*\n")
_DIGIT = re.compile(r"\d")


def _explained(c: Claim) -> Claim:
    """Every claim says where its countries, its tier or measure, and its year came from, with
    the offsets of the sentence that supplied each."""
    res = c.resolution
    how = res.get("countries", "this sentence")
    if not isinstance(how, dict):
        res["countries"] = {"from": how, "start": c.start, "end": c.end}
    if "tier" not in res and "measure" not in res:
        res["measure" if c.kind.startswith("gsi") else "tier"] = {
            "from": "this sentence", "start": c.start, "end": c.end}
    res["year"] = {"from": c.year_basis or "not resolved", "year": c.year}
    return c


YEAR_FROM_DATE = 0.85  # how sure "the report current on the article's date" is as a reading


def _resolve_tip_year(c: Claim, disc: Discourse, current: tuple[int | None, str],
                      paragraph: int) -> None:
    """A TIP claim whose sentence names no year: the report named earlier in the same paragraph,
    else the one current on the article's date ("last year" counts back from that)."""
    offset = c.params.pop("year_offset", 0)
    relative = c.year_basis in ("last year", "this year's report")
    named = disc.report_year
    if named is not None and not relative and named.basis == f"paragraph {paragraph}":
        base, basis = named.year, "report year named earlier in the paragraph"
        c.confidence = round(c.confidence * 0.95, 3)
    else:
        base, basis = current
        if "no year or date given" in basis or "either report may be meant" in basis:
            # no date, or a report whose release day the record lacks: near that time of year
            # either report may be meant
            c.confidence = round(c.confidence * 0.7, 3)
        elif not relative:
            # the sentence names no year: the current report is the likeliest reading, not a
            # certain one (articles look back at earlier reports without saying so)
            c.confidence = round(c.confidence * YEAR_FROM_DATE, 3)
    if base is None:
        return
    c.year = base + offset
    c.year_basis = (f"{c.year_basis}: " if c.year_basis else "") + basis + (
        f", minus {-offset}" if offset else "")


def check(text: str | bytes, store=None, date: dt.date | None = None) -> dict[str, Any]:
    """Check TEXT against the record in STORE (default: the embedded store)."""
    from ..record.store import Store

    return check_text(text, RecordIndex.from_store(store or Store.open()), date)
