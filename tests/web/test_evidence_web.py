"""The evidence ledger over HTTP: reads open, writes with a token, the page and its form."""

import json

import pytest
from fastapi.testclient import TestClient

ITEM = {"country": "Malaysia", "report_year": 2015, "bears_on": "prosecution",
        "direction": "supports", "responsibility": "state_direct",
        "statement": "In 2014 the government opened 186 trafficking investigations.",
        "source": {"document": "2015 TIP Report - Malaysia", "publisher": "US Department of State",
                   "date": "2015-07-27", "type": "foreign_government",
                   "url": "http://www.refworld.org/country,,USDOS,,MYS,,55b73bcc15,0.html"}}


@pytest.fixture()
def app(tmp_path):
    from tiptrace.record.store import Store
    from tiptrace.web.app import create_app

    store = Store.open(str(tmp_path / "web.sqlite"))
    token = store.create_token("desk")
    return TestClient(create_app(store)), {"Authorization": f"Bearer {token}"}, token, store


def test_api_writes_need_a_token_and_change_nothing(app):
    c, auth, _, _ = app
    r = c.post("/api/v1/evidence", json={"id": "m-1", "item": ITEM, "reliability": "B",
                                         "credibility": 2})
    assert r.status_code == 401
    r = c.post("/api/v1/evidence", json={"item": ITEM, "reliability": "B", "credibility": 2},
               headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    assert c.get("/api/v1/evidence").json() == []
    r = c.post("/api/v1/evidence/import", content=b"{}\n")
    assert r.status_code == 401


def test_api_add_grade_revise_withdraw_and_assess(app):
    c, auth, _, store = app
    r = c.post("/api/v1/evidence", json={"id": "m-1", "item": ITEM, "reliability": "B",
                                         "credibility": 2}, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["country"] == "MYS"
    assert c.post("/api/v1/evidence/m-1/grades", json={"reliability": "C", "credibility": 3},
                  headers=auth).status_code == 201
    r = c.post("/api/v1/evidence/m-1/revisions", json={"changes": {"bears_on": "flying"}},
               headers=auth)
    assert r.status_code == 422 and "bears_on" in r.json()["error"]
    r = c.post("/api/v1/evidence/m-1/revisions", json={"changes": {"direction": "undermines"}},
               headers=auth)
    assert r.status_code == 201 and r.json()["revision"] == 2
    shown = c.get("/api/v1/evidence/m-1").json()
    assert [x["revision"] for x in shown["revisions"]] == [1, 2]
    assert [e["action"] for e in shown["audit"]] == ["add", "grade", "grade", "revise"]
    a = c.get("/api/v1/assessments/MYS/2015").json()
    assert a["basis"] == "ledger" and a["official_tier"] == "2WL"
    assert a["recommended_tier"] == "3"  # one item now against prosecution efforts
    assert c.post("/api/v1/evidence/m-1/withdraw", headers=auth).json()["status"] == "withdrawn"
    assert c.get("/api/v1/evidence", params={"country": "MYS"}).json() == []
    assert c.get("/api/v1/evidence/nope").status_code == 404
    # the packaged example answers again once the ledger has nothing active
    assert c.get("/api/v1/assessments/MYS/2015").json()["basis"].startswith("packaged")
    assert c.get("/api/v1/assessments/FRA/2015").status_code == 404


def test_api_import_rejects_a_bad_file_whole(app):
    c, auth, _, _ = app
    good = json.dumps({"kind": "item", "id": "g-1", **ITEM,
                       "grades": [{"analyst": "x", "reliability": "B", "credibility": 2}]})
    bad = good.replace('"g-1"', '"g-2"').replace('"prosecution"', '"nothing"')
    r = c.post("/api/v1/evidence/import", content=(good + "\n" + bad + "\n").encode(),
               headers=auth)
    assert r.status_code == 422
    assert any(p.startswith("line 2: ") for p in r.json()["problems"])
    assert c.get("/api/v1/evidence").json() == []
    r = c.post("/api/v1/evidence/import", content=(good + "\n").encode(), headers=auth)
    assert r.status_code == 200 and r.json()["added"] == 1
    lines = c.get("/api/v1/evidence/export").text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["g-1"]


def test_page_shows_the_assessment_and_the_form_writes_with_a_token(app):
    c, _, token, _ = app
    html = {"accept": "text/html"}
    r = c.get("/evidence/PRK/2016", headers=html)
    assert r.status_code == 200
    assert "Recommended: <strong>3</strong>" in r.text and "prk2016-coi-prisons" in r.text
    assert "/evidence/PRK/2016" in c.get("/country/PRK", headers=html).text
    form = {"action": "add", "bears_on": "investigates_prosecutes", "direction": "undermines",
            "responsibility": "state_direct", "statement": "No trafficking prosecution was known.",
            "document": "A document", "publisher": "A publisher", "date": "2016",
            "source_type": "ngo", "url": "https://example.org/doc", "reliability": "C",
            "credibility": "3"}
    r = c.post("/evidence/THA/2016", data=form, headers=html)
    assert r.status_code == 401
    r = c.post("/evidence/THA/2016", data={**form, "token": token}, headers=html,
               follow_redirects=False)
    assert r.status_code == 303
    page = c.get(r.headers["location"], headers=html).text
    assert "No trafficking prosecution was known." in page and "desk: C3" in page
