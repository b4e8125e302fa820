import pytest

from tiptrace.errors import UnknownCountryError
from tiptrace.record.countries import all_countries, normalize, resolve

SPELLINGS = {
    "Burma": "MMR", "Myanmar": "MMR", "DPRK": "PRK", "Korea, North": "PRK",
    "Democratic People's Republic of Korea": "PRK", "North Korea": "PRK", "kp": "PRK",
    "Korea, South": "KOR", "Republic of Korea": "KOR", "Côte d'Ivoire": "CIV",
    "Cote d’Ivoire": "CIV", "Ivory Coast": "CIV", "Türkiye": "TUR", "Turkey": "TUR",
    "Swaziland": "SWZ", "Eswatini": "SWZ", "Macedonia": "MKD", "North Macedonia": "MKD",
    "Cabo Verde": "CPV", "Cape Verde": "CPV", "Czech Republic": "CZE", "The Gambia": "GMB",
    "Democratic Republic of the Congo": "COD", "Congo (Brazzaville)": "COG", "Laos": "LAO",
    "Russian Federation": "RUS", "Viet Nam": "VNM", "Curaçao": "CUW", "Curacao": "CUW",
    "St. Vincent and the Grenadines": "VCT", "Timor-Leste": "TLS", "Brunei": "BRN",
    "tha": "THA", "TH": "THA", "thailand": "THA", "  THAILAND ": "THA",
}


@pytest.mark.parametrize("spelling,iso3", sorted(SPELLINGS.items()))
def test_every_source_spelling_resolves(spelling, iso3):
    assert resolve(spelling) == iso3


@pytest.mark.parametrize("name,iso3,kind", [
    ("Kosovo", "XKX", "non-iso"),
    ("Serbia and Montenegro", "SCG", "historic"),
    ("Netherlands Antilles", "ANT", "historic"),
    ("Hong Kong", "HKG", "iso"),
    ("Macau", "MAC", "iso"),
    ("Taiwan", "TWN", "iso"),
    ("Sint Maarten", "SXM", "iso"),
])
def test_entities_the_report_rates_outside_iso(name, iso3, kind):
    assert resolve(name) == iso3
    assert all_countries()[iso3].kind == kind


def test_unknown_name_suggests_closest():
    with pytest.raises(UnknownCountryError) as err:
        resolve("Thailnd")
    assert "Thailand (THA)" in err.value.suggestions
    with pytest.raises(UnknownCountryError) as err:
        resolve("Korea")
    assert {"South Korea (KOR)", "North Korea (PRK)"} <= set(err.value.suggestions)


def test_normalize_folds_accents_case_and_punctuation():
    assert normalize("Côte d'Ivoire") == normalize("COTE D IVOIRE")
    assert normalize("The Bahamas") == normalize("bahamas")
