"""The finding stage: sentence boundaries and country mentions."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tiptrace.claims.gazetteer import find_countries
from tiptrace.claims.text import MAX_SENTENCE, sentences


def pieces(text):
    return [text[s:e] for s, e in sentences(text)]


def test_sentence_ends_and_abbreviations():
    text = ("The U.S. State Department placed Burma on Tier 3. Mr. Smith disagreed!\n\n"
            "A new paragraph (e.g. this one) follows")
    assert [p.strip() for p in pieces(text)] == [
        "The U.S. State Department placed Burma on Tier 3.", "Mr. Smith disagreed!",
        "A new paragraph (e.g. this one) follows"]


def test_closing_quotes_and_blank_lines():
    assert [p.strip() for p in pieces('He said "Tier 3." Then left.\n \nNext')] == [
        'He said "Tier 3."', "Then left.", "Next"]


@given(st.text(alphabet="ab .!?\n\"'U.S", max_size=300))
def test_sentences_tile_the_text(text):
    spans = sentences(text)
    # Contiguous, non-empty, bounded, and nothing but white space outside them.
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    assert all(0 < e - s <= MAX_SENTENCE for s, e in spans)
    covered = "".join(text[s:e] for s, e in spans)
    assert covered.strip() == text.strip()


def test_long_runs_are_cut():
    spans = sentences("x" * (MAX_SENTENCE * 2 + 5))
    assert [e - s for s, e in spans] == [MAX_SENTENCE, MAX_SENTENCE, 5]


def codes(text):
    return [(m.iso3, m.text) for m in find_countries(text)]


def test_whole_words_only():
    assert codes("A woman from Oman, not Romania's neighbour Germany.") == [
        ("OMN", "Oman"), ("ROU", "Romania"), ("DEU", "Germany")]


def test_demonyms_and_acronyms():
    assert codes("Russian and Cuban officials met the DPRK and the U.S. envoys; US aid, "
                 "not 'us' or USB.") == [
        ("RUS", "Russian"), ("CUB", "Cuban"), ("PRK", "DPRK"), ("USA", "U.S."), ("USA", "US")]


def test_the_north_needs_korea_in_the_text():
    assert codes("The North said so.") == []
    assert ("PRK", "the North") in codes("North Korea and South Korea met; the North said so.")


def test_accents_and_aliases():
    assert codes("Côte d'Ivoire, Türkiye and Burma") == [
        ("CIV", "Côte d'Ivoire"), ("TUR", "Türkiye"), ("MMR", "Burma")]


def test_one_mention_per_name():
    assert codes("Workers in the UAE.") == [("ARE", "the UAE")]


# The fast path (RE2 through pyarrow, for large texts) must give exactly the pure-Python answer.
PIECES = st.sampled_from(["Tier 3", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\xa0", "\u2003", "\x1c",
                          ".", "!", "?", '"', "'", ")", "]", "\u201d", "\u2019", "U.S.", "Mr.", "e.g.",
                          "Inc.", "watch list", "trafficking", "50%", "é", "Russia", "x", "Ab"])


def both_paths(monkeypatch, text):
    from tiptrace.claims import fast
    from tiptrace.claims.check import find_candidates

    monkeypatch.setattr(fast, "FAST_MIN", 10**12)
    slow = find_candidates(text)
    monkeypatch.setattr(fast, "FAST_MIN", 0)
    return slow, find_candidates(text)


@settings(deadline=None)  # the first example imports pyarrow
@given(st.lists(PIECES, max_size=80).map("".join))
def test_fast_path_gives_the_same_sentences_and_candidates(text):
    import pytest

    with pytest.MonkeyPatch.context() as mp:
        slow, quick = both_paths(mp, text)
    assert quick[1] == slow[1] and quick[3] == slow[3]


def test_fast_path_on_a_large_article(monkeypatch):
    import yaml

    from tiptrace.claims import fast

    here = __import__("pathlib").Path(__file__).parent
    texts = [i["text"] for i in yaml.safe_load((here / "eval.yaml").read_text("utf-8"))]
    article = "\n\n".join(" ".join(texts[i:i + 5]) for i in range(0, len(texts), 5)) * 20
    assert len(article) > fast.FAST_MIN
    slow, quick = both_paths(monkeypatch, article)
    assert quick[1] == slow[1] and quick[3] == slow[3] and len(slow[1]) > 1000


def test_fast_path_declines_what_it_cannot_promise():
    from tiptrace.claims import fast

    big = "A sentence. " * 20000
    assert fast.break_ends(big + "\x00") is None  # its marker character
    assert fast.break_ends(big + "\ud800") is None  # a lone surrogate cannot be UTF-8
    assert fast.break_ends("short. text") is None
