"""`tiptrace check` and POST /api/v1/check."""

import json


def test_cli_check_formats(cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("2024-07-10\nNorth Korea was placed in the third tier for the 22nd time in "
                       "a row. A source with knowledge of the matter said officials were complicit "
                       "in trafficking. Malaysia was on Tier 1 in 2014.", encoding="utf-8")
    r = cli("check", str(article), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    verdicts = {c["kind"] + ":" + ",".join(c["countries"]): c["verdict"] for c in data["claims"]}
    assert verdicts == {"streak:PRK": "supported", "tier:MYS": "contradicted"}
    assert data["date"] == "2024-07-10"
    assert data["summary"]["allegations_anonymous"] == 1
    md = cli("check", str(article), "--format", "markdown").stdout
    assert md.startswith("# Claim check") and "contradicted" in md
    html = cli("check", str(article), "--format", "html").stdout
    assert "<mark" in html
    r = cli("check", "-", "--date", "2016-07-01", stdin="Thailand is on the Tier 2 Watch List.")
    assert "supported" in r.stdout and "2016 report" in r.stdout


def test_cli_check_bad_input(cli, tmp_path):
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"Thailand \xe9\xe9 Tier 3")
    r = cli("check", str(bad))
    assert r.returncode == 1 and "not UTF-8" in r.stderr and "Traceback" not in r.stderr
    r = cli("check", str(tmp_path / "missing.txt"))
    assert r.returncode == 1 and "No such file" in r.stderr
    r = cli("check", str(bad), "--date", "yesterday")
    assert r.returncode == 1 and "'yesterday' is not a date" in r.stderr


def test_api_check(client_for_check):
    r = client_for_check.post("/api/v1/check", params={"date": "2024-07-10"},
                              content=b"Russia was on Tier 3 for the 12th consecutive year.")
    assert r.status_code == 200
    assert r.json()["claims"][0]["verdict"] == "supported"
    r = client_for_check.post("/api/v1/check", params={"format": "html"},
                              content=b"<script>x</script> Russia was on Tier 3 in 2015.")
    assert "<script>x" not in r.text
    r = client_for_check.post("/api/v1/check", content=b"\xff\xfe\xfa")
    assert r.status_code in (404, 422)
