"""Shared helpers for the browser tests: headless Chromium (Debian's package) and the axe-core
accessibility audit, bundled under tests/web/vendor (MPL-2.0, licence beside it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (scripts/test.sh installs it)")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1200, "height": 900}
PHONE = {"width": 390, "height": 844}


def launch(p):
    assert CHROMIUM, "chromium is required in CI"
    return p.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"])


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core in the page (evaluated over CDP, so the page's strict CSP is untouched)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("async () => (await axe.run()).violations.map(v => ({impact: v.impact, "
                          "id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))")
    return [f"{v['impact']} {v['id']}: {v['nodes']}" for v in found if v["impact"] in impacts]
