"""Append-only storage, revisions, grades, the audit log and token checks."""

import json

import pytest
from evidence_helpers import body

from tiptrace.errors import NoDataError, ValidationError
from tiptrace.evidence.ledger import AuthError, LedgerError
from tiptrace.evidence.models import Grade


def grade(analyst="analyst-one", r="B", c=2):
    return Grade(analyst=analyst, reliability=r, credibility=c)


def test_unauthenticated_writes_fail_and_change_nothing(ledger, token):
    before = ledger.counts()
    for bad in (None, "", "not-a-token"):
        with pytest.raises(AuthError):
            ledger.add(body(), grade(), bad)
    assert ledger.counts() == before
    item = ledger.add(body(), grade(), token, "rus-1")
    after = ledger.counts()
    with pytest.raises(AuthError):
        ledger.revise(item.id, {"direction": "undermines"}, "nope")
    with pytest.raises(AuthError):
        ledger.grade(item.id, grade(), "nope")
    with pytest.raises(AuthError):
        ledger.withdraw(item.id, None)
    assert ledger.counts() == after
    assert ledger.get("rus-1").revision == 1


def test_country_is_resolved_and_targets_checked(ledger, token):
    item = ledger.add(body(), grade(), token)
    assert item.body.country == "RUS" and item.body.reporting_period == "2020-04-01/2021-03-31"
    from pydantic import ValidationError as PydanticError

    with pytest.raises(PydanticError, match="not a standard"):
        body(report_year=2016)  # no policy-or-pattern rule before the 2019 report
    with pytest.raises(PydanticError, match="Unknown country"):
        body(country="Atlantis")
    with pytest.raises(PydanticError, match="URL or a page"):
        body(source={"document": "x doc", "publisher": "Test", "date": "2021", "type": "media"})


def test_revisions_are_appended_and_history_kept(ledger, token, fresh_store):
    ledger.add(body(), grade(), token, "rus-1")
    ledger.revise("rus-1", {"direction": "undermines"}, token)
    item = ledger.withdraw("rus-1", token)
    assert item.revision == 3 and item.status == "withdrawn"
    assert ledger.items("RUS", 2021) == []  # withdrawn items are not assessed
    h = ledger.history("rus-1")
    assert [r["revision"] for r in h["revisions"]] == [1, 2, 3]
    assert h["revisions"][0]["body"]["direction"] == "supports"
    assert [e["action"] for e in ledger.audit_log("rus-1")] == ["add", "grade", "revise", "withdraw"]
    assert {e["token"] for e in ledger.audit_log()} == {"analyst-one"}
    with pytest.raises(LedgerError, match="exists already"):
        ledger.add(body(), grade(), token, "rus-1")


def test_the_tables_refuse_update_and_delete(ledger, token, fresh_store):
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    ledger.add(body(), grade(), token, "rus-1")
    for sql in ("UPDATE evidence_revisions SET status = 'active'",
                "DELETE FROM evidence_revisions", "DELETE FROM evidence_audit",
                "UPDATE evidence_grades SET reliability = 'A'"):
        with pytest.raises(DatabaseError, match="append-only"):
            with fresh_store.engine.begin() as conn:
                conn.execute(text(sql))
    assert ledger.counts() == {"evidence_revisions": 1, "evidence_grades": 1, "evidence_audit": 2}


def test_grades_latest_per_analyst(ledger, token, fresh_store):
    ledger.add(body(), grade(), token, "rus-1")
    second = fresh_store.create_token("analyst-two")
    ledger.grade("rus-1", grade("analyst-two", "D", 4), second)
    ledger.grade("rus-1", grade("analyst-one", "A", 1), token)
    g = {x.analyst: (x.reliability, x.credibility) for x in ledger.get("rus-1").grades}
    assert g == {"analyst-one": ("A", 1), "analyst-two": ("D", 4)}


def test_links_must_exist(ledger, token):
    with pytest.raises(LedgerError, match="not in the ledger"):
        ledger.add(body(corroborates=["missing-1"]), grade(), token, "rus-2")
    assert ledger.counts()["evidence_revisions"] == 0
    with pytest.raises(NoDataError):
        ledger.get("rus-2")


def _row(i, **changes):
    r = {"kind": "item", "id": i, **json.loads(body().model_dump_json(exclude_none=True)),
         "grades": [{"analyst": "x", "reliability": "B", "credibility": 2}]}
    r.update(changes)
    return json.dumps(r)


def test_jsonl_round_trip_and_bad_file_rejected_whole(ledger, token, tmp_path):
    from tiptrace.evidence.jsonl import export_lines, import_file

    good = tmp_path / "good.jsonl"
    good.write_text("\n".join([_row("a-1"), _row("a-2", corroborates=["a-1"])]) + "\n")
    assert import_file(ledger, good, token) == {"file": "good.jsonl", "rows": 2, "added": 2,
                                                "revised": 0, "grades": 2}
    before = ledger.counts()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([_row("a-3"), _row("a-4", bears_on="flying"), "{not json",
                              _row("a-5", grades=[]), _row("a-3")]) + "\n")
    with pytest.raises(ValidationError) as exc:
        import_file(ledger, bad, token)
    msgs = exc.value.problems
    assert any(m.startswith("line 2: ") and "flying" in m for m in msgs)
    assert any(m.startswith("line 3: not JSON") for m in msgs)
    assert any(m.startswith("line 4: grades") for m in msgs)
    assert any("repeats line 1" in m for m in msgs)
    assert ledger.counts() == before
    dangling = tmp_path / "dangling.jsonl"  # valid rows, but the last links to nothing
    dangling.write_text("\n".join([_row("b-1"), _row("b-2", contradicts=["zz-9"])]))
    with pytest.raises(ValidationError, match="zz-9"):
        import_file(ledger, dangling, token)
    assert ledger.counts() == before  # the first row was rolled back with the rest
    with pytest.raises(AuthError):
        import_file(ledger, good, "bad-token")
    out = export_lines(ledger)
    assert [json.loads(x)["id"] for x in out] == ["a-1", "a-2"]
    # importing the export again changes nothing; a changed body becomes revision 2
    again = tmp_path / "again.jsonl"
    again.write_text("\n".join(out))
    assert import_file(ledger, again, token)["added"] == 0
    assert ledger.counts() == before
    changed = [json.loads(x) for x in out]
    changed[0]["direction"] = "undermines"
    again.write_text("\n".join(json.dumps(x) for x in changed))
    assert import_file(ledger, again, token)["revised"] == 1
    assert ledger.get("a-1").revision == 2


def test_schema_file_matches_the_models():
    from importlib import resources

    from tiptrace.evidence.models import schema

    shipped = json.loads(resources.files("tiptrace.evidence").joinpath("item.schema.json")
                         .read_text("utf-8"))
    assert shipped == schema()
