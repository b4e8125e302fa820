"""Check an article: find claims, resolve countries and years, verify, read the sourcing."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from . import patterns as P
from .extract import Claim, gsi_claims, state_claims, tier_claims
from .gazetteer import find_countries, fold
from .sourcing import analyse
from .text import article_date, dateline_span, decode, sentence_index, sentences
from .verify import RecordIndex, verify

# Keywords that make a sentence worth a close look (checked on the folded sentence).
_KEYWORDS = ("tier", "watch", "list", "slavery", "slave", "enslaved", "sponsor", "pattern",
             "rank", "ranked", "million", "thousand", "per 1,000", "per 1000", "%", "percent",
             "per cent", "consecutive", "in a row", "straight", "since", "followed by", "top ",
             "highest", "largest", "prevalence", "special case", "trafficking")


_KEYWORD_RE = re.compile("|".join(re.escape(k) for k in (*_KEYWORDS, "alleg", "accus")))


def find_candidates(text: str) -> tuple[str, list, dict, list[int]]:
    """The finding stage: sentences, country mentions per sentence, and the sentences worth a
    close look (a claim keyword or an allegation word in them)."""
    folded = fold(text)
    spans = sentences(text)
    locate = sentence_index(spans)
    mentions_by_sentence: dict[int, list] = {}
    for m in find_countries(text, folded):
        mentions_by_sentence.setdefault(locate(m.start), []).append(m)
    search = _KEYWORD_RE.search
    candidates = [i for i, (s, e) in enumerate(spans) if search(folded, s, e)]
    return folded, spans, mentions_by_sentence, candidates


def check_text(text: str | bytes, index: RecordIndex, date: dt.date | None = None) -> dict:
    if isinstance(text, bytes):
        text = decode(text)
    date_basis = "given"
    if date is None:
        date = article_date(text)
        date_basis = "dateline at the top of the article" if date else ""
    folded, spans, mentions_by_sentence, candidates = find_candidates(text)
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
        s = text_for_claims[start:end]
        local = [type(m)(m.start - start, m.end - start, m.iso3, m.text)
                 for m in mentions_by_sentence.get(i, [])]
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
