"""The finding stage: sentence boundaries and country mentions."""

from hypothesis import given
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
