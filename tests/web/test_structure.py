"""The app's structure as clients see it: errors with their status, 405 with Allow, request
bodies in the OpenAPI spec, error pages for browsers and JSON for programs."""

from fastapi.testclient import TestClient

HTML = {"accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}


def test_bad_format_is_400_unknown_thing_is_404(client):
    r = client.get("/api/v1/tiers/2020", params={"format": "xml"})
    assert r.status_code == 400 and "csv" in r.json()["error"]
    assert client.get("/downloads/gsi.xml").status_code == 400
    assert client.get("/downloads/secrets.csv").status_code == 404
    assert client.get("/api/v1/tiers/2020", params={"tier": "9"}).status_code == 400
    assert client.get("/api/v1/tiers/1990").status_code == 404
    # A year no store can hold is refused before it reaches the database.
    assert client.get("/api/v1/tiers/" + "9" * 30).status_code == 422


def test_405_lists_allowed_methods(client):
    r = client.put("/api/v1/tiers/2020")
    assert r.status_code == 405 and r.headers["allow"] == "GET"
    r = client.get("/api/v1/whatif")
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    r = client.delete("/check")
    assert set(r.headers["allow"].split(", ")) == {"GET", "POST"}


def test_openapi_describes_every_post_body(client):
    spec = client.get("/api/v1/openapi.json").json()
    posts = {p: ops["post"] for p, ops in spec["paths"].items() if "post" in ops}
    evidence = {"/api/v1/evidence", "/api/v1/evidence/import", "/api/v1/evidence/{item_id}/grades",
                "/api/v1/evidence/{item_id}/revisions", "/api/v1/evidence/{item_id}/withdraw"}
    assert set(posts) == {"/api/v1/whatif", "/api/v1/check", "/api/v1/import"} | evidence
    for path, op in posts.items():
        if path.endswith("/withdraw"):
            assert "requestBody" not in op  # the path says it all
            continue
        assert op["requestBody"]["content"], path
    ref = posts["/api/v1/whatif"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    model = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(model["required"]) == {"country", "year"} and "set" in model["properties"]
    assert "text/plain" in posts["/api/v1/check"]["requestBody"]["content"]


def test_browsers_get_error_pages_programs_get_json(client):
    r = client.get("/country/Thailnd", headers=HTML)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert 'href="/country/THA"' in r.text and "What to do" in r.text
    r = client.get("/api/v1/countries/Thailnd", headers={"accept": "application/json"})
    assert r.status_code == 404 and "Thailand (THA)" in r.json()["suggestions"]
    r = client.get("/", params={"year": "soon"}, headers=HTML)
    assert r.status_code == 422 and "year" in r.text and "What to do" in r.text
    r = client.get("/no/such/page", headers=HTML)
    assert r.status_code == 404 and "<h1>Not found</h1>" in r.text
    r = client.post("/check", content=b"text=" + b"x" * (3 * 2**20), headers={
        **HTML, "content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413 and "2 MB" in r.text and r.headers["content-type"].startswith(
        "text/html")
    assert "content-security-policy" in r.headers


def test_chunked_body_over_the_limit_is_413(client):
    def chunks():
        for _ in range(40):
            yield b"y" * 100_000

    r = client.post("/api/v1/check", content=chunks())
    assert r.status_code == 413 and "limit" in r.json()["error"]
    r = client.post("/api/v1/check", content=iter([b"Russia was on Tier 3 in 2015."]))
    assert r.status_code == 200 and r.json()["claims"]


def test_the_store_is_given_to_the_app_not_read_from_the_environment(db_path, monkeypatch):
    from tiptrace.record.store import Store
    from tiptrace.web import routes
    from tiptrace.web.app import create_app

    monkeypatch.setenv("TIPTRACE_DB", "/nonexistent/dir/x.sqlite")
    store = Store.open(str(db_path))
    app = create_app(store)
    assert app.state.web.store is store
    assert TestClient(app).get("/api/v1/tiers/2013", params={"tier": "3"}).status_code == 200
    # One router per area, each included.
    from importlib import import_module

    included = [getattr(r, "original_router", None) for r in app.router.routes]
    for area in routes.AREAS:
        router = import_module(f"tiptrace.web.routes.{area}").router
        assert router.routes and router in included, area
