"""Accepted objections' values: an input replaces the firm's before the indicators are computed
(so it can move the firm to another cohort), a term replaces the computed indicator."""

from __future__ import annotations

import pytest

from scoring.evaluation.run import evaluate
from tests.scoring.evaluation.helpers import settings
from tests.scoring.screen_firms import firms, uscc


def test_a_corrected_land_area_moves_the_firm_to_another_cohort():
    frame = firms(2, above_scale=False, land_area_m2=[1000.0, 1000.0])
    table = evaluate(
        frame, settings=settings(), year=2015, overrides={uscc(1): {"land_area_m2": 2000.0}}
    ).table
    assert table["cohort"].tolist() == ["below_scale_small", "below_scale_large"]


def test_a_corrected_term_replaces_the_indicator():
    # tax per mu 2, 2, 2 → firm 0 claims 8: mean 4 → 8/4 × 50 + 50 (tax per kWh unchanged)
    frame = firms(3, above_scale=False)
    table = evaluate(
        frame, settings=settings(), year=2015, overrides={uscc(0): {"tax_per_mu": 8.0}}
    ).table
    assert table["tax_per_mu"].tolist() == pytest.approx([8.0, 2.0, 2.0])
    assert table["score"].tolist() == pytest.approx([150.0, 75.0, 75.0])
    assert table["grade"].tolist() == ["B", "C", "C"]
