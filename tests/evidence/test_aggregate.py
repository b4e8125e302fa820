"""Aggregation, intervals and sensitivity on constructed cases whose answers are worked out by
hand from weighting.yaml (point values B=0.8, C=0.6, A=1, 2=0.8, 3=0.6, 1=1; an uncorroborated
item keeps 0.7 of its weight; min_weight 0.25)."""

import math

import pytest

from tiptrace.evidence import weighting
from tiptrace.evidence.aggregate import Unit, corroborated, evaluate
from tiptrace.evidence.assess import alpha, assess_units


def unit(i, key, direction, year=2016, resp="state_direct", st="ngo", pub="P", links=(),
         grades=(("a", "B", 2),)):
    t = weighting.targets(year)[key]
    return Unit(i, t, direction, resp, st, pub, frozenset(links), tuple(grades))


def point(units, year=2016, previous=None, waiver=False):
    return evaluate(units, {u.id: u.point_factor for u in units}, year, previous, waiver)


def test_targets_come_from_the_rulebook_of_the_year():
    t2016, t2021 = weighting.targets(2016), weighting.targets(2021)
    assert "forced_labor" not in t2016 and t2021["forced_labor"].role == "pattern"  # from 2019
    assert "commitments_for_next_year" in t2016 and "commitments_for_next_year" not in t2021
    assert "reduces_demand" in t2021 and "reduces_demand" not in t2016
    assert t2016["prosecution"].criterion == "investigates_prosecutes"
    assert "victims_significant_or_increasing" not in weighting.targets(2003)  # no Watch List


def test_pooled_efforts_index_by_hand():
    # 0.8*0.8*0.7 = 0.448 for, 0.6*0.6*0.7 = 0.252 against: (0.448 - 0.252) / 0.7 = 0.28
    units = [unit("e1", "investigates_prosecutes", 1),
             unit("e2", "protects_victims", -1, grades=(("a", "C", 3),))]
    out = point(units)
    assert out.efforts_index == pytest.approx(0.28)
    assert out.tier == "2"  # no minimum standard shown, so not Tier 1


def test_complicity_factor_counts_against_efforts():
    units = [unit("e1", "investigates_prosecutes", 1),
             unit("c1", "extent_of_noncompliance_and_complicity", 1)]
    out = point(units)
    assert out.efforts_index == 0 and out.tier is None and "balanced" in out.reason


def test_corroboration_needs_another_publisher():
    a = unit("a", "prevention", 1, pub="P", links=("b",))
    b = unit("b", "prevention", 1, pub="P")
    assert corroborated([a, b]) == set()
    b2 = unit("b", "prevention", 1, pub="Q")
    assert corroborated([a, b2]) == {"a", "b"}
    assert point([a, b2]).findings["prevention"].weight == pytest.approx(2 * 0.64)


def test_pattern_needs_state_conduct_and_decides_tier_3():
    e = unit("e1", "investigates_prosecutes", 1, year=2021, grades=(("a", "A", 1),))
    p = unit("p1", "forced_labor", 1, year=2021)
    assert point([e, p], 2021).tier == "3"
    brokers = unit("p1", "forced_labor", 1, year=2021, resp="non_state")
    assert point([e, brokers], 2021).tier == "2"  # weight 0 for a pattern: not shown
    complicit = unit("p1", "forced_labor", 1, year=2021, resp="state_complicit")
    assert point([e, complicit], 2021).findings["forced_labor"].weight == pytest.approx(
        0.448 * 0.8)


def test_tier_1_needs_every_standard():
    std = ["prohibits_and_punishes", "punishment_commensurate_for_grave_crimes",
           "punishment_deters", "serious_and_sustained_efforts"]
    units = [unit(f"s{i}", k, 1) for i, k in enumerate(std)] + [unit("e", "prevention", 1)]
    assert point(units).tier == "1"
    assert point(units[1:]).tier == "2"


