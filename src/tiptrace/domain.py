"""The domain's constants, written once: tier codes, labels, order and colours; the Global
Slavery Index editions and which are only partly known; the years lists start.

The lowest layer: it imports nothing from tiptrace. Every other module takes these from here.
"""

from __future__ import annotations

# Tier codes as the TIP Report uses them; "special" is a formal Special Case (e.g. Somalia).
TIERS = ("1", "2", "2WL", "3", "special")
# The scale, best placement first (Special Cases stand outside it).
TIER_ORDER = ("1", "2", "2WL", "3")
# A value the sources narrow without fixing, written as its options joined by "|" in scale order
# (e.g. "1|2": on neither the published Watch List nor the Tier 3 list nor the Special Cases).
PARTIAL_SEPARATOR = "|"
PARTIAL_TIERS = ("1|2",)
TIER_CODES = (*TIERS, *PARTIAL_TIERS)  # every value the tier column may hold
TIER_LABELS = {
    "1": "Tier 1",
    "2": "Tier 2",
    "2WL": "Tier 2 Watch List",
    "3": "Tier 3",
    "special": "Special Case",
    "1|2": "Tier 1 or 2",
}
# Okabe-Ito palette (distinguishable for colour-blind readers); narrowed: a light blend of 1, 2.
TIER_COLOURS = {"1": "#009E73", "2": "#56B4E9", "2WL": "#E69F00", "3": "#D55E00",
                "special": "#999999", "1|2": "#A6D9C9"}

FIRST_REPORT_YEAR = 2001  # the first TIP Report (June 2001)
FIRST_STATE_SPONSORED_YEAR = 2020  # the list is required from the 2020 report on (P.L. 115-427)

GSI_EDITIONS = (2013, 2014, 2016, 2018, 2023)
PARTIAL_GSI_EDITIONS = frozenset({2013, 2014})  # only fragments of these tables are known
COMPLETE_GSI_EDITIONS = tuple(e for e in GSI_EDITIONS if e not in PARTIAL_GSI_EDITIONS)
