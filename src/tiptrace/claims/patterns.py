"""Wording of checkable claims: tiers, streaks, lists, GSI figures. All patterns are linear
(no nested quantifiers) and run on one sentence at a time."""

from __future__ import annotations

import re

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "twenty-one": 21, "twenty-two": 22, "twenty-three": 23, "twenty-four": 24, "twenty-five": 25,
    "a dozen": 12,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
}
_NUM_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_ORD_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
NUM = rf"(?:\d{{1,3}}|{_NUM_WORDS})"
ORD = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORDS})"


def number(token: str) -> int | None:
    t = token.lower().strip()
    if t.isdigit():
        return int(t)
    if t in WORD_NUMBERS:
        return WORD_NUMBERS[t]
    if t in ORDINALS:
        return ORDINALS[t]
    digits = t[:-2]
    if t[-2:] in ("st", "nd", "rd", "th") and digits.isdigit():
        return int(digits)
    return None


IC = re.IGNORECASE
# Tiers, in the ways reporters write them.
TIER_WATCH = re.compile(r"\btier[\s-]*(?:2|two|ii)[\s-]+watch[\s-]*list\b|\bwatch[\s-]*list\b", IC)
TIER_NUM = re.compile(r"\btier[\s-]*(1|2|3|one|two|three|iii|ii|i)\b", IC)
SPECIAL = re.compile(r"\bspecial[\s-]+cases?\b", IC)
TIER_WORDS = {"1": "1", "one": "1", "i": "1", "2": "2", "two": "2", "ii": "2", "3": "3",
              "three": "3", "iii": "3", "first": "1", "top": "1", "highest": "1", "best": "1",
              "second": "2", "third": "3", "lowest": "3", "bottom": "3", "worst": "3"}

# Streaks.
STREAK_ORD = re.compile(rf"\b(?:for\s+(?:a|the)\s+)?({ORD})\s+(?:straight|consecutive|"
                        rf"successive)\s+(?:year|time|report|annual report)s?\b", IC)
STREAK_ORD_ROW = re.compile(rf"\b(?:for\s+the\s+)?({ORD})\s+(?:year|time)\s+in\s+a\s+row\b", IC)
STREAK_NUM_ROW = re.compile(rf"\b({NUM})\s+(?:straight\s+|consecutive\s+)?(?:years|times|reports)"
                            rf"\s+in\s+a\s+row\b", IC)
STREAK_FOR = re.compile(rf"\bfor\s+({NUM})\s+(?:straight|consecutive|successive)\s+"
                        rf"(?:years|reports)\b", IC)
STREAK_SINCE = re.compile(r"\b(?:since|every year since|each year since|ever since)\s+(?:the\s+(?:very\s+)?"
                          r"(?:first|inaugural)\s+(?:report|edition|list)\s+(?:in|of)\s+)?"
                          r"((?:19|20)\d\d)\b", IC)

# State-sponsored trafficking list.
STATE = re.compile(r"\bstate[\s-]+sponsor(?:ed|s|ing)?\b|\bpolicy\s+or\s+pattern\b|"
                   r"\bgovernment[\s-]+sponsored\s+(?:human\s+)?trafficking\b|"
                   r"\bstate[\s-]+sponsors?\s+of\s+(?:human\s+)?trafficking\b", IC)

# GSI.
GSI_CONTEXT = re.compile(r"\bglobal\s+slavery\s+index\b|\bmodern[\s-]+slavery\b|\bwalk\s+free\b"
                         r"|\bslavery\b|\benslaved\b|\bslaves\b", IC)
PEOPLE = re.compile(r"(?:about|around|some|nearly|almost|more\s+than|over|an\s+estimated|"
                    r"estimated)?\s*(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand)?\s+"
                    r"(?:people|persons|individuals|victims|slaves|men,\s+women\s+and\s+children)"
                    r"\b", IC)
PER_1000 = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s+"
                      r"(?:(?:people|victims|slaves|persons)\s+(?:[a-z]+\s+){0,4})?"
                      r"(?:per|in\s+every|"
                      r"out\s+of\s+every|for\s+every|of\s+every)\s+(?:1,000|1000|thousand)\b", IC)
RANK = re.compile(rf"\b(?:rank(?:s|ed|ing)?|came|comes|placed|is|was|sits|sat)\s+(?:at\s+)?"
                  rf"(?:no\.\s*|number\s+)?({ORD}|\d{{1,3}}|one)\b(?!\s*(?:%|per|million|people))",
                  IC)
AMOUNT_AT = re.compile(r"\b(?:at|to|of)\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|roughly\s+)?"
                       r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|thousand)\b", IC)
