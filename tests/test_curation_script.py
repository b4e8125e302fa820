"""scripts/curation.py: task files from the record's open cells; checked merges of new rows."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "curation.py"
HEADER = "iso3,country_name,report_year,tier,source,evidence,quality,waiver_or_auto\n"


@pytest.fixture()
def curation(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("curation", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fills = tmp_path / "tip_fills.csv"
    fills.write_text(HEADER, "utf-8")
    monkeypatch.setattr(module, "FILLS", fills)
    return module


def test_tasks_cover_every_open_cell(curation, tmp_path):
    curation.tasks(tmp_path / "tasks", 3)
    lines = [ln for f in sorted((tmp_path / "tasks").glob("task*.txt"))
             for ln in f.read_text("utf-8").splitlines()[1:]]
    assert len(lines) == len(curation.open_cells())
    assert any(ln.startswith("BEN,2025,gap") for ln in lines)


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
