"""Tokens can be revoked; every write is logged with its token's name (or "cli") and time."""

from __future__ import annotations

import datetime as dt
import json

from fastapi.testclient import TestClient

from cli_helpers import run_cli
from tiptrace.record.importer import import_file

CSV = b"iso3,report_year,tier,source\nUSA,2011,1,https://example.org/api\n"


def test_api_import_is_logged_with_its_token_and_a_revoked_token_fails(any_store, tmp_path):
    from tiptrace.web.app import create_app

    token = any_store.create_token("newsroom")
    client = TestClient(create_app(any_store))
    auth = {"Authorization": f"Bearer {token}"}
    r = client.post("/api/v1/import?filename=api.csv", content=CSV, headers=auth)
    assert r.status_code == 200, r.text
    latest = any_store.write_log()[0]
    assert (latest["who"], latest["action"]) == ("token newsroom", "import")
    assert "import:api.csv" in latest["detail"]
    when = dt.datetime.fromisoformat(latest["at"])
    assert abs((dt.datetime.now(dt.UTC) - when).total_seconds()) < 120
    before = any_store.data_version()
    any_store.revoke_token("newsroom")
    assert any_store.data_version() > before
    r = client.post("/api/v1/import?filename=api.csv", content=CSV, headers=auth)
    assert r.status_code == 401
    assert [e["action"] for e in any_store.write_log(3)] == ["token revoke", "import",
                                                            "token create"]
    assert any_store.tokens() == []


def test_cli_revoke_and_log(tmp_path):
    db = str(tmp_path / "own.sqlite")
    assert run_cli("token", "create", "desk", db=db).returncode == 0
    rows = tmp_path / "rows.csv"
    rows.write_bytes(CSV)
    assert run_cli("import", str(rows), db=db).returncode == 0
    assert run_cli("rebuild", db=db).returncode == 0
    listed = json.loads(run_cli("token", "list", "--json", db=db).stdout)
    assert [t["name"] for t in listed] == ["desk"]
    r = run_cli("token", "revoke", "desk", db=db)
    assert r.returncode == 0, r.stderr
    r = run_cli("token", "revoke", "desk", db=db)
    assert r.returncode != 0 and "No token named 'desk'" in r.stderr
    log = json.loads(run_cli("token", "log", "--json", db=db).stdout)
    assert [(e["who"], e["action"]) for e in log][:4] == [
        ("cli", "token revoke"), ("cli", "rebuild"), ("cli", "import"), ("cli", "token create")]
    assert "1 row(s) into tip_tiers (import:rows.csv)" in log[2]["detail"]
    text = run_cli("token", "log", db=db).stdout
    assert "token revoke" in text and "rebuild" in text


def test_failed_import_is_not_logged(any_store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("iso3,report_year,tier,source\nUSA,2011,9,x\n")
    before = any_store.write_log()
    try:
        import_file(any_store, bad)
    except Exception:
        pass
    assert any_store.write_log() == before