PREVALENCE_WORDS = re.compile(r"\bprevalence\b|\bper\s+capita\b|\brate\b|\bproportion\b|"
                              r"\bpercentage\b|\bper\s+(?:1,000|1000|thousand)\b|\bshare\s+of\s+"
                              r"(?:its|the)\s+population\b|\bof\s+(?:its|the)\s+population\b", IC)
NUMBER_WORDS = re.compile(r"\bnumber\b|\bmost\s+people\b|\babsolute\b|\bin\s+absolute\s+terms\b|"
                          r"\blargest\s+(?:population|number)\b|\bmillion\b", IC)
TOP_SHARE = re.compile(rf"\btop\s+({NUM})\s+(?:countries\s+|nations\s+)?(?:together\s+)?"
                       rf"(?:account(?:ed)?\s+for|hold|held|make\s+up|made\s+up|represent(?:ed)?|"
                       rf"are\s+home\s+to|were\s+home\s+to)\s+(?:about\s+|around\s+|nearly\s+|"
                       rf"almost\s+|some\s+|over\s+|more\s+than\s+)?(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|"
                       rf"percent)", IC)
SHARE_IN_K = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)\s+(?:of\s+(?:all\s+|the\s+)?"
                        rf"(?:\w+\s+){{0,6}})?(?:live|lived|are|were|is\s+found|found)\s+in\s+"
                        rf"(?:just\s+|only\s+)?({NUM})\s+countries\b", IC)
FOLLOWED_BY = re.compile(r"\bfollowed\s+by\b", IC)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
TIP_DOC_CONTEXT = re.compile(r"\btrafficking\b|\btip\s+report\b|\bstate\s+department\b|"
                             r"\btier[\s-]*(?:1|2|3|one|two|three)\b", IC)
TIP_CONTEXT = re.compile(r"\btrafficking\b|\btip\s+report\b|\bstate\s+department\b|\btier\b|"
                         r"\bwatch[\s-]*list\b", IC)

# --- Wording of real articles (issue 11): indirect tier words, movement, the list's names ---
# Indirect names of a tier; each needs a text about the TIP Report.
TIER_INDIRECT = re.compile(
    r"\b(?:(?P<second_low>second[\s-]+(?:worst|lowest|from\s+(?:the\s+)?bottom))[\s-]+(?:tier|rung|rank(?:ing)?|"
    r"rating|category|grade|level|classification|group|bracket|spot|place)s?\b|"
    r"(?P<second_high>second[\s-]+(?:best|highest))[\s-]+(?:tier|rung|rank(?:ing)?|"
    r"rating|category|grade|level|classification|group|bracket|spot|place)s?\b|"
    r"black[\s-]*list(?:ed|ing|s)?|worst[\s-]+(?:[a-z-]+\s+){0,2}?offenders?|worst[\s-]+performers?|"
    r"worst[\s-]+performing\s+(?:countries|nations)|"
    r"(?P<low>lowest|bottom|worst|last|lowest[\s-]+possible|poorest)[\s-]+(?:tier|rung|rank(?:ing)?|"
    r"rating|category|grade|level|classification|group|bracket|spot|place)s?\b|"
    r"bottom\s+of\s+(?:the\s+)?(?:[\w.'\u2019]+\s+){0,3}?(?:list|ranking|rankings|table|league)|"
    r"(?P<high>top|highest|best|best[\s-]+possible|highest[\s-]+possible)[\s-]+(?:tier|rung|rank(?:ing)?|"
    r"rating|category|grade|level|classification|group|bracket)s?\b|"
    r"(?P<ord>first|second|third|middle)[\s-]+(?:tier|rung|category|level)s?\b|"
    r"\b(?:at|to|in|near)\s+the\s+(?:very\s+)?(?P<at_low>bottom)\b(?![\s-]+(?:of|tier|rung|rank|"
    r"rating|category|grade|level|spot|place|group|bracket))|"
    r"\b(?:at|to|in)\s+the\s+(?:very\s+)?(?P<at_high>top)\b(?![\s-]+(?:of|tier|rung|rank|rating|"
    r"category|grade|level|spot|place|group|bracket|\d|ten|five|twenty)))", IC)
# Other lists of the same department, not the TIP Watch List. (The TIP reports of 2004-2008 also
# had a "Special Watch List": countries newly moved up or placed with doubts; it is read as
# the Watch List, which held most of them.)
SPECIAL_WATCH = re.compile(r"\breligious\s+freedom\b|\bchild\s+soldier|\bcountries\s+of\s+"
                           r"particular\s+concern\b", IC)
# What stands before a tier phrase and says how the country stands to it.
ROLE_FROM = re.compile(r"\bfrom\s+(?:the\s+|its\s+|a\s+)?$", IC)
ROLE_TO = re.compile(r"\b(?:to|into|onto|on\s+to|back\s+to|back\s+onto|up\s+to|down\s+to)\s+"
                     r"(?:the\s+|its\s+|a\s+)?$", IC)