def test_watch_list_and_the_rulebooks_automatic_downgrade():
    units = [unit("e", "prevention", 1), unit("v", "victims_significant_or_increasing", 1)]
    assert point(units).tier == "2WL"
    two_years = {2014: "2WL", 2015: "2WL"}
    out = point(units, previous=two_years)
    assert out.tier == "3" and out.decision.forced_downgrade
    assert point(units, previous=two_years, waiver=True).tier == "2WL"


def test_no_efforts_evidence_is_a_gap_not_a_tier():
    out = point([unit("v", "victims_significant_or_increasing", 1)])
    assert out.tier is None and "undetermined" in out.reason


def test_interval_is_certain_when_every_draw_agrees():
    # B2 uncorroborated pattern item: 0.49..0.81 x 0.7 = 0.343..0.567, always >= 0.25
    units = [unit("e1", "investigates_prosecutes", 1, year=2021),
             unit("p1", "forced_labor", 1, year=2021)]
    r = assess_units(units, "XXX", 2021)
    assert r["recommended_tier"] == "3"
    assert r["interval"]["low"] == r["interval"]["high"] == "3"
    assert r["confidence"] == {"share": 1.0, "label": "high"}


def test_interval_at_a_threshold_matches_the_probability_worked_by_hand():
    # One C3 uncorroborated item: weight 0.7*X*Y with X, Y ~ U(0.5, 0.7); it shows efforts
    # when X*Y >= c = 0.25/0.7. P = 25 * (0.7 * (0.7 - c/0.7) - c * ln(0.7 / (c/0.7))).
    c = 0.25 / 0.7
    p = 25 * (0.7 * (0.7 - c / 0.7) - c * math.log(0.7 / (c / 0.7)))
    units = [unit("e", "investigates_prosecutes", 1, grades=(("a", "C", 3),))]
    r = assess_units(units, "XXX", 2016)
    assert r["recommended_tier"] == "2"  # point weight 0.252 >= 0.25
    share = r["interval"]["shares"]["2"]
    assert abs(share - p) < 4 * math.sqrt(p * (1 - p) / 1000)
    assert r["interval"]["shares"]["undetermined"] == pytest.approx(1 - share)
    assert r["confidence"]["share"] == share
    again = assess_units(units, "XXX", 2016)
    assert again["interval"] == r["interval"]  # the fixed seed makes it reproducible


def test_interval_spans_tiers_when_the_evidence_is_close():
    # for: B2 (0.448 at its point); against: B2 too; Monte Carlo splits about evenly, so the
    # interval runs from Tier 2 to Tier 3 and the confidence is about one half.
    units = [unit("e1", "investigates_prosecutes", 1, grades=(("a", "B", 2),)),
             unit("e2", "protects_victims", -1, grades=(("a", "B", 2),)),
             unit("e3", "prevention", 1, grades=(("a", "E", 5),))]
    r = assess_units(units, "XXX", 2016)
    assert r["recommended_tier"] == "2"
    assert (r["interval"]["low"], r["interval"]["high"]) == ("2", "3")
    assert 0.45 < r["interval"]["shares"]["2"] < 0.75


def test_sensitivity_finds_the_single_decisive_item():
    units = [unit("e1", "investigates_prosecutes", 1, year=2021, grades=(("a", "A", 1),)),
             unit("e2", "prevention", 1, year=2021, pub="Q"),
             unit("p1", "forced_labor", 1, year=2021)]
    s = assess_units(units, "XXX", 2021)["sensitivity"]
    assert s["smallest_set_size"] == 1
    assert s["sets"] == [{"items": [{"id": "p1", "change": "removed"}], "tier": "2"},
                         {"items": [{"id": "p1", "change": "regraded E5"}], "tier": "2"}]


