"""Untrusted text: any bytes, any size up to the limit, no crash, linear time, escaped HTML."""

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiptrace.claims.check import check_text
from tiptrace.claims.report import RENDERERS, as_html
from tiptrace.claims.text import MAX_BYTES, TextError, decode
from tiptrace.claims.verify import RecordIndex


@pytest.fixture(scope="module")
def index(store):
    return RecordIndex.from_store(store)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=2000))
def test_any_text_is_handled(index, text):
    report = check_text(text, index)
    for render in RENDERERS.values():
        render(report)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_clear_error(index, data):
    try:
        check_text(data, index)
    except TextError as exc:
        assert "UTF" in str(exc)


ADVERSARIAL = [
    "Tier " * 20000,
    "North Korea " * 20000,
    "for the " * 20000 + "consecutive",
    "1" * 100000,
    "1,000," * 20000,
    "per per per " * 20000,
    ("a " * 50000) + "Tier 3",
    "." * 100000,
    "according to " * 20000,
    "Tier 2 Watch List for the third consecutive year since 2019 " * 2000,
    "\n\n" * 50000,
    "followed by China, " * 10000,
    "Internationally. " * 30000,
    "!?" * 50000 + " Tier 3",
    '."' * 50000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_inputs_run_in_linear_time(index, text):
    check_text("Tier 3. " * 30000, index)  # warm up: the large-text path imports pyarrow once
    t0 = time.perf_counter()
    check_text(text, index)
    small = time.perf_counter() - t0
    t0 = time.perf_counter()
    check_text(text * 4, index)
    big = time.perf_counter() - t0
    # Four times the input must not cost much more than four times the time (catastrophic
    # backtracking would be quadratic or worse). Generous slack for timer noise.
    assert big < 8 * small + 0.5, (small, big)


def test_size_limit_and_encoding_errors_are_clear():
    with pytest.raises(TextError, match="limit"):
        decode(b"a" * (MAX_BYTES + 1))
    with pytest.raises(TextError, match="not UTF-8"):
        decode(b"Thailand \xe9 Tier 3")


def test_html_output_escapes_the_article(index):
    evil = ('<script>alert("x")</script> North Korea was on Tier 3 in 2020. '
            '<img src=x onerror=alert(1)> "><b>bold</b>')
    out = as_html(check_text(evil, index))
    assert "<script>alert" not in out and "<img src=x" not in out and "<b>bold" not in out
    assert "&lt;script&gt;" in out and '<mark class="supported"' in out


def test_json_offsets_point_at_the_sentence(index):
    text = "Intro line.\n\nRussia was on Tier 3 in 2015. Then more."
    report = json.loads(RENDERERS["json"](check_text(text, index)))
    (claim,) = report["claims"]
    assert text[claim["start"]:claim["end"]].startswith("Russia was on Tier 3")
