"""The law's dates and limits live only in parameters/*.yaml, and a reform can change them."""

import ast
import json
import re
from pathlib import Path

import pytest

from tiptrace.rules import parameters
from tiptrace.rules.parameters import ReformError, reform, reformed
from tiptrace.services import rules as queries

RULES = Path(__file__).resolve().parents[2] / "src" / "tiptrace" / "rules"
YEAR = re.compile(r"(?<!\d)(20[0-2]\d|2030)(?!\d)")
# Grammar, not law: English ordinal suffixes ("11th", "21st").
EXEMPT_FUNCTIONS = {"_ordinal"}


def law_literals(source: str) -> list[str]:
    """Report years (2000-2030) and numbers compared against, written in code rather than read
    from a parameter. Comments and docstrings are not code; comparing with 0 is arithmetic."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    exempt = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in EXEMPT_FUNCTIONS:
            exempt.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt or id(node) in docstrings:
            continue
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, int) and not isinstance(v, bool) and 2000 <= v <= 2030:
                found.append(f"line {node.lineno}: year {v}")
            elif isinstance(v, str) and YEAR.search(v):
                found.append(f"line {node.lineno}: year in text {v!r}")
        elif isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if (isinstance(side, ast.Constant) and isinstance(side.value, int)
                        and not isinstance(side.value, bool) and side.value != 0):
                    found.append(f"line {node.lineno}: compared with {side.value}")
    return found


def test_the_scan_finds_literals_and_ignores_comments():
    assert sorted(law_literals("if y >= 2019:\n    pass")) == ["line 1: compared with 2019",
                                                               "line 1: year 2019"]
    assert law_literals("ok = k >= 2") == ["line 1: compared with 2"]
    assert law_literals("msg = f'counted from 2009 ({k})'")
    assert law_literals('"""Rules from 2009."""\n# the 2019 change\nx = k > 0\n') == []


@pytest.mark.parametrize("name", ["engine.py", "audit.py", "whatif.py"])
def test_no_law_literals_in_the_rules(name):
    assert law_literals((RULES / name).read_text("utf-8")) == []


def test_new_parameters_are_dated_and_cited():
    plan = parameters.get("consequences.action_plan_days")
    assert plan.value(2019) == 180 and not plan.in_force(2018)
    assert "P.L. 115-427" in plan.at(2019).reference


def test_a_reform_changes_a_real_outcome(store):
    # China 2013: Tier 3 by the automatic downgrade after four Watch List years (2009-2012).
    law = queries.run_whatif(store, "CHN", 2013, {"waiver_granted": "true"})
    assert (law["old_tier"], law["new_tier"], law["law"]) == ("3", "3", [])
    r = queries.run_whatif(store, "CHN", 2013, {"waiver_granted": "true"},
                           {"downgrade.waiver_max_years": "3"})
    assert (r["old_tier"], r["new_tier"]) == ("3", "2WL")
    assert r["law"] == [{"key": "downgrade.waiver_max_years", "value": 3, "law_value": 2,
                         "used": True, "citation": r["law"][0]["citation"]}]
    assert "P.L. 110-457" in r["law"][0]["citation"]
    assert any("reform: downgrade.waiver_max_years = 3" in s["citation"]
               for s in r["steps_added"])


def test_a_reform_holds_only_inside_its_block(store):
    def kind():
        found = queries.audit(store, "CHN", 2013)["findings"]
        return [f["kind"] for f in found]

    assert kind() == ["automatic_downgrade"]
    with reform({"downgrade.consecutive_years_before_downgrade": 5}):
        assert parameters.get("downgrade.consecutive_years_before_downgrade").value(2013) == 5
        # Four Watch List years no longer reach the limit: only the report's own statement
        # (an automatic downgrade) is left, which the reformed rules do not explain.
        assert kind() == ["report_only"]
    assert kind() == ["automatic_downgrade"]
    assert parameters.get("downgrade.consecutive_years_before_downgrade").value(2013) == 2


@pytest.mark.parametrize("overrides,message", [
    ({"downgrade.waiver_years": 3}, "Unknown law parameter.*Known keys:.*waiver_max_years"),
    ({"significant_efforts.factors": "x"}, "Unknown law parameter"),  # a list, not a value
    ({"downgrade.waiver_max_years": "-1"}, "whole number of 0 or more"),
    ({"downgrade.waiver_max_years": "two"}, "whole number"),
    ({"downgrade.automatic_downgrade": "maybe"}, "true or false"),
    ({"downgrade.count_from_report": "1999"}, "report year"),
])
def test_bad_reforms_are_refused(overrides, message):
    with pytest.raises(ReformError, match=message):
        reformed(overrides)


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_cli_law_round_trip(cli):
    r = cli("whatif", "CHN", "--year", "2013", "--law", "downgrade.waiver_years=3")
    err = _flat(r.stderr)
    assert r.returncode == 2 and "Unknown law parameter(s): downgrade.waiver_years" in err
    assert "downgrade.waiver_max_years" in err and "Traceback" not in r.stderr
    r = cli("whatif", "CHN", "--year", "2013", "--law", "downgrade.waiver_max_years")
    assert r.returncode == 2 and "KEY=VALUE" in _flat(r.stderr)
    r = cli("whatif", "CHN", "--year", "2013", "--law",
            "downgrade.consecutive_years_before_downgrade=5", "--json")
    out = json.loads(r.stdout)
    assert (out["old_tier"], out["new_tier"]) == ("3", "2WL")
    assert out["law"][0]["key"] == "downgrade.consecutive_years_before_downgrade"
    text = cli("whatif", "CHN", "--year", "2013", "--law",
               "downgrade.consecutive_years_before_downgrade=5").stdout
    assert "law changed: downgrade.consecutive_years_before_downgrade = 5 (enacted: 2" in text
