"""Untrusted text in: decoding, size limits, sentences, the article's date.

Every pattern here is linear: fixed-width look-arounds and no nested quantifiers.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from ..errors import TiptraceError

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


# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) and white space, or
# at a blank line. Fixed-width alternatives and possessive runs keep the scan linear.
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*+\s|\n[ \t\r]*+\n")
# Abbreviations whose full stop does not end a sentence ("U.S. State Department").
_ABBREV = {"u.s.", "u.n.", "u.k.", "mr.", "mrs.", "ms.", "dr.", "st.", "no.", "vs.", "e.g.",
           "i.e.", "jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.",
           "dec.", "gen.", "sen.", "rep.", "gov.", "prof.", "inc.", "corp.", "co.", "jr.", "sr."}
MAX_SENTENCE = 3000  # longer runs without a full stop are cut into pieces


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, in one pass."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        ms, me = m.span()
        if text[ms] == "." and ms and text[ms - 1].isalpha() and me == ms + 2:
            lo = max(0, ms - 6)
            j = text.rfind(" ", lo, ms)
            if text[(j if j >= 0 else lo - 1) + 1:ms + 1].lower() in _ABBREV:
                continue
        spans.append((start, me))
        start = me
    if start < len(text):
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s] in " \n\t\r":  # a sentence starts at its first word
            s += 1
        while e - s > MAX_SENTENCE:
            out.append((s, s + MAX_SENTENCE))
            s += MAX_SENTENCE
        if e > s:
            out.append((s, e))
    return out


def sentence_index(spans: list[tuple[int, int]]):
    starts = [s for s, _ in spans]

    def find(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    return find


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
