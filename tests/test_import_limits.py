"""Imports that once crashed (deep JSON, huge numbers, surrogates, NUL, long text): each is a
validation error naming row and column, the same on SQLite and PostgreSQL; fuzzed files too."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import run_cli
from tiptrace.errors import ValidationError
from tiptrace.record.importer import MAX_PROBLEMS, import_file, validate
from tiptrace.record.schema import FIELDS

ROW = {"iso3": "USA", "report_year": 2011, "tier": "1", "source": "https://example.org/r"}
LIMIT = 500  # no problem message is longer than this (echoed values are cut to 60)


def _json(tmp_path, rows, name="rows.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows, ensure_ascii=True), "utf-8")
    return path


CASES = {
    # name: (file text, file suffix, expected words in the one problem)
    "deep_nesting": ("[" * 100_000 + "]" * 100_000, ".json", "line 1, column 101: nested too deeply"),
    "deep_cell": ('[{"iso3": "USA", "report_year": 2011, "source": "x", "tier": '
                  + "[" * 50_000 + "]" * 50_000 + "}]", ".json", "nested too deeply"),
    "5001_digit_year": (json.dumps([ROW]).replace("2011", "1" * 5001), ".json",
                        "row 1, column report_year: '111"),
    "5001_digit_year_csv": ("iso3,report_year,tier,source\nUSA," + "9" * 5001 + ",1,x\n", ".csv",
                            "row 2, column report_year"),
    "lone_surrogate": (json.dumps([{**ROW, "source": "a\ud800b"}]), ".json",
                       "row 1, column source: 'a\\ud800b' contains an unpaired surrogate U+D800"),
    "surrogate_in_country": (json.dumps([{**ROW, "iso3": "\udc80"}]), ".json",
                             "row 1, column iso3: '\\udc80' contains an unpaired surrogate"),
    "nul_in_text_json": (json.dumps([{**ROW, "evidence": "a\u0000b"}]), ".json",
                         "row 1, column evidence: 'a\\x00b' contains a NUL character"),
    "nul_in_text_csv": ("iso3,report_year,tier,source\nUSA,2011,1,a\x00b\n", ".csv",
                        "row 2, column source: 'a\\x00b' contains a NUL character"),
    "control_char": ("iso3,report_year,tier,source,name_in_source\nUSA,2011,1,x,a\x07\n", ".csv",
                     "row 2, column name_in_source: 'a\\x07' contains the control character U+0007"),
    "too_long_for_column": ("iso3,report_year,tier,source,name_in_source\nUSA,2011,1,x,"
                            + "n" * 300 + "\n", ".csv",
                            "row 2, column name_in_source: 'nnn"),
    "nested_cell": (json.dumps([{**ROW, "tier": {"a": [1]}}]), ".json",
                    "row 1, column tier: a nested value"),
    "huge_unknown_column": (json.dumps([{**ROW, "x" * 100_000: 1}]), ".json",
                            "unknown column(s) 'xxx"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_cell_is_a_validation_error_naming_row_and_column(any_store, tmp_path, case):
    text, suffix, expected = CASES[case]
    path = tmp_path / f"bad{suffix}"
    path.write_text(text, "utf-8", errors="surrogatepass")
    before = any_store.data_version()
    with pytest.raises(ValidationError) as err:
        import_file(any_store, path)
    assert len(err.value.problems) == 1, err.value.problems
    problem = err.value.problems[0]
    assert expected in problem, problem
    assert len(problem) <= LIMIT + len(str(path)), problem
    assert any_store.data_version() == before and any_store.imported_origins() == []


def test_many_problems_are_cut_to_a_list_and_a_count(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("iso3,report_year,tier,source\n" +
                    "".join(f"USA,{1900 + i},1,x\n" for i in range(90)))
    with pytest.raises(ValidationError) as err:
        validate(path)
    assert err.value.total == 90
    assert len(err.value.problems) == MAX_PROBLEMS + 1
    assert err.value.problems[-1].endswith(f"and {90 - MAX_PROBLEMS} more problem(s) not listed")
    r = run_cli("import", str(path))
    assert r.returncode != 0 and "90 problem(s)" in r.stderr and "40 more" in r.stderr
    assert "Traceback" not in r.stderr


def test_long_file_name_fits_the_origin_column_on_both_stores(any_store, tmp_path):
    path = tmp_path / ("n" * 240 + ".csv")  # a 244-character name
    path.write_text("iso3,report_year,tier,source\nUSA,2011,1,https://example.org/r\n")
    result = import_file(any_store, path)
    assert len(result.origin) <= 256 and result.origin.startswith("import:nnn")
    assert any_store.imported_origins() == [result.origin]


def test_longest_allowed_values_are_stored_whole_on_both_stores(any_store, tmp_path):
    """The schema's limits are the databases' limits: a value at the limit fits both."""
    widths = {f["name"]: f["constraints"]["maxLength"] for f in FIELDS["tip_tiers"]
              if f["type"] == "string"}
    row = {**ROW, "source": "s" * widths["source"], "evidence": "e\n" * (widths["evidence"] // 2),
           "name_in_source": "é" * widths["name_in_source"]}
    import_file(any_store, _json(tmp_path, [row]))
    (stored,) = [r for r in any_store.tiers(iso3="USA", year=2011)]
    assert (stored["source"], stored["evidence"], stored["name_in_source"]) == \
        (row["source"], row["evidence"].strip(), row["name_in_source"])


# -- fuzzing ----------------------------------------------------------------------------------
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(st.characters(exclude_categories=()), max_size=40),  # surrogates, NUL, controls
    st.text(max_size=3000),
    st.sampled_from(["USA", "Thailand", "Burma", "1", "2WL", "Tier 3", "special", "1|2",
                     "primary", "secondary", "waiver", "2011", "2023", "1e400", "NaN", ""]),
)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
_columns = sorted({f["name"] for fields in FIELDS.values() for f in fields} | {"origin", "x"})


@st.composite
def _rows(draw):
    base = draw(st.sampled_from([
        ROW, {"iso3": "THA", "report_year": 2021, "source": "https://example.org/s"},
        {"iso3": "BRA", "edition": 2018, "source": "https://example.org/g", "est_number": 5},
    ]))
    rows = []
    for i in range(draw(st.integers(1, 4))):
        changed = draw(st.dictionaries(st.sampled_from(_columns), _values, max_size=4))
        row = {**base, **changed}
        if not changed.get("report_year") and "report_year" in base:
            row["report_year"] = base["report_year"] - i  # distinct keys unless fuzzed
        rows.append(row)
    return rows


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=_rows())
def test_fuzzed_json_is_rejected_cleanly_or_stored_whole(any_store, tmp_path, rows):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(rows, ensure_ascii=True), "utf-8")
    try:
        table, clean = validate(path)
    except ValidationError as exc:
        assert 1 <= len(exc.problems) <= MAX_PROBLEMS + 1
        for p in exc.problems:
            assert len(p) <= LIMIT + len(str(path)), p
            assert re.search(r"row \d+(, column \w+)?:|fuzz\.json: [a-z]", p), p
        return
    import_file(any_store, path)  # what validation accepts, both databases store
    fetch = {"tip_tiers": any_store.tiers, "state_sponsored": any_store.state_sponsored,
             "gsi": any_store.gsi}[table]
    year = "edition" if table == "gsi" else "report_year"
    stored = {(r["iso3"], r[year]): r for r in fetch()}
    for r in clean:
        assert stored[(r["iso3"], r[year])]["source"] == r["source"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=400),
       header=st.sampled_from(["iso3,report_year,tier,source\n", "edition,country,source\n", ""]))
def test_fuzzed_csv_never_raises_anything_but_a_validation_error(tmp_path_factory, text, header):
    path = tmp_path_factory.mktemp("csv") / "fuzz.csv"
    path.write_text(header + text, "utf-8")
    try:
        validate(path)
    except ValidationError as exc:
        assert all(len(p) <= LIMIT + len(str(path)) for p in exc.problems)
