"""/docs renders the OpenAPI 3.1 document with the bundled Swagger UI 5 (no network)."""

import pytest
from browser import DESKTOP, PHONE, axe_violations, launch, needs_chromium

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_docs_lists_every_operation(browser, live_server, viewport, tmp_path):
    import json
    import urllib.request

    spec = json.load(urllib.request.urlopen(live_server + "/api/v1/openapi.json"))
    assert spec["openapi"].startswith("3.1")
    operations = {(m.upper(), path) for path, ops in spec["paths"].items() for m in ops}
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    outside: list[str] = []  # any request that leaves the server would be a CDN
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None)
    page.goto(live_server + "/docs")
    page.locator(".opblock").first.wait_for(timeout=15000)
    shown = set()
    for block in page.locator(".opblock-summary").all():
        method = block.locator(".opblock-summary-method").inner_text().strip()
        path = block.locator(".opblock-summary-path").get_attribute("data-path")
        shown.add((method, path))
    assert shown == operations
    body = page.locator("body").inner_text()
    assert "valid version field" not in body and "OAS 3.1" in body
    # Open one operation: its parameters are listed.
    page.locator('.opblock-summary-path[data-path="/api/v1/tiers/{year}"]').click()
    params = page.locator(".parameters-container").first.inner_text()
    assert "year" in params and "tier" in params and "format" in params
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=True)
    assert axe_violations(page) == []
    assert outside == []
    context.close()