def test_sensitivity_needs_two_items_when_one_is_not_enough():
    # two corroborating pattern items (each 0.64): removing one leaves 0.448 >= 0.25
    units = [unit("e1", "investigates_prosecutes", 1, year=2021, grades=(("a", "A", 1),)),
             unit("p1", "forced_labor", 1, year=2021, links=("p2",)),
             unit("p2", "forced_labor", 1, year=2021, pub="Q")]
    s = assess_units(units, "XXX", 2021)["sensitivity"]
    assert s["smallest_set_size"] == 2
    assert all({i["id"] for i in st["items"]} == {"p1", "p2"} for st in s["sets"])
    assert len(s["sets"]) == 4  # removed/E5 for each of the two


def test_state_direct_only_and_families_keep_conduct_and_sources_apart():
    units = [unit("e1", "investigates_prosecutes", 1, st="foreign_government", pub="US"),
             unit("b1", "victims_significant_or_increasing", 1, resp="non_state", st="media",
                  pub="M")]
    r = assess_units(units, "XXX", 2016)
    assert r["recommended_tier"] == "2WL"
    assert r["state_direct_only"]["recommended_tier"] == "2"
    fam = r["by_source_family"]
    assert fam["foreign_government"]["recommended_tier"] == "2"
    assert fam["media"]["recommended_tier"] is None  # a Watch List ground but no efforts
    assert fam["intergovernmental_and_ngo"]["items"] == 0
    assert "foreign_government: 2" in r["families_disagree"]


def test_official_tier_difference_is_explained_through_the_rulebook():
    units = [unit("e1", "investigates_prosecutes", 1)]
    r = assess_units(units, "XXX", 2016, official="3")
    assert r["recommended_tier"] == "2"
    assert "significant_efforts = False" in r["comparison"]


def test_trace_cites_items_behind_every_rulebook_step():
    units = [unit("e1", "investigates_prosecutes", 1), unit("v", "victims_significant_or_increasing", 1)]
    tr = assess_units(units, "XXX", 2016)["trace"]
    steps = {s["step"]: s for s in tr}
    assert steps["rulebook: tier definitions"]["items"] == ["e1"]
    assert steps["rulebook: watch list triggers"]["items"] == ["v"]
    assert "7107" in steps["rulebook: watch list triggers"]["citation"]


def _interval_alpha(rows):
    """Krippendorff's alpha for interval data, complete data, written out (for the check)."""
    units = list(zip(*rows, strict=True))
    values = [v for u in units for v in u]
    n = len(values)
    d_o = sum(sum((a - b) ** 2 for i, a in enumerate(u) for j, b in enumerate(u) if i != j)
              / (len(u) - 1) for u in units) / n
    d_e = sum((a - b) ** 2 for i, a in enumerate(values) for j, b in enumerate(values)
              if i != j) / (n * (n - 1))
    return 1 - d_o / d_e


def test_two_analysts_agreement_and_combination():
    g1 = [("a", "B", 2), ("a", "C", 3), ("a", "A", 1)]
    g2 = [("b", "C", 3), ("b", "B", 2), ("b", "A", 1)]
    units = [unit(f"e{i}", "prevention", 1, grades=(x, y))
             for i, (x, y) in enumerate(zip(g1, g2, strict=True))]
    r = assess_units(units, "XXX", 2016)
    ag = r["analysts"]["agreement"]
    assert ag["items_graded_by_two_or_more"] == 3
    expected = _interval_alpha([[0.64, 0.36, 1.0], [0.36, 0.64, 1.0]])
    assert ag["weight"] == pytest.approx(expected, abs=1e-4)
    assert set(r["analysts"]["per_analyst"]) == {"a", "b"}
    same = [unit(f"e{i}", "prevention", 1, grades=(x, ("b", x[1], x[2]))) for i, x in enumerate(g1)]
    assert alpha(same, ["a", "b"])["weight"] == 1.0
    assert assess_units(units[:1], "XXX", 2016)["analysts"]["agreement"]["weight"] is None
