"""Country mentions in running text, found in one pass with an Aho-Corasick automaton.

Spellings come from the record's country table (pycountry names plus the aliases the sources
use). Upper-case acronyms (DPRK, UAE, U.S.) are matched case-sensitively so that "us" is not the
United States. A few capitals stand for their governments ("Pyongyang said ...").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ..record.countries import _read_aliases, all_countries

ACRONYMS = {"DPRK": "PRK", "DRC": "COD", "UAE": "ARE", "UK": "GBR", "U.K.": "GBR", "US": "USA",
            "U.S.": "USA", "USA": "USA", "ROK": "KOR", "PRC": "CHN"}
_ACRONYM_RE = re.compile(r"(?<![\w.])(DPRK|DRC|UAE|USA|U\.S\.|U\.K\.|UK|US|ROK|PRC)(?![\w])")
METONYMS = {"pyongyang": "PRK", "seoul": "KOR", "beijing": "CHN", "moscow": "RUS",
            "the kremlin": "RUS", "tehran": "IRN", "minsk": "BLR", "havana": "CUB",
            "asmara": "ERI", "ashgabat": "TKM", "naypyidaw": "MMR", "damascus": "SYR",
            "caracas": "VEN", "kabul": "AFG", "the north": "PRK?", "the south": "KOR?"}
EXTRA = {"north korea": "PRK", "south korea": "KOR", "korea, north": "PRK",
         "korea, south": "KOR", "burma": "MMR", "ivory coast": "CIV", "turkey": "TUR",
         "the gambia": "GMB", "gambia": "GMB", "russia": "RUS", "syria": "SYR", "iran": "IRN",
         "laos": "LAO", "vietnam": "VNM", "the netherlands": "NLD", "the philippines": "PHL",
         "the bahamas": "BHS", "congo-brazzaville": "COG", "congo-kinshasa": "COD",
         "the democratic republic of congo": "COD", "democratic republic of congo": "COD",
         "the united states": "USA", "the united kingdom": "GBR", "america": "USA",
         "the uae": "ARE", "hong kong": "HKG", "macau": "MAC", "taiwan": "TWN"}


def _fold_char(ch: str) -> str:
    if ch in "\u2019\u2018":
        return "'"
    base = unicodedata.normalize("NFKD", ch.lower())
    base = "".join(c for c in base if not unicodedata.combining(c))
    return base[0] if len(base) == 1 and ord(base[0]) < 128 else " "


_FOLD = {i: _fold_char(chr(i)) for i in range(128, 0x250)}
_FOLD.update({0x2019: "'", 0x2018: "'"})


def fold(text: str) -> str:
    """Lower case, accents removed, same length as the input (so offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ")
        low = "".join(c.lower()[:1] for c in text)
    if low.isascii():
        return low
    return low.translate(_FOLD)


class Mention(NamedTuple):
    start: int
    end: int
    iso3: str
    text: str


@lru_cache(maxsize=1)
def automaton():
    import ahocorasick

    a = ahocorasick.Automaton()
    for key, iso3 in spellings().items():
        a.add_word(key, (len(key), iso3))
    a.make_automaton()
    return a


@lru_cache(maxsize=1)
def spellings() -> dict[str, str]:
    """Folded spelling -> ISO3 (a trailing '?' marks context-dependent ones)."""
    names: dict[str, str] = {}
    for c in all_countries().values():
        for n in (c.name, c.official_name):
            if n and len(n) > 3:
                names[fold(n)] = c.iso3
    import pycountry

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n and len(n) > 3:
                names.setdefault(fold(n), c.alpha_3)
    for row in _read_aliases():
        if len(row["alias"]) > 3 and not row["alias"].isupper():
            names[fold(row["alias"])] = row["iso3"]
    names.update(EXTRA)
    names.update(METONYMS)
    return names


def _boundary_ok(folded: str, start: int, end: int) -> bool:
    if start > 0 and (folded[start - 1].isalnum()):
        return False
    if end < len(folded) and folded[end].isalnum():
        # "Russian", "Cubans", "Syria's": demonyms and plurals of names ending in -a.
        nxt = folded[end:end + 3]
        if folded[end - 1] == "a" and (nxt.startswith("n ") or nxt.startswith("ns")
                                       or nxt[:1] == "n" and not nxt[1:2].isalnum()):
            return True
        return False
    return True


def find_countries(text: str, folded: str | None = None) -> list[Mention]:
    """Non-overlapping country mentions (leftmost-longest), in text order."""
    folded = folded if folded is not None else fold(text)
    found: list[Mention] = []
    n = len(folded)
    append = found.append
    for end_idx, (length, iso3) in automaton().iter_long(folded):
        start, end = end_idx - length + 1, end_idx + 1
        # Inlined word-boundary test (this loop is the hot path of the finding stage).
        if (start and folded[start - 1].isalnum()) or (
                end < n and folded[end].isalnum() and not _boundary_ok(folded, start, end)):
            continue
        append(Mention(start, end, iso3, text[start:end]))
    if "U" in text or "D" in text or "R" in text or "P" in text:
        acr = [Mention(m.start(), m.end(), ACRONYMS[m.group(1)], m.group(1))
               for m in _ACRONYM_RE.finditer(text)]
        if acr:
            found = sorted(found + acr, key=lambda m: m.start)
    if any(m.iso3.endswith("?") for m in found):
        return _resolve_context(found)
    return found


def _resolve_context(mentions: list[Mention]) -> list[Mention]:
    """'the North' means North Korea only in a text that speaks of Korea; else drop it."""
    koreas = {m.iso3 for m in mentions} & {"PRK", "KOR"}
    out = []
    for m in mentions:
        if m.iso3.endswith("?"):
            if koreas:
                out.append(Mention(m.start, m.end, m.iso3[:-1], m.text))
            continue
        out.append(m)
    return out
