"""Presidential determinations on Tier 3 governments, as a table of the record, and the audit."""

import json

from tiptrace.record import packaged
from tiptrace.rules.audit import audit_determinations

DETS = packaged.read_rows("determinations")
TIP = packaged.read_rows("tip_tiers")


def test_every_determination_names_a_tier_3_government_of_that_report():
    tiers = {(r["iso3"], r["report_year"]): r["tier"] for r in TIP}
    assert DETS and all(tiers[(d["iso3"], d["report_year"])] == "3" for d in DETS)
    assert all(d["source"].startswith("http") and d["evidence"] and d["published"] for d in DETS)


def test_where_the_whole_list_was_read_every_tier_3_government_is_named():
    # 2009 and 2011-2014: the memoranda name all 17, 23, 17, 21 and 23 Tier 3 governments.
    years = {y["report_year"]: y for y in audit_determinations(TIP, DETS)["years"]}
    for y, n in ((2009, 17), (2011, 23), (2012, 17), (2013, 21), (2014, 23)):
        assert (years[y]["tier3"], years[y]["named"], years[y]["tier3_not_named"]) == (n, n, [])
    assert years[2014]["by_determination"] == {"restricted": 7, "restricted_and_exchanges": 3,
                                               "waived_in_full": 13}
    assert all(not y["named_not_tier3"] for y in years.values())
    # 2012: the Democratic Republic of the Congo restricted with a partial waiver.
    drc = next(d for d in DETS if (d["iso3"], d["report_year"]) == ("COD", "2012"))
    assert drc["determination"] == "partially_waived" and "110(d)(4)" in drc["provision"]
    # Curaçao and Sint Maarten are not 'countries' under the TVPA: never named.
    assert {"CUW", "SXM"} <= set(years[2022]["tier3_not_named"])


def test_history_and_explain_show_what_the_president_determined(cli):
    h = {y["report_year"]: y for y in json.loads(cli("history", "RUS", "--json").stdout)["years"]}
    d = h[2017]["determination"]
    assert (d["determination"], d["fiscal_year"], d["number"]) == ("restricted_and_exchanges",
                                                                   2018, "2017-15")
    assert "82 FR 50047" in d["published"] and h[2016]["determination"] is None  # not stored
    assert h[2014]["determination"]["determination"] == "restricted"
    out = cli("explain", "MYS", "--year", "2014").stdout
    assert "What the President determined (FY2015" in out and "waived in full" in out
    audit = json.loads(cli("audit", "--country", "MYS", "--year", "2014", "--json").stdout)
    assert audit["determinations"]["years"][0]["by_determination"] == {"waived_in_full": 1}
