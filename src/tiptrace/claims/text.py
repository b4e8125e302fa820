"""Untrusted text in: decoding, size limits, sentences, the article's date.

Every pattern here is linear: fixed-width look-arounds and no nested quantifiers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from operator import sub

from ..errors import TiptraceError
from . import fast

MAX_BYTES = 5 * 1024 * 1024


class TextError(TiptraceError):
    """The input cannot be read as text, or is too large."""


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise TextError(f"the text is {len(data):,} bytes; the limit is {MAX_BYTES:,} bytes "
                        "(split it into smaller parts)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TextError(f"invalid UTF-16 text at byte {exc.start}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextError(f"the text is not UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start}); convert it to UTF-8 first") from None
    return text.replace("\x00", " ")


@lru_cache(maxsize=1)
def _format_chars() -> re.Pattern:
    """Invisible format characters (Unicode category Cf: zero-width space and joiners, soft
    hyphen, direction marks, BOM), which can hide a word from matching ("Bur\u200bma")."""
    chars = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf"]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def strip_format(text: str) -> tuple[str, Callable[[int], int] | None]:
    """TEXT without format characters, and a map from offsets in it back to TEXT (None when
    nothing was removed)."""
    if text.isascii():
        return text, None
    rx = _format_chars()
    removed = [m.start() for m in rx.finditer(text)]
    if not removed:
        return text, None
    clean = rx.sub("", text)
    # The k-th removed character sat at removed[k]; a clean offset o maps to o + (number of
    # removed characters before it in the original).
    shifted = [p - k for k, p in enumerate(removed)]

    def back(offset: int) -> int:
        return offset + bisect_right(shifted, offset)

    return clean, back


# A bullet or numbered item at the start of a line begins a sentence of its own.
_BULLET_LINE = re.compile(r"\n[ \t]*+(?=(?:[-*\u2022\u00b7\u25aa\u2013]|\d{1,2}[.)])[ \t])")


# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and white space, or
# at a blank line; the white space after it belongs to no sentence. Possessive runs keep the scan
# linear.
# Two patterns, each starting with a character class: the regex engine scans for that class fast,
# where an alternation would be tried at every position.
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*+\s\s*+")
_BLANK_LINE = re.compile(r"\n[ \t\r]*+\n\s*+")
# Abbreviations whose full stop does not end a sentence ("U.S. State Department").
_ABBREV = {"u.s.", "u.n.", "u.k.", "mr.", "mrs.", "ms.", "dr.", "st.", "no.", "vs.", "e.g.",
           "i.e.", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.",
           "dec.", "gen.", "sen.", "rep.", "gov.", "prof.", "inc.", "corp.", "co.", "jr.", "sr."}
# The same abbreviations found in the reversed text, where each begins with its full stop: a
# pattern that starts with a literal lets the regex engine skip ahead instead of trying every
# position (this is the hot path of the finding stage).
_ABBREV_REVERSED = re.compile(r"\.(?<=\s\.)(?:" + "|".join(
    re.escape(a[:-1][::-1]) for a in sorted(_ABBREV, key=len, reverse=True)) + r")(?![a-z])")
_LEADING_SPACE = re.compile(r"\s*+")
MAX_SENTENCE = 3000  # longer runs without a full stop are cut into pieces


def sentences(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence; the end includes the white space that follows it.

    FOLDED is the lower-cased text with the same length (gazetteer.fold), if the caller has it.
    """
    n = len(text)
    ends = fast.break_ends(text)  # None for short texts: then the same breaks found here
    if ends is None:
        ends = [m.end() for m in _END.finditer(text)]
        if "\n" in text:
            blank = {m.end() for m in _BLANK_LINE.finditer(text)}
            blank.update(m.end() for m in _BULLET_LINE.finditer(text))
            blank.difference_update(ends)
            if blank:  # paragraph breaks and list items that do not follow a full stop
                ends = sorted([*ends, *blank])
    if "." in text and ends:
        low = folded if folded is not None else text.lower()
        if len(low) == n:  # a few characters lower-case to two; then no abbreviation check
            # The break each abbreviation's full stop would make: end -> position after the stop.
            skip = {_LEADING_SPACE.match(text, n - m.start()).end(): n - m.start()
                    for m in _ABBREV_REVERSED.finditer(low[::-1])}
            if skip:  # ... unless a blank line follows the abbreviation
                ends = [e for e in ends if e not in skip
                        or _BLANK_LINE.search(text, skip[e], e)]
    first = _LEADING_SPACE.match(text).end()
    if ends and ends[0] <= first:
        ends = [e for e in ends if e > first]
    if not ends or ends[-1] < n:
        ends.append(n)
    spans = list(zip([first, *ends[:-1]], ends, strict=True))
    if spans and spans[-1][0] >= n:
        spans.pop()
    if spans and max(map(sub, ends, [first, *ends[:-1]])) > MAX_SENTENCE:
        spans = [(a, min(a + MAX_SENTENCE, e)) for s, e in spans
                 for a in range(s, e, MAX_SENTENCE)]
    return spans


MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                      "july", "august", "september", "october", "november",
                                      "december"], start=1)}
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")
_LONG = re.compile(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|"
                   r"October|November|December),? ((?:19|20)\d\d)\b|\b(January|February|March|"
                   r"April|May|June|July|August|September|October|November|December) (\d{1,2}),? "
                   r"((?:19|20)\d\d)\b")


def parse_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD date given by the user (--date, ?date=), or a clear error."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TextError(f"date {value!r} is not a date like 2024-07-01") from None


def dateline_span(text: str) -> tuple[int, int] | None:
    head = text[:600]
    for rx in (_ISO, _DOTTED, _LONG):
        m = rx.search(head)
        if m:
            return m.start(), m.end()
    return None


def article_date(text: str) -> dt.date | None:
    """A date at the top of the article (dateline), if there is one."""
    head = text[:600]
    for rx in (_ISO, _DOTTED, _LONG):
        m = rx.search(head)
        if not m:
            continue
        try:
            if rx is _ISO:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            if rx is _DOTTED:
                return dt.date(int(m[3]), int(m[2]), int(m[1]))
            if m[1]:
                return dt.date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
            return dt.date(int(m[6]), MONTHS[m[4].lower()], int(m[5]))
        except ValueError:
            continue
    return None
