"""Country mentions in running text, found in one pass with an Aho-Corasick automaton
(ahocorasick-rs, leftmost-longest).

Spellings come from the record's country table (pycountry names plus the aliases the sources
use). Upper-case acronyms (DPRK, UAE, U.S.) are matched case-sensitively so that "us" is not the
United States. A few capitals stand for their governments ("Pyongyang said ...").
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ..record.countries import _read_aliases, all_countries

ACRONYMS = {"DPRK": "PRK", "DRC": "COD", "UAE": "ARE", "UK": "GBR", "U.K.": "GBR", "US": "USA",
            "U.S.": "USA", "USA": "USA", "ROK": "KOR", "PRC": "CHN"}
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
    """(matcher, ISO3 of each pattern): leftmost-longest Aho-Corasick over the folded spellings."""
    import ahocorasick_rs

    names: dict[str, str] = {}
    for key, iso3 in spellings().items():
        if key.endswith("a") and not iso3.endswith("?"):
            # Demonyms and plurals of names ending in -a: "Russian", "Cubans".
            names.setdefault(key + "n", iso3)
            names.setdefault(key + "ns", iso3)
    names.update(spellings())
    patterns = list(names)
    matcher = ahocorasick_rs.AhoCorasick(
        patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.DFA)
    return matcher, [names[p] for p in patterns]


@lru_cache(maxsize=1)
def acronym_matcher():
    """Upper-case acronyms, matched case-sensitively in the original text (boundaries after)."""
    import ahocorasick_rs

    patterns = list(ACRONYMS)
    return ahocorasick_rs.AhoCorasick(
        patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), patterns


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


# Every byte that is not an ASCII letter or digit becomes a space: a word boundary test is then
# one comparison per side. bytes.translate does this for the whole text in C.
_WORD_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))


def _word_chars(folded: str) -> str:
    """FOLDED padded with a space at each end, with every non-word character a space."""
    return (" " + folded + " ").encode("ascii", "replace").translate(_WORD_BYTES).decode("ascii")


def country_hits(text: str, folded: str) -> list[tuple[int, int, str]]:
    """(last index, length - 1, ISO3) of each whole-word country mention, in text order.

    The finding stage's hot path: the automaton runs in C, and a mention becomes a Mention only
    where a sentence is looked at closely (see mentions()).
    """
    words = _word_chars(folded)
    matcher, codes = automaton()
    # words[s] is the character before a match, words[e + 1] the one after it.
    hits = [(e - 1, e - 1 - s, codes[p]) for p, s, e in matcher.find_matches_as_indexes(folded)
            if words[s] == " " and words[e + 1] == " "]
    found, patterns = acronym_matcher()
    acronyms = [(e - 1, e - 1 - s, ACRONYMS[patterns[p]])
                for p, s, e in found.find_matches_as_indexes(text) if _acronym_alone(text, s, e)]
    if acronyms:
        ends = {e for e, _, _ in hits}  # "the UAE" is already a mention: skip its "UAE"
        hits += [a for a in acronyms if a[0] not in ends]
        hits.sort()
    if any(name in folded for name in _CONTEXTUAL):
        hits = _resolve_context(hits)
    return hits


# Spellings that name a country only in context ("the North"), resolved by _resolve_context.
_CONTEXTUAL = [name for name, iso3 in {**EXTRA, **METONYMS}.items() if iso3.endswith("?")]


def _acronym_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_." or after.isalnum() or after == "_")


def mentions(text: str, hits, offset: int = 0) -> list[Mention]:
    """HITS as Mentions, with offsets relative to OFFSET."""
    return [Mention(e - k - offset, e + 1 - offset, iso3, text[e - k:e + 1])
            for e, k, iso3 in hits]


def find_countries(text: str, folded: str | None = None) -> list[Mention]:
    """Non-overlapping country mentions (leftmost-longest), in text order."""
    folded = folded if folded is not None else fold(text)
    return mentions(text, country_hits(text, folded))


def _resolve_context(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'the North' means North Korea only in a text that speaks of Korea; else drop it."""
    koreas = {iso3 for _, _, iso3 in hits} & {"PRK", "KOR"}
    return [(e, k, iso3[:-1] if iso3.endswith("?") else iso3) for e, k, iso3 in hits
            if koreas or not iso3.endswith("?")]