ROLE_REMOVED = re.compile(
    r"\b(?:removed|removing|remove|removes|take|takes|taken|took|dropped|drop|dropping|came|come|comes|coming|moved|moving|"
    r"lifted|lifting|climbed|climbing|got|gets|get|stepped|emerged|emerging|escaped|graduated|"
    r"upgraded|freed|pulled|pulls|crawled|rose|risen|struck|delisted|exited|exit|exits|left|leaves|"
    r"leaving|leave|off)\s+(?:[\w'\u2019]+\s+){0,3}?(?:off|out\s+of|from)\s+(?:the\s+|its\s+)?$|"
    r"\bno\s+longer\s+(?:[\w'\u2019]+\s+){0,3}$|\b(?:left|exited|escaped|quit)\s+(?:the\s+)?$|"
    r"\boff\s+(?:the\s+)?(?:u\.?s\.?\s+|us\s+|american\s+|annual\s+|trafficking\s+){0,3}$",
    IC)
ROLE_NOT = re.compile(r"\b(?:not|never|n't|avoided|avoid|avoids|avoiding|escaped|escaping|"
                      r"spared|averted|dodged|kept\s+off|stayed\s+off|stays\s+off|stay\s+off|"
                      r"out\s+of|instead\s+of|rather\s+than|narrowly\s+missed|short\s+of|"
                      r"without)\s+(?:[\w'\u2019-]+\s+){0,4}$", IC)
# Movement verbs: what a "to" tier means ("downgraded to Tier 3" is this year's tier).
MOVE = re.compile(r"\b(?:upgrad\w*|downgrad\w*|promot\w*|demot\w*|relegat\w*|elevat\w*|"
                  r"rais\w*|lower\w*|mov\w*|dropp?\w*|fell|fall\w*|slipp?\w*|slid\w*|sank|sunk|"
                  r"sink\w*|rose|rise\w*|rising|climb\w*|lift\w*|return\w*|bump\w*|push\w*|"
                  r"pull\w*|knock\w*|plung\w*|plummet\w*|tumbl\w*|boost\w*|jump\w*|improv\w*)\b",
                  IC)
AFTER_YEARS = re.compile(rf"\bafter\s+(?:(?:a|an)\s+)?({NUM}|\d{{1,2}}|a|one|several|many|"
                         rf"(?:a\s+)?(?:single|lone))\s+(?:straight\s+|single\s+|"
                         rf"consecutive\s+|successive\s+)?(?:years?|reports?)\s+(?:on|in|at)\s+"
                         rf"(?:the\s+)?$", IC)
STREAK_MORE = re.compile(
    rf"\b(?:for\s+)?(?:the\s+)?(?:last|past)\s+({NUM})\s+(?:straight\s+|consecutive\s+)?"
    rf"(?:years|reports)\b|\b({NUM})\s+(?:straight|consecutive|successive)\s+(?:years|reports|"
    rf"times|editions)\b|\b({NUM})\s+years\s+running\b|\bfor\s+({NUM})\s+(?:years|reports)\s+"
    rf"(?:now|running|straight)\b|\bfor\s+({NUM})\s+years\b|\b({ORD})\s+(?:year|time)\s+running\b|"
    rf"\bfor\s+(?:a|the)\s+({ORD})\s+(?:year|time)\b|\b({ORD})[\s-]+(?:straight|consecutive|"
    rf"successive)\b|\b(?:spent|spending|spends)\s+({NUM})\s+(?:straight\s+|consecutive\s+)?"
    rf"(?:years|reports)\b", IC)
# The state-sponsored list in all its names.
STATE_MORE = re.compile(
    r"\bstate[\s-]+(?:sponsor\w*|sanction\w*|backed|directed|led|run)\s+(?:human\s+|forced\s+)?"
    r"(?:trafficking|forced\s+labou?r)\b|\bpolicy\s+or\s+pattern\b|"
    r"\bgovernment[\s-]+(?:sponsor\w*|backed|run|directed)\s+(?:human\s+)?(?:trafficking|forced\s+"
    r"labou?r)\b|\bsponsors?\s+of\s+(?:human\s+)?trafficking\b|"
    r"\bgovernments?\s+(?:that\s+(?:are|were)\s+|deemed\s+)?(?:directly\s+)?complicit\s+in\s+"
    r"(?:human\s+)?trafficking\b|\bstate\s+sponsors?\b|"
    r"\bgovernments?\s+(?:that|which|who)\s+traffics?\s+(?:in\s+)?their\s+own\s+(?:people|"
    r"citizens|population)\b|\b(?:directly\s+)?involved\s+in\s+(?:human\s+)?trafficking\s+"
    r"(?:their|its)\s+own\b|\bgovernments?\s+(?:it\s+said\s+)?(?:were|are)\s+directly\s+"
    r"involved\s+in\s+(?:human\s+)?trafficking\b", IC)
