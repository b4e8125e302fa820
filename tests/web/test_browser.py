"""End to end in headless Chromium (Debian's chromium, driven by Playwright): map, year slider,
click a country, its timeline, a CSV download. Screenshots go to the test's tmp folder."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (scripts/test.sh installs it)")


@pytest.fixture(scope="module")
def server(live_server):
    return live_server


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "chromium is required in CI"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
        yield context.new_page()
        browser.close()


def test_map_year_country_timeline_download(page, server, tmp_path):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server + "/")
    shapes = page.locator("#worldmap path")
    assert shapes.count() > 150
    box = page.locator("#worldmap").bounding_box()
    assert box["width"] > 800 and box["height"] > 300
    page.screenshot(path=str(tmp_path / "map.png"))
    from PIL import Image

    img = Image.open(tmp_path / "map.png").convert("RGB")
    colours = {c for _, c in img.getcolors(maxcolors=1 << 20)}
    tier_rgb = {(0, 158, 115), (86, 180, 233), (230, 159, 0), (213, 94, 0)}
    assert tier_rgb <= colours, "the map drew countries in every tier colour"

    # Move the slider to 2013 and see the map change without a reload (JSON for the year).
    slider = page.locator("#year")
    slider.focus()
    page.evaluate("() => { window.notReloaded = true; }")
    with page.expect_response(lambda r: r.url.endswith("/api/v1/map/tiers/2013")) as resp:
        slider.evaluate("(el) => { el.value = '2013'; el.dispatchEvent(new Event('change')); }")
    sent = resp.value.headers  # what crossed the wire: compressed, a few KB
    assert sent.get("content-encoding") == "gzip" and int(sent["content-length"]) <= 20_000
    page.wait_for_function("() => document.querySelector('h1').textContent.includes('2013')")
    assert page.evaluate("() => window.notReloaded") and page.url.endswith("/?year=2013")

    # Hover shows the value and the source; click opens the country page.
    thailand = page.locator('#worldmap a[data-iso3="THA"]')
    thailand.hover()
    assert "Thailand" in page.locator("#mapinfo").inner_text()
    with page.expect_navigation():
        thailand.click()
    assert page.url.endswith("/country/THA")
    assert "Thailand" in page.locator("h1").inner_text()
    img_ok = page.locator("img.chart").evaluate("(i) => i.complete && i.naturalWidth > 300")
    assert img_ok, "the tier timeline figure loaded"
    assert page.locator("table").first.inner_text().count("Tier 3") >= 2
    page.screenshot(path=str(tmp_path / "country.png"), full_page=True)

    page.goto(server + "/rankings?year=2015&tier=3")
    with page.expect_download() as dl:
        page.locator("a", has_text="Download CSV").click()
    path = tmp_path / "tiers.csv"
    dl.value.save_as(path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith("country,name,report_year,tier") and len(lines) > 15
    assert all(",3," in line for line in lines[1:])
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_keyboard_navigation_reaches_the_map(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to content" in focused
