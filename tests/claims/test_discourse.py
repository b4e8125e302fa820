"""Claim checking on the way articles are written: the issuer, claims spread over sentences,
lists, movement, years that are not report years, the precision a writer used, and abstaining
rather than accusing. Every text here is written for these tests."""

import datetime as dt

import pytest

from tiptrace.claims.check import check_text
from tiptrace.claims.verify import RecordIndex


@pytest.fixture(scope="module")
def index(store):
    return RecordIndex.from_store(store)


def claims(index, text, date=None):
    report = check_text(text, index, dt.date.fromisoformat(date) if date else None)
    return [(c.kind, ",".join(c.countries), c.year, c.verdict) for c in report["claims"]]


def test_the_issuer_is_not_a_subject(index):
    found = claims(index, "The U.S. State Department downgraded Malaysia to Tier 3 in 2014, a "
                   "move that could cut American aid. Congress set a limit on waivers, and "
                   "countries that do not meet U.S. standards can lose assistance.")
    assert found == [("tier", "MYS", 2014, "supported")]


def test_the_united_states_own_placement_is_a_claim(index):
    found = claims(index, "In the 2015 report the United States rated itself Tier 1.")
    assert found == [("tier", "USA", 2015, "supported")]


def test_countries_in_one_sentence_and_the_tier_in_the_next(index):
    text = ("WASHINGTON, June 20, 2014 - Four countries drew the sharpest criticism on Friday: "
            "Thailand, Malaysia, Venezuela and Gambia. The State Department relegated the four "
            "countries to the lowest tier.")
    found = claims(index, text)
    assert sorted(found) == sorted((("tier", c, 2014, "supported"))
                                   for c in ("THA", "MYS", "VEN", "GMB"))


def test_other_countries_in_this_category_and_the_list_also_includes(index):
    text = ("The 2014 report put Thailand on Tier 3. Other countries in this category include "
            "Iran, Syria and North Korea. The list also includes Russia.")
    found = {c for k, c, y, v in claims(index, text) if k == "tier" and y == 2014
             and v == "supported"}
    assert found == {"THA", "IRN", "SYR", "PRK", "RUS"}


def test_a_bulleted_list_under_a_heading(index):
    text = ("The 2021 Trafficking in Persons Report placed these governments on its "
            "state-sponsored list:\n- Burma\n- China\n- Cuba\n\nIt was released on July 1.")
    found = claims(index, text)
    assert sorted(found) == [("state_sponsored", c, 2021, "supported")
                             for c in ("CHN", "CUB", "MMR")]


def test_a_move_claims_the_year_before_too(index):
    found = claims(index, "In 2016 Thailand was upgraded from Tier 3 to the Tier 2 Watch List.")
    assert sorted(found) == [("tier", "THA", 2015, "supported"), ("tier", "THA", 2016, "supported")]


def test_removal_and_not_removed(index):
    # A removal states where the country was; where it went is another phrase's claim.
    found = claims(index, "The 2015 report removed Malaysia from Tier 3.")
    assert found == [("tier", "MYS", 2014, "supported")]
    found = claims(index, "The 2015 report did not remove Thailand from Tier 3.")
    assert found == [("tier", "THA", 2015, "supported")]


def test_indirect_tier_words(index):
    for text in ("The 2014 trafficking report blacklisted Thailand.",
                 "Thailand sank to the bottom rung of the 2014 trafficking rankings.",
                 "Thailand was among the worst offenders in the 2014 TIP report."):
        assert claims(index, text) == [("tier", "THA", 2014, "supported")], text


def test_a_year_that_is_no_report_year(index):
    found = claims(index, "Ahead of the 2022 World Cup, Qatar stayed on Tier 2 of the "
                   "trafficking report.", "2023-07-01")
    assert found == [("tier", "QAT", 2023, "supported")]


def test_since_starts_a_streak(index):
    found = claims(index, "Russia has been on Tier 3 of the trafficking report since 2013.",
                   "2024-07-01")
    assert found == [("streak", "RUS", 2024, "supported")]


def test_release_day_article_speaks_of_the_new_report(index):
    # The 2014 report came out on 20 June 2014, when Thailand fell from the Watch List.
    found = claims(index, "Thailand was placed on Tier 3 in the trafficking report released "
                   "today.", "2014-06-20")
    assert found == [("tier", "THA", 2014, "supported")]


def test_counts_in_words(index):
    found = claims(index, "The 2014 report put twenty-three countries on Tier 3.")
    assert found == [("tier_count", "", 2014, "supported")]


def test_the_precision_the_writer_used(index):
    text = "The 2016 Global Slavery Index estimates that 18.3 million people live in modern slavery in India."
    assert claims(index, text) == [("gsi_number", "IND", 2016, "supported")]
    text = "In the 2023 Global Slavery Index, Eritrea's prevalence was 9.0 percent of the population."
    assert claims(index, text) == [("gsi_prevalence", "ERI", 2023, "supported")]


def test_a_world_total_is_no_country_figure(index):
    text = ("The 2018 Global Slavery Index counts 40.3 million people in modern slavery "
            "worldwide; India has 7,989,000 of them.")
    assert claims(index, text) == [("gsi_number", "IND", 2018, "supported")]


def test_format_characters_do_not_hide_a_claim(index):
    text = "The 2018 trafficking report placed Bur\u200bma on Tier 3."
    report = check_text(text, index)
    (c,) = report["claims"]
    assert c.countries == ["MMR"] and c.verdict == "supported"
    assert text[c.start:c.end] == text  # offsets are the original text's


def test_an_unclear_reading_is_not_called_contradicted(index):
    # The tier reaches these countries only through the earlier sentence: a disagreement with
    # the record is reported as unclear, not as the author's mistake.
    text = ("Several governments were named: India, Brazil and Chile. The 2014 report placed "
            "them on Tier 3.")
    verdicts = {v for _, _, _, v in claims(index, text)}
    assert "contradicted" not in verdicts


def test_every_claim_says_how_it_was_read(index):
    report = check_text("Other countries on the blacklist include Iran. The 2014 report put "
                        "Thailand on Tier 3. The list also includes Syria.", index)
    syria = next(c for c in report["claims"] if c.countries == ["SYR"])
    assert "earlier sentence" in syria.resolution["tier"]["from"]
    named = syria.resolution["tier"]
    assert report["text"][named["start"]:named["end"]].startswith(("The 2014", "Other"))
    assert 0 < syria.confidence < 1


def test_json_says_how_every_claim_was_read(index):
    import json

    from tiptrace.claims.report import as_json

    text = ("Four countries drew criticism: Thailand, Malaysia, Venezuela and Gambia. The 2014 "
            "trafficking report relegated the four countries to the lowest tier.")
    data = json.loads(as_json(check_text(text, index)))
    assert data["claims"]
    for c in data["claims"]:
        res = c["resolution"]
        assert {"countries", "tier", "year"} <= set(res) and 0 < c["confidence"] <= 1
        # the countries came from the first sentence, the tier from the second
        first = text[res["countries"]["start"]:res["countries"]["end"]]
        assert first.startswith("Four countries")
        assert res["year"]["year"] == 2014
