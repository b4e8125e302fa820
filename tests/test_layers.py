"""The layers import one way: domain <- record <- rules/analysis/claims/evidence <- services <-
CLI/API/web, and the domain's constants are written once."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tiptrace"
ABOVE = {  # package -> packages it must not import (they sit above it)
    "record": {"analysis", "rules", "claims", "evidence", "services", "web", "cli"},
    "analysis": {"services", "web", "cli"},
    "rules": {"services", "web", "cli"},
    "services": {"web", "cli"},
}


def _is_alias(path: Path) -> bool:
    """The old front doors (record/analysis/rules queries.py) stay only as aliases of the
    services modules, for older callers: nothing but that."""
    text = path.read_text()
    return (path.name == "queries.py" and "sys.modules[__name__] = _moved" in text
            and _imports(path) == {"services"} and text.count("\n") < 12)


def _imports(path: Path) -> set[str]:
    """The tiptrace packages a module imports (first component under tiptrace)."""
    pkg = path.parent.relative_to(SRC).parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(pkg[:len(pkg) - node.level + 1]) if node.level <= len(pkg) + 1 else []
                parts = base + (node.module.split(".") if node.module else [])
                if not parts and node.level:  # `from .. import x`
                    parts = [a.name for a in node.names]
                found.add(parts[0] if parts else "")
            elif node.module and node.module.startswith("tiptrace."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("tiptrace.")}
    return found


def test_no_layer_imports_one_above_it():
    wrong = []
    for package, banned in ABOVE.items():
        for path in (SRC / package).rglob("*.py"):
            if _is_alias(path):
                continue
            bad = _imports(path) & banned
            if bad:
                wrong.append(f"{path.relative_to(SRC)} imports {sorted(bad)}")
    assert wrong == []


def test_domain_is_the_lowest_layer():
    assert _imports(SRC / "domain.py") - {"__future__"} == set()


def test_domain_constants_are_not_restated():
    """The first state-sponsored year and the partial GSI editions appear only in domain.py
    (claims/ is being rewritten and switches to them separately)."""
    wrong = []
    for path in SRC.rglob("*.py"):
        if path.name == "domain.py" or "claims" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
                values = {getattr(e, "value", None) for e in node.elts}
                if values == {2013, 2014}:
                    wrong.append(f"{path.relative_to(SRC)}:{node.lineno} partial editions")
            if isinstance(node, ast.Compare) and any(
                    isinstance(c, ast.Constant) and c.value == 2020 for c in node.comparators):
                wrong.append(f"{path.relative_to(SRC)}:{node.lineno} compares with 2020")
    assert wrong == []


def test_interfaces_share_one_country_profile(store):
    from fastapi.testclient import TestClient

    from tiptrace.services import country
    from tiptrace.web.app import create_app

    current, streak = country.latest(store, "THA")
    api = TestClient(create_app(store)).get("/api/v1/countries/THA").json()
    assert api["current"]["report_year"] == current["report_year"]
    assert api["streak"] == streak.contract()
