"""Cohort assignment at each boundary: 3 亩 exactly, renting firms, above scale."""

from __future__ import annotations

import pytest

from scoring.evaluation.run import evaluate
from tests.scoring.evaluation.helpers import settings
from tests.scoring.screen_firms import firms


def test_cohort_boundaries():
    # 2000 m² = 3 亩 exactly → the large cohort; 1999 m² → small; no own land with a floor area
    # → renting (even above scale); no land and no floor area → small; above scale with land
    frame = firms(
        6,
        above_scale=[False, False, False, True, False, True],
        land_area_m2=[2000.0, 1999.0, 0.0, 0.0, 0.0, 500.0],
        floor_area_m2=[3000.0, 3000.0, 1000.0, 1000.0, 0.0, 500.0],
    )
    table = evaluate(frame, settings=settings(), year=2015).table
    assert table["cohort"].tolist() == [
        "below_scale_large",
        "below_scale_small",
        "renting",
        "renting",
        "below_scale_small",
        "above_scale",
    ]


def test_the_land_boundary_is_a_setting():
    frame = firms(2, above_scale=False, land_area_m2=[2000.0, 3400.0])
    table = evaluate(frame, settings=settings(own_land_min_mu=5.0), year=2015).table
    # 3400 m² = 5.1 亩 ≥ 5; 3 亩 < 5
    assert table["cohort"].tolist() == ["below_scale_small", "below_scale_large"]
    assert table["cohort_label"].iloc[1] == "规下企业（自有用地 ≥ 5 亩）"


def test_renting_firms_are_judged_on_tax_per_mu_of_rented_floor_area():
    # floor 2000 m² = 3 亩; tax 3, 6, 9 → 1, 2, 3 万元/亩 → benchmark 2 → 50, 100, 150
    frame = firms(3, land_area_m2=0.0, floor_area_m2=2000.0, tax=[3.0, 6.0, 9.0])
    table = evaluate(frame, settings=settings(), year=2015).table
    assert table["tax_per_rented_mu"].tolist() == pytest.approx([1.0, 2.0, 3.0])
    assert table["score"].tolist() == pytest.approx([50.0, 100.0, 150.0])
    assert table["cohort_label"].iloc[0] == "租赁厂房企业（无自有工业用地）"


def test_firms_are_ranked_within_their_cohort_only():
    # two cohorts of two firms: each cohort's benchmark is its own mean
    frame = firms(
        4,
        above_scale=False,
        land_area_m2=[10000.0, 10000.0, 1000.0, 1000.0],
        tax=[10.0, 30.0, 1.0, 3.0],
    )
    table = evaluate(frame, settings=settings(), year=2015).table
    # large: tax/mu 1, 3 → ratios .5, 1.5; tax/kWh alike → 50, 150; small: 0.5, 1.5 → same
    assert table["score"].tolist() == pytest.approx([50.0, 150.0, 50.0, 150.0])
    assert table["rank"].tolist() == [2, 1, 2, 1]
    assert table["cohort_n"].tolist() == [2, 2, 2, 2]


def test_other_years_are_not_evaluated():
    frame = firms(3, survey_year=[2015, 2015, 2016])
    assert len(evaluate(frame, settings=settings(), year=2015).table) == 2
