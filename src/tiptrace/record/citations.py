"""Sources a person can cite: a row's source string turned into a citation, and tiptrace's own.

A row's `source` is what was read: a URL, or for the research codings and the Factbook mirror a
file path and variable. `cite_source` gives the citation a reader can follow (publisher, title,
date where the report's release date is known, link) and moves the path to `derived_from`.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

# Release dates of TIP Reports as stated by the copies and pages read for the record (refworld
# "Publication Date", State Department pages, press); other years give the year only.
RELEASE_DATES = {
    2003: "2003-06-11", 2004: "2004-06-14", 2009: "2009-06-16", 2010: "2010-06-14",
    2011: "2011-06-27", 2012: "2012-06-19", 2013: "2013-06-19", 2014: "2014-06-20",
    2015: "2015-07-27", 2018: "2018-06-28", 2019: "2019-06-20", 2020: "2020-06-25",
    2021: "2021-07-01", 2025: "2025-09-29",
}

# The research codings: the published work each file comes from (DOI only where certain).
KELLEY_SIMMONS = {
    "authors": "Judith G. Kelley and Beth A. Simmons",
    "title": "Politics by Number: Indicators as Social Pressure in International Relations",
    "year": 2015, "journal": "American Journal of Political Science", "volume": "59(1)",
    "pages": "55-70", "doi": "10.1111/ajps.12119",
}
KELLEY_BOOK = {
    "authors": "Judith G. Kelley",
    "title": "Scorecard Diplomacy: Grading States to Influence Their Reputation and Behavior",
    "year": 2017, "publisher": "Cambridge University Press",
}
RESEARCH = (
    ("kelley_simmons", KELLEY_SIMMONS),
    ("criminalization-cho", KELLEY_BOOK),
    ("tiers_2015", KELLEY_BOOK),
)

PUBLISHERS = {  # host -> who published the page (copies say whose text they reproduce)
    "state.gov": "US Department of State",
    "refworld.org": "US Department of State (copy on Refworld, UNHCR)",
    "unhcr.org": "US Department of State (copy on Refworld, UNHCR)",
    "ecoi.net": "US Department of State (copy on ecoi.net, Austrian Red Cross/ACCORD)",
    "usembassy.gov": "US Embassy (reproducing the US Department of State's report)",
    "gvnet.com": "gvnet.com (extracts of the US Department of State's report)",
    "cia.gov": "Central Intelligence Agency, The World Factbook",
    "federalregister.gov": "Federal Register",
}


def _work(w: dict[str, Any]) -> str:
    where = (f"{w['journal']} {w['volume']}: {w['pages']}" if "journal" in w
             else w.get("publisher", ""))
    doi = f". https://doi.org/{w['doi']}" if w.get("doi") else ""
    return f"{w['authors']} ({w['year']}). {w['title']}. {where}{doi}"


def _host(url: str) -> str:
    host = urlparse(url).netloc.lower()
    if "webarchive.archive.unhcr.org" in host:
        host = "refworld.org"
    for known in PUBLISHERS:
        if host == known or host.endswith("." + known):
            return known
    return host.removeprefix("www.")


def cite_source(source: str, report_year: int | None = None,
                country: str | None = None) -> dict[str, Any]:
    """{citation, publisher, title, date, link, derived_from} for a row's source string."""
    year = int(report_year) if report_year else None
    title = (f"{year} Trafficking in Persons Report" + (f": {country}" if country else "")
             if year else "Trafficking in Persons Report")
    date = RELEASE_DATES.get(year, str(year) if year else "") if year else ""
    if not source.startswith(("http://", "https://")):
        for key, work in RESEARCH:
            if key in source:
                return {"citation": _work(work) + f" (coding of the {year} report)" if year
                        else _work(work), "publisher": work.get("journal") or work["publisher"],
                        "title": work["title"], "date": str(work["year"]), "link":
                        f"https://doi.org/{work['doi']}" if work.get("doi") else None,
                        "derived_from": source}
        if "factbook" in source:
            m = re.search(r"(\d{4})-trafficking-in-persons-report", source)
            cited = f", citing the {m.group(1)} TIP Report" if m else ""
            return {"citation": f"Central Intelligence Agency, The World Factbook, "
                                f"'Trafficking in persons' (tier rating{cited})",
                    "publisher": PUBLISHERS["cia.gov"], "title": "Trafficking in persons",
                    "date": "", "link": "https://www.cia.gov/the-world-factbook/",
                    "derived_from": source}
        if "sure2018" in source:
            return {"citation": "Carnegie Mellon University SURE 2018 student project, "
                                "country summary data (undocumented provenance)",
                    "publisher": "Carnegie Mellon University (student project)",
                    "title": "country summary data", "date": "2018",
                    "link": "https://github.com/benjaminleroy/sure2018", "derived_from": source}
        return {"citation": source, "publisher": "", "title": "", "date": "", "link": None,
                "derived_from": source}
    # Several pages joined (the whole lists that narrow a cell): cite each.
    links = re.findall(r"<(https?://[^>]+)>", source)
    if links:
        return {"citation": source, "publisher": "", "title": "", "date": "",
                "link": links[0], "derived_from": None}
    host = _host(source)
    publisher = PUBLISHERS.get(host, host)
    official = host in ("state.gov", "refworld.org", "ecoi.net", "usembassy.gov", "gvnet.com")
    page_title = title if official else f"news or other page on {host}"
    when = f" ({date})" if official and date else ""
    return {"citation": f"{publisher}, {page_title}{when}. {source}", "publisher": publisher,
            "title": page_title, "date": date if official else "", "link": source,
            "derived_from": None}


def tiptrace_citation(version: str, data_version: str, years: str,
                      accessed: str) -> dict[str, str]:
    """The citation of tiptrace itself in plain text, APA and BibTeX."""
    title = ("tiptrace: US Trafficking in Persons Report tiers, the state-sponsored trafficking "
             "list and Global Slavery Index estimates, with their sources")
    year = accessed[:4]
    plain = (f"tiptrace contributors. {title}. Software version {version}, data version "
             f"{data_version} (TIP Report years {years}). Accessed {accessed}.")
    apa = (f"tiptrace contributors. ({year}). {title} (Version {version}; data version "
           f"{data_version}) [Computer software and data set]. Retrieved {accessed}.")
    bibtex = ("@software{tiptrace,\n"
              "  author = {{tiptrace contributors}},\n"
              f"  title = {{{title}}},\n"
              f"  version = {{{version}}},\n"
              f"  year = {{{year}}},\n"
              f"  note = {{Data version {data_version}, TIP Report years {years}}},\n"
              f"  urldate = {{{accessed}}}\n"
              "}")
    return {"plain": plain, "apa": apa, "bibtex": bibtex}
