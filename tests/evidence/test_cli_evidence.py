"""The evidence commands as a user runs them: real processes, a store of their own."""

import json

from cli_helpers import run_cli


def _store(tmp_path):
    db = str(tmp_path / "ev.sqlite")
    out = run_cli("token", "create", "desk", "--json", db=db)
    assert out.returncode == 0, out.stderr
    return db, json.loads(out.stdout)["token"]


ADD = ["evidence", "add", "--country", "Malaysia", "--year", "2015", "--bears-on", "prosecution",
       "--direction", "supports", "--responsibility", "state_direct",
       "--statement", "In 2014 the government opened 186 investigations.",
       "--document", "2015 TIP Report - Malaysia", "--publisher", "US Department of State",
       "--date", "2015-07-27", "--source-type", "foreign_government",
       "--url", "http://www.refworld.org/country,,USDOS,,MYS,,55b73bcc15,0.html",
       "-r", "B", "-k", "2", "--id", "mys-1", "--counts", "investigations=186"]


def test_add_list_grade_revise_show_and_assess(tmp_path):
    db, token = _store(tmp_path)
    no = run_cli(*ADD, db=db)
    assert no.returncode == 1 and "needs a valid named token" in no.stderr
    assert json.loads(run_cli("evidence", "list", "--json", db=db).stdout) == []
    ok = run_cli(*ADD, "--token", token, db=db)
    assert ok.returncode == 0, ok.stderr
    g = run_cli("evidence", "grade", "mys-1", "-r", "C", "-k", "3", "--analyst", "second",
                "--token", token, db=db)
    assert g.returncode == 0, g.stderr
    r = run_cli("evidence", "revise", "mys-1", "--set", "source.page=Prosecution",
                "--token", token, db=db)
    assert r.returncode == 0, r.stderr
    shown = json.loads(run_cli("evidence", "show", "mys-1", "--json", db=db).stdout)
    assert shown["item"]["revision"] == 2 and shown["item"]["source"]["page"] == "Prosecution"
    assert shown["item"]["counts"] == {"investigations": 186}
    assert [e["action"] for e in shown["audit"]] == ["add", "grade", "grade", "revise"]
    assert {g["analyst"] for g in shown["item"]["grades"]} == {"desk", "second"}
    a = json.loads(run_cli("assess", "MYS", "--year", "2015", "--json", db=db).stdout)
    for key in ("country", "report_year", "recommended_tier", "confidence", "interval",
                "by_source_family", "state_direct_only", "sensitivity", "official_tier", "trace"):
        assert key in a
    assert a["basis"] == "ledger" and a["items"] == 1 and a["official_tier"] == "2WL"
    assert a["recommended_tier"] == "2"  # one item for prosecution: efforts, no Watch List ground
    assert a["analysts"]["analysts"] == ["desk", "second"]
    bad = run_cli("evidence", "revise", "mys-1", "--set", "bears_on=flying", "--token", token,
                  db=db)
    assert bad.returncode == 1 and "bears_on" in bad.stderr


def test_export_import_round_trip_and_bad_file(tmp_path):
    db, token = _store(tmp_path)
    assert run_cli(*ADD, "--token", token, db=db).returncode == 0
    out = tmp_path / "ev.jsonl"
    assert run_cli("evidence", "export", "--out", str(out), db=db).returncode == 0
    (tmp_path / "b").mkdir()
    db2, token2 = _store(tmp_path / "b")
    imp = run_cli("evidence", "import", str(out), "--token", token2, "--json", db=db2)
    assert json.loads(imp.stdout)["added"] == 1, imp.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text(out.read_text().replace('"supports"', '"perhaps"') + "{}\n")
    r = run_cli("evidence", "import", str(bad), "--token", token2, db=db2)
    assert r.returncode == 2 and "line 1: direction" in r.stderr and "line 2:" in r.stderr
    assert len(json.loads(run_cli("evidence", "list", "--json", db=db2).stdout)) == 1


def test_extract_proposes_items_and_stores_nothing(tmp_path):
    db, _ = _store(tmp_path)
    text = tmp_path / "narrative.txt"
    text.write_text(
        "The government reported 54 prosecutions of suspected traffickers in 2014. "
        "NGOs reported that officials often failed to investigate complaints of passport "
        "confiscation. Some corrupt officials reportedly took bribes from traffickers. "
        "The country has a long coastline.")
    r = run_cli("evidence", "extract", str(text), "--country", "MYS", "--year", "2015", "--json",
                "--out", str(tmp_path / "p.jsonl"), db=db)
    assert r.returncode == 0, r.stderr
    props = json.loads(r.stdout)
    assert [p["row"]["bears_on"] for p in props] == [
        "investigates_prosecutes", "investigates_prosecutes",
        "extent_of_noncompliance_and_complicity"]
    first, second, third = (p["row"] for p in props)
    assert first["source"]["type"] == "government" and first["counts"] == {"prosecutions": 54}
    assert second["source"]["type"] == "ngo" and second["direction"] == "undermines"
    assert third["responsibility"] == "state_complicit" and props[2]["reading"]["hedged"]
    assert third["grades"][0]["credibility"] == 4  # hedged: one step below the type's 3
    assert len((tmp_path / "p.jsonl").read_text().splitlines()) == 3
    assert json.loads(run_cli("evidence", "list", "--json", db=db).stdout) == []


def test_assess_uses_packaged_example_and_says_so(tmp_path):
    db, _ = _store(tmp_path)
    r = run_cli("assess", "North Korea", "--year", "2016", db=db)
    assert r.returncode == 0, r.stderr
    assert "recommended 3" in r.stdout and "packaged worked example" in r.stdout
    none = run_cli("assess", "France", "--year", "2016", db=db)
    assert none.returncode == 1 and "no items" in none.stderr
