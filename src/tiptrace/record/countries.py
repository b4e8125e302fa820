"""Country identity: ISO 3166-1 alpha-3 codes as keys, every spelling the sources use resolved.

Names come from pycountry; `data/country_aliases.csv` adds the spellings the TIP Report and the
Global Slavery Index use that pycountry does not know (Burma, DPRK, Swaziland, ...). A few entities
the TIP Report rates have no current ISO 3166-1 code and are handled explicitly below.
"""

from __future__ import annotations

import csv
import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import UnknownCountryError


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str | None
    name: str
    official_name: str | None
    kind: str  # "iso", "non-iso" (user-assigned code) or "historic" (ISO 3166-3, withdrawn)
    note: str | None = None


# Entities the TIP Report rates (or rated) that are not current ISO 3166-1 countries.
# XKX is the user-assigned code used by the EU and the World Bank for Kosovo; SCG and ANT are the
# ISO 3166-3 codes of the withdrawn entries, taken from pycountry's historic_countries.
NON_ISO = {
    "XKX": ("XK", "Kosovo", "Republic of Kosovo", "non-iso",
            "Not in ISO 3166-1; XKX is the user-assigned code in common use (EU, World Bank)."),
}
HISTORIC = {
    "SCG": "Rated as one country until it split in 2006 (ISO 3166-3 code, withdrawn 2006).",
    "ANT": "Dissolved in 2010 into Curacao (CUW), Sint Maarten (SXM) and the Caribbean Netherlands.",
}
# The last report that could rate a dissolved entity: Serbia and Montenegro split in June 2006, the
# Netherlands Antilles were dissolved in October 2010 (after that year's June report).
LAST_RATED = {"SCG": 2006, "ANT": 2010}
TERRITORY_NOTES = {
    "HKG": "Special Administrative Region of China, rated separately by the TIP Report.",
    "MAC": "Special Administrative Region of China, rated separately by the TIP Report.",
    "TWN": "Rated separately by the TIP Report; pycountry's name 'Taiwan, Province of China' is ISO's.",
    "CUW": "Constituent country of the Kingdom of the Netherlands, rated separately since 2011.",
    "SXM": "Constituent country of the Kingdom of the Netherlands, rated separately since 2011.",
    "ABW": "Constituent country of the Kingdom of the Netherlands, rated separately.",
}


def normalize(text: str) -> str:
    """Fold case, accents, punctuation and spacing: 'Côte d'Ivoire' == 'cote d ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("&", " and ").replace("'", "").replace("\u2019", "")
    cleaned = "".join(ch if ch.isalnum() else " " for ch in plain)
    words = cleaned.split()
    if words and words[0] == "the":
        words = words[1:]
    return "".join(words)


def _read_aliases() -> list[dict[str, str]]:
    text = resources.files("tiptrace.record").joinpath("data/country_aliases.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def all_countries() -> dict[str, Country]:
    """Every country tiptrace knows, keyed by ISO3 (pycountry + explicit non-ISO entities)."""
    import pycountry  # lazy: only needed when names are resolved

    display = {row["iso3"]: row["alias"] for row in _read_aliases() if row["display"] == "1"}
    out: dict[str, Country] = {}
    for c in pycountry.countries:
        name = display.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        out[c.alpha_3] = Country(c.alpha_3, c.alpha_2, name, getattr(c, "official_name", None),
                                 "iso", TERRITORY_NOTES.get(c.alpha_3))
    for code, note in HISTORIC.items():
        h = pycountry.historic_countries.get(alpha_3=code)
        out[code] = Country(code, h.alpha_2, h.name, None, "historic", note)
    for code, (iso2, name, official, kind, note) in NON_ISO.items():
        out[code] = Country(code, iso2, name, official, kind, note)
    return out


@lru_cache(maxsize=1)
def alias_index() -> dict[str, str]:
    """Normalized spelling -> ISO3, for codes, names, official and common names and aliases."""
    index: dict[str, str] = {}
    for c in all_countries().values():
        for spelling in (c.iso3, c.iso2, c.name, c.official_name):
            if spelling:
                index.setdefault(normalize(spelling), c.iso3)
    import pycountry

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                index.setdefault(normalize(value), c.alpha_3)
    for row in _read_aliases():
        index[normalize(row["alias"])] = row["iso3"]
    return index


def resolve(query: str) -> str:
    """Return the ISO3 code for a code, name or alias; raise UnknownCountryError with suggestions."""
    key = normalize(query or "")
    index = alias_index()
    if key in index:
        return index[key]
    raise UnknownCountryError(query, suggest(query))


def suggest(query: str, n: int = 5) -> list[str]:
    """Closest known spellings, shown as 'Name (ISO3)'."""
    index = alias_index()
    countries = all_countries()
    key = normalize(query or "")
    candidates = [k for k in index if len(k) > 3]
    matches = difflib.get_close_matches(key, candidates, n=n * 2, cutoff=0.6)
    # Also offer names that contain the query as a word sequence ("korea" -> both Koreas).
    if len(key) >= 3:
        matches += [k for k in candidates if key in k and k not in matches]
    seen: list[str] = []
    for m in matches:
        label = f"{countries[index[m]].name} ({index[m]})"
        if label not in seen:
            seen.append(label)
    return seen[:n]


def country(iso3: str) -> Country:
    return all_countries()[iso3]


def name_of(iso3: str) -> str:
    c = all_countries().get(iso3)
    return c.name if c else iso3


def search(query: str | None = None) -> list[Country]:
    """Countries whose code, name or alias matches QUERY (all countries when QUERY is empty)."""
    countries = all_countries()
    if not query:
        return sorted(countries.values(), key=lambda c: c.name)
    key = normalize(query)
    index = alias_index()
    if key in index:
        return [countries[index[key]]]
    hits = {iso3 for alias, iso3 in index.items() if key and key in alias}
    return sorted((countries[c] for c in hits), key=lambda c: c.name)
