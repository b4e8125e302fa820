"""The notebook API returns DataFrames computed from the same store."""

import pandas as pd
import pytest

import tiptrace
from tiptrace.errors import NoDataError, UnknownCountryError


def test_tiers_dataframe(store, db_path):
    df = tiptrace.tiers(year=2015, db=str(db_path))
    assert isinstance(df, pd.DataFrame)
    assert df.loc[df.iso3 == "THA", "tier"].item() == "3"
    assert df["report_year"].eq(2015).all()
    assert {"source", "quality", "evidence"} <= set(df.columns)


def test_gsi_and_rank_dataframes(db_path):
    df = tiptrace.gsi(2023, db=str(db_path))
    assert (df["edition"] == 2023).all() and len(df) == 180
    top = tiptrace.gsi_rank(2023, by="prevalence", top=3, db=str(db_path))
    assert top["country"].tolist() == ["PRK", "ERI", "MRT"]
    with pytest.raises(NoDataError):
        tiptrace.gsi(2015, db=str(db_path))


def test_history_and_streak(db_path):
    h = tiptrace.history("Cuba", db=str(db_path))
    assert h.set_index("report_year").loc[2015, "tier"] == "2WL"
    s = tiptrace.streak("Cuba", 2014, db=str(db_path))
    assert (s.tier, s.start, s.end, s.length) == ("3", 2003, 2014, 12)
    assert s.preceded_by == "first report" or s.preceded_by in ("not rated", "data gap")
    with pytest.raises(UnknownCountryError):
        tiptrace.history("Atlantis", db=str(db_path))


def test_countries_and_sources():
    assert tiptrace.countries("Burma")["iso3"].tolist() == ["MMR"]
    assert tiptrace.sources()["name"] == "tiptrace-record"
