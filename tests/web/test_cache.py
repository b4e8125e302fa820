"""The response cache is never stale (keyed by the store's data version, read on every
request by every process) and bounded (bytes, and only declared query parameters are keys)."""

import subprocess
import sys
import urllib.request

from servers import rss_mb, uvicorn_server


def _gap_import(tmp_path, tier: str = "2"):
    """A CSV that fills a cell the record lists as a gap, so the import visibly changes it."""
    from tiptrace.record.packaged import resource

    gap = resource("tip_tiers")["gaps"][-1]
    path = tmp_path / "fill.csv"
    path.write_text("iso3,report_year,tier,source\n"
                    f"{gap['iso3']},{gap['report_year']},{tier},"
                    f"https://example.org/{gap['report_year']}-report\n")
    return gap["iso3"], gap["report_year"], path


def _get(url: str, headers: dict | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("etag", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("etag", ""), e.read()


def test_cli_import_is_seen_by_every_worker_on_its_next_request(tmp_path):
    import json

    from tiptrace.record.store import Store

    db = str(tmp_path / "w.sqlite")
    Store.open(db)
    iso3, year, csv = _gap_import(tmp_path)
    with uvicorn_server(db, "--workers", "2") as (url, _):
        page = f"{url}/api/v1/countries/{iso3}/history"
        etags = {_get(page)[1] for _ in range(40)}  # both workers cache the old response
        assert len(etags) == 1
        old = etags.pop()
        r = subprocess.run([sys.executable, "-m", "tiptrace", "--db", db, "import", str(csv)],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        status, etag, _ = _get(page, {"If-None-Match": old})
        assert status == 200 and etag != old  # not a 304 for the old data
        for _ in range(40):
            status, _, body = _get(page)
            tiers = {y["report_year"]: y["tier"] for y in json.loads(body)["years"]}
            assert tiers[year] == "2"


def test_unknown_query_parameters_are_not_cache_keys(client):
    cache = client.app.state.web.cache
    for n in range(300):
        assert client.get("/api/v1/tiers/2020", params={"x": n}).status_code == 200
    assert client.get("/api/v1/tiers/2020", params={"tier": "3", "x": 1}).status_code == 200
    keys = [k for k in cache.items if k.startswith("/api/v1/tiers/2020?")]
    assert sorted(keys) == ["/api/v1/tiers/2020?", "/api/v1/tiers/2020?tier=3"]


def test_cache_is_bounded_in_bytes_and_drops_responses_of_old_data():
    from tiptrace.web.cache import Cache, Entry

    cache = Cache(max_bytes=1_000_000)
    cache.sync(1)
    names = frozenset()
    for n in range(100):
        cache.put(f"/p{n}", names, f"/p{n}?", Entry(bytes(50_000), "text/plain", None), 1)
        assert cache.bytes <= 1_000_000
    assert "/p99?" in cache.items and "/p0?" not in cache.items
    assert 15 <= len(cache.items) <= 20
    cache.put("/late", names, "/late?", Entry(b"built from old data", "text/plain", None), 0)
    assert "/late?" not in cache.items
    cache.sync(2)  # a write elsewhere
    assert not cache.items and cache.bytes == 0


def test_server_memory_stays_flat_whatever_the_urls(tmp_path):
    from tiptrace.record.store import Store

    db = str(tmp_path / "m.sqlite")
    Store.open(db)
    with uvicorn_server(db) as (url, proc):
        for _ in range(3):
            assert _get(url + "/")[0] == 200  # the map page, about 1 MB
        before = rss_mb(proc.pid)
        for n in range(300):
            assert _get(f"{url}/?x={n}")[0] == 200
            _get(f"{url}/api/v1/countries?q=zz{n}")
        after = rss_mb(proc.pid)
        assert after <= before + 40 and after <= 250, (before, after)
