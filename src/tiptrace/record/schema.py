"""What the record's tables hold: columns, allowed values, ranges imports are checked against."""

from __future__ import annotations

# Tier codes as the TIP Report uses them; "special" is a formal Special Case (e.g. Somalia).
TIERS = ("1", "2", "2WL", "3", "special")
TIER_LABELS = {
    "1": "Tier 1",
    "2": "Tier 2",
    "2WL": "Tier 2 Watch List",
    "3": "Tier 3",
    "special": "Special Case",
}
# A value the sources narrow without fixing, written as its options joined by "|" in scale order
# (e.g. "1|2": on neither the published Watch List nor the Tier 3 list nor the Special Cases).
# Always graded `derived`; its evidence names the whole lists that narrow it.
PARTIAL_SEPARATOR = "|"
PARTIAL_TIERS = ("1|2",)
TIER_LABELS.update({"1|2": "Tier 1 or 2"})
TIER_CODES = (*TIERS, *PARTIAL_TIERS)  # every value the tier column may hold
# Strongest source first; see the data package's quality_scale.
QUALITY_ORDER = ("primary", "dataset", "copy", "derived", "secondary")
WATCH_LIST_RULES = ("", "auto_downgrade", "waiver")

FIRST_REPORT_YEAR = 2001  # the first TIP Report (June 2001)
FIRST_STATE_SPONSORED_YEAR = 2020  # the list is required from the 2020 report on (P.L. 115-427)
GSI_EDITIONS = ("2013", "2014", "2016", "2018", "2023")

TIER_COLUMNS = [
    "iso3", "country", "report_year", "tier", "watch_list_rule", "quality",
    "source", "evidence", "name_in_source",
]
STATE_SPONSORED_COLUMNS = ["iso3", "country", "report_year", "quality", "source", "evidence"]
# Presidential determinations under TVPA sec. 110(d) on the governments of one report's Tier 3.
DETERMINATION_COLUMNS = [
    "report_year", "iso3", "country", "determination", "provision", "fiscal_year",
    "determination_number", "signed", "published", "source", "evidence", "quality",
    "read_in_full",
]
DETERMINATION_LABELS = {
    "restricted": "nonhumanitarian, nontrade-related assistance restricted (110(d)(1)(A)(i))",
    "restricted_and_exchanges": "assistance and funding for educational and cultural exchanges "
                                "restricted (110(d)(1)(A)(ii))",
    "waived_in_full": "restrictions waived in full in the national interest (110(d)(4))",
    "partially_waived": "restrictions partly waived (110(d)(4))",
    "waived": "restrictions waived under 110(d)(4) (extent not read)",
    "secretary_determination": "left to the Secretary of State's determination (110(d)(3))",
}
GSI_COLUMNS = [
    "edition", "iso3", "country", "est_number", "prevalence_per_1000", "prevalence_basis",
    "rank_prevalence", "rank_basis", "population", "vulnerability", "government_response",
    "government_response_rating", "region", "source_document", "source", "note",
]


def is_partial(tier: str | None) -> bool:
    return bool(tier) and PARTIAL_SEPARATOR in str(tier)


def tier_options(tier: str) -> tuple[str, ...]:
    """The tiers a value allows: one for a fixed tier, several for a narrowed one."""
    return tuple(str(tier).split(PARTIAL_SEPARATOR))


def tier_label(tier: str) -> str:
    if tier in TIER_LABELS:
        return TIER_LABELS[tier]
    return " or ".join(TIER_LABELS.get(t, t) for t in tier_options(tier))


def normalize_tier(value: str) -> str | None:
    """Accept the spellings people write ('Tier 2 Watch List', '2w', 'tier3', 'Tier 1 or 2')
    or return None."""
    v = "".join(str(value).split()).casefold().replace("tier", "")
    if v in ("1|2", "1or2", "1/2"):
        return "1|2"
    aliases = {
        "1": "1", "2": "2", "3": "3", "2wl": "2WL", "2w": "2WL", "2watchlist": "2WL",
        "2.5": "2WL", "special": "special", "specialcase": "special",
    }
    return aliases.get(v)
