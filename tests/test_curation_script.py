"""scripts/curation.py: task files from the record's open cells; checked merges of new rows."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "curation.py"
HEADER = "iso3,country_name,report_year,tier,source,evidence,quality,waiver_or_auto\n"
VERIFY_HEADER = "topic,iso3,country_name,report_year,finding,value,source,evidence,quality\n"


@pytest.fixture()
def curation(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("curation", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fills = tmp_path / "tip_fills.csv"
    fills.write_text(HEADER, "utf-8")
    verify = tmp_path / "verify.csv"
    verify.write_text(VERIFY_HEADER, "utf-8")
    monkeypatch.setattr(module, "FILLS", fills)
    monkeypatch.setattr(module, "VERIFY", verify)
    return module


def test_tasks_cover_every_open_cell(curation, tmp_path):
    curation.tasks(tmp_path / "tasks", 3)
    lines = [ln for f in sorted((tmp_path / "tasks").glob("task*.txt"))
             for ln in f.read_text("utf-8").splitlines()[1:]]
    cells = curation.open_cells()
    assert len(lines) == len(cells)
    iso3, year, why = next(c for c in cells if c[2] == "gap")
    assert any(ln.startswith(f"{iso3},{year},gap") for ln in lines)


def test_merge_refuses_malformed_rows(curation, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "XXX,Nowhere,2025,4,ftp://x,,best,\n", "utf-8")
    assert curation.merge([bad]) == 1
    err = capsys.readouterr().err
    assert "Unknown country" in err and "tier '4'" in err and "nothing merged" in err
    assert curation.FILLS.read_text("utf-8") == HEADER


def test_merge_refuses_disagreement_unless_accepted(curation, tmp_path):
    row = tmp_path / "row.csv"
    # The record has Mauritania on Tier 2 in 2025 (ecoi.net narrative); a row saying 2WL conflicts.
    row.write_text(HEADER + "MRT,Mauritania,2025,2WL,https://example.org/x,MAURITANIA (Tier 2 "
                   "Watch List),primary,\n", "utf-8")
    assert curation.merge([row]) == 1
    assert curation.FILLS.read_text("utf-8") == HEADER
    assert curation.merge([row], accept_conflicts=True) == 0
    assert "MRT,Mauritania,2025,2WL" in curation.FILLS.read_text("utf-8")


def test_verify_rows_are_checked_and_go_to_verify_csv(curation, tmp_path, capsys):
    bad = tmp_path / "bad_verify.csv"
    bad.write_text(VERIFY_HEADER + "state_sponsored,PRK,North Korea,2025,maybe,,https://x.org/a,"
                   "policy or pattern,primary\n", "utf-8")
    assert curation.merge_verify([bad]) == 1
    assert "finding 'maybe'" in capsys.readouterr().err
    # North Korea is on the record's 2025 list: a row saying it is not listed is a disagreement.
    off = tmp_path / "off.csv"
    off.write_text(VERIFY_HEADER + "state_sponsored,PRK,North Korea,2025,not_listed,,"
                   "https://x.org/a,no policy or pattern,primary\n", "utf-8")
    assert curation.merge_verify([off]) == 1
    assert curation.VERIFY.read_text("utf-8") == VERIFY_HEADER
    ok = tmp_path / "ok.csv"
    ok.write_text(VERIFY_HEADER + "state_sponsored,PRK,North Korea,2025,confirmed,,"
                  "https://x.org/a,there was a government policy or pattern,primary\n", "utf-8")
    assert curation.merge_verify([ok]) == 0
    assert "PRK,North Korea,2025,confirmed" in curation.VERIFY.read_text("utf-8")
