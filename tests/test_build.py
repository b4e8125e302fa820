"""The packaged dataset is exactly what scripts/build_record.py makes from the sources."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


@pytest.mark.skipif(not SHARED.is_dir(), reason="the assembled source tables are not beside "
                    "this checkout (../shared/data)")
def test_packaged_data_is_reproducible_from_sources():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_record.py"), "--check"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def _build_module(monkeypatch, tmp_path, fills: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_record", ROOT / "scripts" / "build_record.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "tip_fills.csv").write_text(
        "iso3,country_name,report_year,tier,source,evidence,quality,waiver_or_auto\n" + fills, "utf-8")
    monkeypatch.setattr(module, "CURATION", tmp_path)
    return module


def test_a_narrative_saying_not_rated_outranks_a_research_code(monkeypatch, tmp_path):
    build = _build_module(monkeypatch, tmp_path,
                          "TKM,Turkmenistan,2007,not_rated,https://example.org/2007,"
                          "not included in this report,primary,\n"
                          "LSO,Lesotho,2007,not_rated,https://example.org/x,said in a blog,secondary,\n")
    coded = {"tier": "special", "quality": "dataset", "watch_list_rule": "", "source": "Cho",
             "evidence": "", "name_in_source": ""}
    rows = [{"iso3": "TKM", "report_year": "2007", **coded},
            {"iso3": "LSO", "report_year": "2007", **coded}]
    log, not_rated = [], []
    kept = build.merge_fills(rows, log, not_rated)
    # The report's own text removes the coded row; a blog does not outrank the coding.
    assert [(r["iso3"], r["tier"]) for r in kept] == [("LSO", "special")]
    assert [n["iso3"] for n in not_rated] == ["TKM"]
    assert {e["change"] for e in log} == {"removed (not rated)", "conflict-kept-old"}


def test_the_next_report_settles_an_early_special_code(monkeypatch, tmp_path):
    # Kiribati 2007: the 2008 report says it "remains a special case for a second consecutive year".
    build = _build_module(monkeypatch, tmp_path,
                          "KIR,Kiribati,2007,special,https://example.org/2008,"
                          "remains a special case for a second consecutive year,derived,\n"
                          "KIR,Kiribati,2012,3,https://example.org/x,a derived reading,derived,\n")
    rows = [{"iso3": "KIR", "report_year": "2007", "tier": "special", "quality": "dataset",
             "watch_list_rule": "", "source": "Cho", "evidence": "", "name_in_source": ""},
            {"iso3": "KIR", "report_year": "2012", "tier": "2WL", "quality": "dataset",
             "watch_list_rule": "", "source": "Cho", "evidence": "", "name_in_source": ""}]
    kept = {r["report_year"]: r for r in build.merge_fills(rows, [], [])}
    assert kept["2007"]["quality"] == "derived"  # checked against the report's words
    assert kept["2012"]["tier"] == "2WL"  # elsewhere a derived reading does not outrank a coding


def test_equally_graded_readings_that_disagree_stop_the_build(monkeypatch, tmp_path):
    build = _build_module(monkeypatch, tmp_path,
                          "TON,Tonga,2008,special,https://example.org/a,one reading,copy,\n"
                          "TON,Tonga,2008,not_rated,https://example.org/b,another reading,copy,\n")
    with pytest.raises(SystemExit, match="equally graded"):
        build.merge_fills([], [], [])


def test_a_waiver_named_by_a_weaker_reading_applies_to_the_same_placement(monkeypatch, tmp_path):
    # Mali 2022: the narrative (primary) gives the tier; the waiver memo, reprinted (copy), names the waiver.
    build = _build_module(monkeypatch, tmp_path,
                          "MLI,Mali,2022,2WL,https://example.org/narrative,MALI (Tier 2 WL),primary,\n"
                          "MLI,Mali,2022,2WL,https://example.org/memo,waiver ... Mali,copy,waiver\n"
                          "MLI,Mali,2021,2,https://example.org/n21,MALI (Tier 2),primary,\n"
                          "MLI,Mali,2021,2WL,https://example.org/blog,a blog: waiver,secondary,waiver\n")
    log = []
    rows = {r["report_year"]: r for r in build.merge_fills([], log, [])}
    assert rows["2022"]["watch_list_rule"] == "waiver" and rows["2022"]["source"].endswith("narrative")
    assert rows["2021"]["watch_list_rule"] == ""  # a waiver for another tier is not carried over
    assert any(e["change"] == "report says waiver" and e["source"].endswith("memo") for e in log)
