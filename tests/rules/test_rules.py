"""The rulebook: YAML cases from the statute and real placements, parameters, audit, what-if."""

from pathlib import Path

import pytest
import yaml

from tiptrace.rules import parameters
from tiptrace.rules.engine import Assessment, AssessmentError, decide

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    if "error" in case:
        with pytest.raises(AssessmentError, match=case["error"]):
            decide(Assessment.from_dict(case["assessment"]))
        return
    d = decide(Assessment.from_dict(case["assessment"]))
    expect = dict(case["expect"])
    mention = expect.pop("consequences_mention", None)
    for key, value in expect.items():
        assert getattr(d, key) == value, (key, d)
    if mention:
        assert any(mention in c for c in d.consequences)
    # Every step is cited.
    assert all(s.citation for s in d.trace)


def test_every_parameter_is_dated_and_cited():
    params = parameters.load()
    assert len(params) >= 15
    for p in params.values():
        for period in p.periods:
            assert period.reference and period.first_report >= 2001, p.name


def test_parameters_change_with_the_law():
    waiver = parameters.get("downgrade.waiver_max_years")
    assert waiver.value(2018) == 2 and waiver.value(2019) == 1
    assert parameters.get("watch_list.exists").value(2003) is False
    with pytest.raises(parameters.RuleNotInForce, match="2019"):
        parameters.get("significant_efforts.policy_or_pattern").value(2010)


def test_trace_explains_the_automatic_downgrade():
    d = decide(Assessment.from_dict(CASES[13]["assessment"]))
    steps = {s.rule: s for s in d.trace}
    auto = steps["automatic downgrade"]
    assert auto.inputs["consecutive_watch_list_years_before"] == 4
    assert "7107(b)(2)(D)" in auto.citation
