"""Years in a sentence, and which report or edition an article's date points to.

A four-digit number is a report year only when it refers to a report, edition or ranking ("the
2014 report", "in 2014 the State Department ..."); "the 2022 World Cup", "April 2013" and "the
2000 Trafficking Victims Protection Act" are not, and "since 2013" starts a streak.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from ..record.releases import gsi_releases, tip_release

IC = re.IGNORECASE
YEAR = re.compile(r"(?<![\d,.$])((?:19|20)\d\d)(?!\d|,\d|\.\d)(?:['\u2019]s)?")
_REPORT_AFTER = re.compile(r"\s*(?:(?:annual|u\.?s\.?|us|state\s+department(?:['\u2019]s)?|"
                           r"global|new|latest)\s+)*(?:trafficking[\s-]+in[\s-]+persons|tip\b|"
                           r"t\.i\.p\.|report|edition|index|global\s+slavery|gsi\b|ranking|"
                           r"rankings|list|assessment|tiers?\b|watch\s*list|survey|estimates?|"
                           r"release)", IC)
_EDITION_WORDS = re.compile(r"index|global\s+slavery|gsi|edition|estimates?|survey", IC)
_SINCE_BEFORE = re.compile(r"(?:since|every\s+year\s+since|each\s+year\s+since|ever\s+since|"
                           r"every\s+report\s+since|continuously\s+since|from)\s+(?:the\s+)?$",
                           IC)
# "up from 21 in 2013", "compared with 18 in 2012": a figure of another year, for comparison.
_COMPARED_BEFORE = re.compile(r"\b(?:up|down|rising|falling|increase\w*|decrease\w*)\s+from\s+"
                              r"(?:[\w,.]+\s+){1,2}(?:in|the\s+year\s+before|in\s+the)\s+$|"
                              r"\bcompared\s+(?:with|to)\s+(?:[\w,.]+\s+){1,3}(?:in\s+)?$|"
                              r"\bversus\s+(?:[\w,.]+\s+){1,2}in\s+$", IC)
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATE_BEFORE = re.compile(_MONTHS + r"\.?\s+(?:\d{1,2},?\s+)?$|\b\d{1,2}\s+" + _MONTHS + r"\s+$"
                          r"|(?:fiscal|fy|financial)\s*(?:year\s+)?$|\$\s*$", IC)
# "the 2022 World Cup", "the 2000 Trafficking Victims Protection Act", "2008 Olympics".
_EVENT_AFTER = re.compile(r"\s+(?:trafficking\s+victims|tvpa|world\s+cup|olympic|games|"
                          r"election|elections|coup|war\b|earthquake|tsunami|hurricane|cyclone|"
                          r"law\b|act\b|census|budget|summit|visit|protests?|uprising|crisis|"
                          r"flood|pandemic|constitution|agreement|deal\b|treaty|sanctions|"
                          r"championship|expo|cup\b|referendum|amendment|reauthori)", IC)
_EVENT_CONTEXT = re.compile(r"\b(?:passed|enacted|signed|adopted|born|founded|established|"
                            r"invaded|elected|took\s+office|hosted|hosts|host|ratified|"
                            r"introduced|launched\s+(?:a|its)\s+(?:national|action))\b", IC)
# "between April 2013 and March 2014": the reporting period, not the report.
_PERIOD = re.compile(r"\breporting\s+period\b|\bcovering\b|\bcovers\b", IC)


class YearRef(NamedTuple):
    year: int
    start: int
    end: int
    role: str  # report (a TIP report) | edition (of the GSI) | time | since | other


@lru_cache(maxsize=512)
def year_refs(s: str) -> list[YearRef]:
    """The four-digit years of S with their role (cached: a sentence is asked several times)."""
    out = []
    for m in YEAR.finditer(s):
        y, a = int(m.group(1)), m.start()
        before = s[max(0, a - 30):a]
        after = s[m.end():m.end() + 45]
        if _SINCE_BEFORE.search(before):
            role = "since"
        elif _COMPARED_BEFORE.search(before):
            role = "other"
        elif _DATE_BEFORE.search(before):
            role = "other"
        elif (rep := _REPORT_AFTER.match(after)) is not None:
            # "the 2016 Global Slavery Index" names an edition, not a TIP report
            role = "edition" if _EDITION_WORDS.search(rep.group(0)) else "report"
        elif _EVENT_AFTER.match(after) or (
                re.search(r"\b(?:the|a|an|its|their|this|that)\s+$", before, IC)
                and re.match(r"\s+[A-Z][a-z]", after) and not re.match(
                    r"\s+(?:Trafficking\s+in|TIP|Report|Global\s+Slavery|GSI|Index|Tier)", after)):
            role = "other"
        elif _EVENT_CONTEXT.search(s[max(0, a - 50):m.end() + 30]) and not re.search(
                r"\b(?:report|tier|ranking|index|list)\b", s[max(0, a - 40):m.end() + 40], IC):
            role = "other"
        else:
            role = "time"
        out.append(YearRef(y, a, m.end(), role))
    return out


RELATIVE = re.compile(r"\b(?P<prev>last\s+year(?:['\u2019]s)?|a\s+year\s+(?:earlier|before|ago)|"
                      r"the\s+(?:previous|prior|preceding)\s+(?:year|report|edition)|"
                      r"previous\s+(?:year|report)|the\s+year\s+before|(?:twelve|12)\s+months\s+(?:ago|earlier|"
                      r"before)|a\s+year\s+earlier)\b|"
                      r"\b(?P<this>this\s+year(?:['\u2019]s)?|this\s+week(?:['\u2019]s)?|"
                      r"the\s+(?:new|latest|current|newest)\s+(?:report|edition|index|ranking)|"
                      r"(?:released|published|issued|unveiled)\s+(?:on\s+)?(?:today|"
                      r"yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
                      IC)


def relative_year(s: str, lo: int = 0, hi: int | None = None) -> int | None:
    """-1 for "last year", 0 for "this year" / "the new report", None if neither is said.
    "up from 17 a year earlier" compares a figure with last year's; it dates nothing else."""
    for m in RELATIVE.finditer(s, lo, len(s) if hi is None else hi):
        if _COMPARED_BEFORE.search(s[max(0, m.start() - 40):m.start()] + " in "):
            continue
        return -1 if m.group("prev") else 0
    return None


def report_for_date(date: dt.date | None, years: list[int]) -> tuple[int, str]:
    """The TIP report current on DATE (reports appear on their release day)."""
    if date is None:
        return years[-1], f"no year or date given: the latest report ({years[-1]}) was used"
    y = date.year
    if date < tip_release(y).date:
        y -= 1
    y = max(min(y, years[-1]), years[0])
    r = tip_release(y)
    when = (f"it came out on {r.date.isoformat()}" if r.source
            else "reports appear around the end of June")
    this_year = tip_release(date.year)
    if not this_year.source and abs((date - this_year.date).days) <= 75:
        when += f"; the record lacks the {date.year} release day, so either report may be meant"
    return y, f"the {y} report was current on {date.isoformat()} ({when})"


def edition_for_date(date: dt.date | None, editions: list[int]) -> tuple[int, str]:
    if date is None:
        return editions[-1], f"no year or date given: the latest edition ({editions[-1]}) was used"
    current = [e for e, r in gsi_releases().items() if r.date <= date and e in editions]
    if not current:
        return editions[0], f"no edition was out on {date.isoformat()}; the first was used"
    e = max(current)
    return e, (f"the {e} edition was current on {date.isoformat()} (released "
               f"{gsi_releases()[e].date.isoformat()})")
