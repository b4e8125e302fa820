"""Check an article: find claims, resolve countries and years, verify, read the sourcing."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from typing import Any

from . import fast
from . import patterns as P
from .extract import Claim, gsi_claims, state_claims, tier_claims
from .gazetteer import country_hits, fold, mentions
from .sourcing import analyse
from .text import article_date, dateline_span, decode, sentences
from .verify import RecordIndex, verify

# Keywords that make a sentence worth a close look (checked on the folded sentence).
_KEYWORDS = ("tier", "watch", "list", "slavery", "slave", "enslaved", "sponsor", "pattern",
             "rank", "ranked", "million", "thousand", "per 1,000", "per 1000", "%", "percent",
             "per cent", "consecutive", "in a row", "straight", "since", "followed by", "top ",
             "highest", "largest", "prevalence", "special case", "trafficking")


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
    date_basis = "given"
    if date is None:
        date = article_date(text)
        date_basis = "dateline at the top of the article" if date else ""
    folded, spans, hits, candidates = find_candidates(text)
    hit_ends = [h[0] for h in hits]
    doc_gsi = bool(P.GSI_CONTEXT.search(text[:20000]))
    doc_tip = bool(P.TIP_DOC_CONTEXT.search(text[:20000]))
    # Years in the dateline are the article's date, not claims about a year.
    dated = dateline_span(text) if date_basis.startswith("dateline") else None
    if dated:
        text_for_claims = text[:dated[0]] + " " * (dated[1] - dated[0]) + text[dated[1]:]
    else:
        text_for_claims = text
    claims: list[Claim] = []
    allegations = Counter()
    last_edition: int | None = None
    for i in candidates:
        start, end = spans[i]
        s = text_for_claims[start:end].rstrip()  # a span ends with the white space after it
        end = start + len(s)
        lo, hi = bisect_left(hit_ends, start), bisect_left(hit_ends, end)
        local = mentions(text, hits[lo:hi], offset=start)
        found = state_claims(s, start, local)
        found += tier_claims(s, start, local, doc_tip) if not found or P.TIER_NUM.search(s) or \
            P.TIER_WATCH.search(s) else []
        found += gsi_claims(s, start, local, doc_gsi)
        sourcing = analyse(s)
        if sourcing["allegation"] and not found:
            allegations[sourcing["attribution"]] += 1
        for c in found:
            c.sentence = text[start:end]
            c.sourcing = sourcing
            if c.kind.startswith("gsi"):
                # A GSI figure without an edition refers to the edition last named above.
                if c.year is not None:
                    last_edition = c.year
                elif last_edition is not None:
                    c.year = last_edition
                    c.year_basis = "edition named earlier in the article"
            claims.append(verify(c, index, date))
    verdicts = Counter(c.verdict for c in claims)
    return {
        "text": text,
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


def check(text: str | bytes, store=None, date: dt.date | None = None) -> dict[str, Any]:
    """Check TEXT against the record in STORE (default: the embedded store)."""
    from ..record.store import Store

    return check_text(text, RecordIndex.from_store(store or Store.open()), date)
