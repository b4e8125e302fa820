"""Every page in headless Chromium at desktop and phone size: it draws, nothing is blocked by
the CSP, axe-core finds no serious or critical accessibility violation, and the phone page does
not scroll sideways. Screenshots go to the test's tmp folder (TIPTRACE_SHOTS to keep them)."""

import os
from pathlib import Path

import pytest
from browser import DESKTOP, PHONE, axe_violations, launch, needs_chromium

pytestmark = needs_chromium

PAGES = ["/", "/?year=2010", "/?gsi=2023", "/country/PRK", "/country/TON", "/country/THA",
         "/rankings", "/check", "/downloads", "/docs", "/state-sponsored", "/changes",
         "/transitions", "/consistency", "/audit", "/audit?country=BIH",
         "/whatif?country=THA&year=2012&significant_efforts=no", "/compare",
         "/country/THA/gsi", "/embed/compare?countries=TON", "/embed/map?year=2010",
         "/nonexistent"]


@pytest.fixture(scope="module")
def browser(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def _shots(tmp_path) -> Path:
    out = Path(os.environ.get("TIPTRACE_SHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_draws_and_passes_axe(browser, live_server, viewport, tmp_path):
    phone = viewport is PHONE
    context = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "404" not in m.text else None)
    out = _shots(tmp_path)
    for path in PAGES:
        resp = page.goto(live_server + path)
        assert resp.status == (404 if path == "/nonexistent" else 200), path
        page.wait_for_load_state("networkidle")
        if path == "/docs":
            page.locator(".opblock").first.wait_for()
        h1 = page.locator("h1").first.inner_text()
        assert h1.strip(), path
        name = path.strip("/").replace("/", "_").replace("?", "_").replace("&", "_") or "map"
        page.screenshot(path=str(out / f"{name}-{'phone' if phone else 'desktop'}.png"),
                        full_page=True)
        assert axe_violations(page) == [], path
        if phone:
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= viewport["width"] + 1, f"{path} scrolls sideways ({wide} px)"
    assert problems == []
    context.close()


def test_chart_downloads_are_what_is_shown(browser, live_server, tmp_path):
    import csv

    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(live_server + "/compare?countries=Tonga,Thailand")
    shown = page.locator(".chartbox svg").first
    assert "Tonga" in shown.locator("title").first.text_content()
    with page.expect_download() as dl:
        page.locator(".tools a", has_text="CSV").first.click()
    rows = list(csv.DictReader(open(dl.value.path(), encoding="utf-8")))
    table = page.locator(".datatable tbody tr")
    assert len(rows) == table.count() and {r["iso3"] for r in rows} == {"TON", "THA"}
    with page.expect_download() as dl:
        page.locator(".tools a", has_text="SVG").first.click()
    svg = Path(dl.value.path()).read_text(encoding="utf-8")
    assert svg == shown.evaluate("(el) => el.outerHTML").replace("<svg", "<svg", 1) or \
        svg.count("<g>") == shown.evaluate("(el) => el.querySelectorAll('g').length")
    with page.expect_download() as dl:
        page.locator(".tools button", has_text="PNG").first.click()
    png = Path(dl.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    img = Image.open(dl.value.path())
    box = shown.evaluate("(el) => [el.viewBox.baseVal.width, el.viewBox.baseVal.height]")
    assert img.size == (box[0] * 2, box[1] * 2)
    colours = {c for _, c in img.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0x44, 0x77, 0xAA) in colours, "the first country's colour is drawn"
    page.locator(".cite summary").first.click()
    bib = page.locator(".cite-bibtex").first.inner_text()
    import datetime as dt

    assert "Data version" in bib and dt.date.today().isoformat() in bib
    assert "/compare?countries=Tonga%2CThailand" in bib
    context.close()


def test_map_plays_taps_and_lists(browser, live_server):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(live_server + "/?year=2023")
    note = page.locator("#mapnote").inner_text()
    assert "2023" in note and ("not yet in the record" in note or "every country" in note)
    # Tap: details first (over the map, the legend does not move), a second tap opens the page.
    where = "() => document.querySelector('.legend').getBoundingClientRect().top + scrollY"
    legend = page.evaluate(where)
    brazil = page.locator('#worldmap a[data-iso3="BRA"]')
    brazil.tap()
    tip = page.locator("#mapinfo")
    assert "Brazil" in tip.inner_text() and page.url.endswith("/?year=2023")
    assert page.evaluate(where) == legend
    assert tip.evaluate("(el) => getComputedStyle(el).position") == "absolute"
    # The list view: every country with a value, from the year's JSON.
    page.locator("#maplist summary").click()
    page.locator("#maplist table").wait_for()
    rated = int(page.locator("#maprated").inner_text())
    assert page.locator("#maplist tbody tr").count() == rated
    # Play steps through the years to the last report.
    page.locator("#year").evaluate("(el) => { el.value = el.max - 2; "
                                   "el.dispatchEvent(new Event('change')); }")
    page.locator("#play").click()
    last = page.locator("#year").get_attribute("max")
    page.wait_for_function(f"() => document.getElementById('maph1').textContent.includes('{last}')",
                           timeout=10000)
    assert page.locator("#play").inner_text() in ("Play", "Pause")
    with page.expect_navigation():
        brazil.tap()
        brazil.tap()
    assert page.url.endswith("/country/BRA")
    context.close()


def test_only_embeds_can_be_framed(browser, live_server):
    """Another site (another origin: a second local server) frames an embed and the page."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    html = (f'<iframe id="ok" src="{live_server}/embed/transitions"></iframe>'
            f'<iframe id="no" src="{live_server}/transitions"></iframe>').encode()

    class Framer(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    other = ThreadingHTTPServer(("127.0.0.1", 0), Framer)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/")
        page.wait_for_timeout(1500)
        ok = page.frame_locator("#ok").locator("svg")
        assert ok.count() >= 1
        assert "transitions" in ok.first.locator("title").first.text_content().lower()
        # The page itself refuses to be framed: the browser shows its error page instead.
        assert page.frame_locator("#no").locator(".chartbox").count() == 0
        refused = page.locator("#no").element_handle().content_frame()
        assert not refused.url.startswith(live_server)
    finally:
        context.close()
        other.shutdown()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_check_page_in_the_browser(browser, live_server, viewport, tmp_path):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(live_server + "/check")
    page.fill("#text", "Thailand was placed on Tier 3 in the 2014 report. Burma was on Tier 2 "
                       "in 2016, officials said.")
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    marks = page.locator("article.checked mark")
    assert marks.count() == 2 and "contradicted" in marks.nth(1).get_attribute("class")
    marks.nth(1).locator("a").click()
    assert page.url.endswith("#claim-2")
    assert "Tier 3" in page.locator("#claim-2").inner_text()
    page.screenshot(path=str(_shots(tmp_path) / f"check-result-{viewport['width']}.png"),
                    full_page=True)
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("#claim-2 ul.rows a").first.click()
    assert page.url.endswith("/country/MMR#y2016")
    context.close()


def test_map_downloads_follow_the_year_shown(browser, live_server):
    import csv

    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.goto(live_server + "/")
    page.locator("#year").evaluate("(el) => { el.value = '2012'; "
                                   "el.dispatchEvent(new Event('change')); }")
    page.wait_for_function("() => document.getElementById('maph1').textContent.includes('2012')")
    with page.expect_download() as dl:
        page.locator(".map-tools a", has_text="CSV").click()
    rows = list(csv.DictReader(open(dl.value.path(), encoding="utf-8")))
    assert rows and {r["report_year"] for r in rows} == {"2012"}
    assert len(rows) == int(page.locator("#maprated").inner_text())
    with page.expect_download() as dl:
        page.locator(".map-tools button", has_text="SVG").click()
    svg = Path(dl.value.path()).read_text(encoding="utf-8")
    assert "TIP Report 2012" in svg and 'id="pat-special"' in svg
    assert svg.count("<path") == page.locator("#worldmap path").count()
    with page.expect_download() as dl:
        page.locator(".map-tools button", has_text="PNG").click()
    assert Path(dl.value.path()).read_bytes()[:4] == b"\x89PNG"
    assert page.locator(".map-tools a.permalink").get_attribute("href").endswith("/?year=2012")
    page.locator(".map-tools .cite summary").click()
    assert "/?year=2012" in page.locator(".map-tools .cite-plain").inner_text()
    context.close()
