"""How a sentence is sourced: named or anonymous attribution, the author's own assertion,
hedges, quotation; and whether it carries an allegation."""

from __future__ import annotations

import re

IC = re.IGNORECASE
ANONYMOUS = re.compile(r"\b(?:a|one|two|several)\s+(?:\w+\s+){0,2}sources?\b|\bsources\s+(?:say|"
                       r"said|told|claim|claimed)\b|\banonymous(?:ly)?\b|\bon\s+condition\s+of\s+"
                       r"anonymity\b|\b(?:people|persons|someone|sources|officials?|diplomats?)\s+"
                       r"(?:familiar|close)\s+(?:with|to)\b|\binsiders?\b|\bwho\s+(?:asked|declined)"
                       r"\s+not\s+to\s+be\s+(?:named|identified)\b|\bit\s+is\s+(?:said|understood|"
                       r"rumou?red)\b|\bwith\s+knowledge\s+of\b", IC)
NAMED = re.compile(r"\b(?i:according)\s+to\s+(?:the\s+)?([A-Z][\w.'-]*(?:\s+(?:of\s+|for\s+|the\s+)?"
                   r"[A-Z][\w.'-]*){0,6})|\b([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,4})\s+(?:said|says|"
                   r"told|reported|reports|stated|states|wrote|found|estimates|estimated|"
                   r"announced|noted)\b")
HEDGE = re.compile(r"\b(?:allegedly|alleged|reportedly|probably|possibly|apparently|"
                   r"purportedly|supposedly|likely|may\s+have|might\s+have|could\s+have|is\s+"
                   r"(?:said|thought|believed)\s+to|are\s+(?:said|thought|believed)\s+to|"
                   r"rumou?red|unconfirmed|it\s+appears)\b", IC)
QUOTE = re.compile(r"[\"\u201c\u201d]")
ALLEGATION = re.compile(r"\b(?:accus\w*|alleg\w*|forced|forcing|traffick(?:ed|ing|ers?)|"
                        r"enslav\w*|exploit\w*|abus\w*|complicit\w*|complicity|smuggl\w*|"
                        r"coerc\w*|sold|kidnapp\w*|detain\w*|tortur\w*|bribe\w*)\b", IC)
_NOT_NAMES = {"The", "This", "That", "It", "He", "She", "They", "We", "A", "An", "In", "On"}


_NAMED_HINTS = ("according", " said", " says", " told", " report", " stated", " states",
                " wrote", " found", " estimat", " announced", " noted")
_ANON_HINTS = ("source", "anonym", "familiar", "close to", "insider", "knowledge", "it is said",
               "it is understood", "rumo", "identified", "named")


def analyse(sentence: str) -> dict:
    low = sentence.lower()
    named = None
    matches = NAMED.finditer(sentence) if any(h in low for h in _NAMED_HINTS) else ()
    for m in matches:
        name = (m.group(1) or m.group(2) or "").strip()
        if name and name.split()[0] not in _NOT_NAMES:
            named = name
            break
    anonymous = any(h in low for h in _ANON_HINTS) and bool(ANONYMOUS.search(sentence))
    attribution = "anonymous" if anonymous else "named" if named else "author"
    return {
        "attribution": attribution,
        "source": named if attribution == "named" else None,
        "hedged": bool(HEDGE.search(sentence)),
        "quoted": len(QUOTE.findall(sentence)) >= 2,
        "allegation": bool(ALLEGATION.search(sentence)),
    }
