"""The check page: the article with its claims highlighted, each verdict linked to the record
rows it used; a text over the limit is refused with a notice, never cut."""

import re

ARTICLE = ("Thailand was placed on Tier 3 in the 2014 report. Burma was on Tier 2 in 2016, "
           "officials said.\n\nThe GSI 2018 estimated 610,000 people in Thailand.")


def test_article_highlighted_and_verdicts_link_rows(client, store):
    from tiptrace.claims.check import check

    expected = sorted(check(ARTICLE, store)["claims"], key=lambda c: c.start)
    page = client.post("/check", data={"text": ARTICLE}).text
    article = re.search(r'<article class="checked">(.*?)</article>', page, re.S).group(1)
    marks = re.findall(r'<mark class="(\w+)" id="claim-(\d+)-text"><a href="#claim-\2">(.*?)</a>',
                       article)
    assert [(m[0], m[2]) for m in marks] == [(c.verdict, ARTICLE[c.start:c.end]) for c in expected]
    for i, c in enumerate(expected, 1):
        row = re.search(rf'<tr id="claim-{i}">(.*?)</tr>', page, re.S).group(1)
        for r in c.rows:
            if "report_year" in r:
                assert f'href="/country/{r["iso3"]}#y{r["report_year"]}"' in row
            else:
                assert f'href="/country/{r["iso3"]}/gsi"' in row
    # The link targets exist: the country page has one row per report year.
    burma = client.get("/country/MMR").text
    assert 'id="y2016"' in burma


def test_long_text_is_not_cut_and_too_long_is_refused_with_a_notice(client):
    page = client.get("/check").text
    assert "maxlength" not in page[page.index("<textarea"):page.index("</textarea>")]
    filler = "Nothing to check here. " * 12_000  # ~280,000 characters: over the old cut
    page = client.post("/check", data={"text": filler + ARTICLE}).text
    assert "Thailand was placed on Tier 3" in re.search(
        r'<article class="checked">(.*?)</article>', page, re.S).group(1)
    huge = "x" * (2 * 1024 * 1024 + 10)
    r = client.post("/check", data={"text": huge}, headers={"accept": "text/html"})
    assert r.status_code == 413 and "2 MB" in r.text and "<h1>" in r.text