COUNT = re.compile(rf"(?<![\d,.])({NUM}|\d{{1,3}})\s+(?:other\s+|more\s+|additional\s+|"
                   rf"(?:african|asian|european|arab|latin\s+american|middle\s+eastern|gulf|"
                   rf"pacific|caribbean)\s+)?(?:countries|nations|governments|states|territories|"
                   rf"regimes|jurisdictions)\b", IC)
ANAPHOR = re.compile(rf"\b(?:(?:each|all|every\s+one)\s+of\s+(?:the\s+|these\s+|those\s+)?{NUM}|"
                     rf"they|them|these|those|both|each|all\s+(?:{NUM}|of\s+them)|"
                     rf"the\s+(?:{NUM}\s+)?(?:countries|nations|governments|states|neighbou?rs|"
                     rf"trio|pair|others?|two|three|four|five|six)|the\s+{NUM}\s+(?:[a-z-]+\s+){{0,2}}"
                     rf"[a-z]+s)\b", IC)
LIST_CUE = re.compile(r"\b(?:include|includes|included|including|among\s+them|among\s+others|"
                      r"also|joined|join|joins|other\s+(?:countries|nations|governments)|"
                      r"others\s+(?:are|were|include)|the\s+rest|as\s+well\s+as|in\s+addition|"
                      r"they\s+(?:are|were)\b|\btoo\b|\bas\s+well\b|\bthe\s+(?:other\s+)?(?:\w+\s+)?(?:governments|countries|"
                      r"nations|states)\s+(?:on\s+(?:the|it|this)\s+(?:\w+\s+)?)?(?:are|were|include|"
                      r"included)\b|"
                      r"namely|as\s+follows|these\s+(?:are|were)|the\s+list|this\s+(?:category|"
                      r"tier|group|list)|that\s+(?:category|tier|group|list)|such\s+as|"
                      r"alongside|along\s+with|like)\b", IC)
# "the list", "its new list", "the first list": the list last named in the text
BARE_LIST = re.compile(r"\b(?:the|this|that|its|their|a|the\s+new|the\s+first|the\s+latest)\s+"
                       r"(?:new\s+|first\s+|latest\s+|same\s+|annual\s+)?list\b", IC)
LIST_CUE_FIRM = re.compile(r"\b(?:include|includes|included|including|among\s+them|the\s+(?:list|"
                           r"tier|category|group)\s+also|other\s+(?:countries|nations|governments)|"
                           r"others\s+(?:are|were|include)|the\s+rest|namely|as\s+follows|"
                           r"these\s+(?:are|were)|they\s+(?:are|were)|the\s+(?:other\s+)?"
                           r"(?:\w+\s+)?(?:governments|countries|nations)\s+(?:on\s+\w+\s+\w*\s*)?"
                           r"(?:are|were|include))\b", IC)
SINGULAR = re.compile(r"^\s*(?:it|the\s+(?:country|kingdom|government|island\s+nation|nation|"
                      r"emirate|republic|regime|city-state|territory))\b(?!\s+(?:is|was)\s+"
                      r"(?:not\s+)?(?:clear|unclear|likely|possible|true|said|expected|reported))",
                      IC)
BULLET = re.compile(r"\s*(?:[-*\u2022\u00b7\u25aa\u2013]|\d{1,2}[.)])\s+")
GSI_HERE = re.compile(r"\bglobal\s+slavery\s+index\b|\bwalk\s+free\b|\bprevalence\b|"
                      r"\bper\s+(?:1,000|1000|thousand)\b|\bslavery\s+index\b|\bgsi\b", IC)
NEGATION_WORD = re.compile(r"\b(?:not|never|n't|no)\b|n['\u2019]t\b", IC)
# A placement that did not happen: "risked an automatic slide to Tier 3", "could face a
# downgrade to the blacklist", "would be dropped to Tier 3".
HYPOTHETICAL = re.compile(r"\b(?:risk(?:s|ed|ing)?|could|would|might|may|threat(?:en(?:s|ed)?)?|"
                          r"warn(?:s|ed|ing)?|fac(?:e|es|ed|ing)|possible|potential|if|unless|"
                          r"should|avoid(?:s|ed)?|fear(?:s|ed)?|prospect\s+of|any|can|cannot|"
                          r"must|requir\w*)\b"
                          r"(?:\s+[\w'\u2019-]+){0,5}\s+(?:the\s+|a\s+)?$", IC)
