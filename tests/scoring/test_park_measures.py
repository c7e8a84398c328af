"""The eligibility gate and the normalisation of indicators over eligible parks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from config.settings import GateSettings
from errors import UnknownKeyError
from scoring.parks.measures import MEASURE_COLUMNS, MEASURES, gate, measure_scores, normalise

RULES = GateSettings(
    min_area_ha=10.0,
    min_enterprises=10,
    require_industrial_block=True,
    max_demolition_share=0.5,
)


def _parks():
    return pd.DataFrame(
        {
            "area_ha": [12.0, 9.5, 30.0, 15.0, 10.0],
            "firms_latest": [10, 40, 9, 25, 10],
            "in_industrial_block": [True, True, True, False, True],
            "demolition_share": [0.5, 0.0, 0.2, 0.8, 0.0],
        },
        index=[10, 11, 12, 13, 14],
    )


def test_gate_gives_every_failed_rule_with_value_and_threshold():
    g = gate(_parks(), RULES)
    assert g["eligible"].tolist() == [True, False, False, False, True]
    assert g.loc[10, "ineligible_reason"] == ""  # 50 % is allowed (≤), 10 firms is enough (≥)
    assert g.loc[11, "ineligible_reason"] == "面积 area 9.5 ha < 10 ha"
    assert g.loc[12, "ineligible_reason"] == "企业 firms 9 < 10"
    assert g.loc[13, "ineligible_reason"] == (
        "不在产业区块内 outside every industrial block; 全面改造占比 demolition share 80% > 50%"
    )


def test_gate_rules_are_settings():
    relaxed = GateSettings(
        min_area_ha=5.0,
        min_enterprises=5,
        require_industrial_block=False,
        max_demolition_share=1.0,
    )
    assert gate(_parks(), relaxed)["eligible"].all()


def test_minmax_uses_eligible_parks_only_and_clips_the_others():
    values = pd.Series([2.0, 4.0, 6.0, 100.0, -5.0])
    eligible = pd.Series([True, True, True, False, False])
    out = normalise(values, eligible, method="minmax")
    np.testing.assert_allclose(out, [0.0, 0.5, 1.0, 1.0, 0.0])


def test_cdf_is_the_normal_cdf_of_the_z_score_over_eligible_parks():
    values = pd.Series([1.0, 2.0, 3.0, 10.0])
    eligible = pd.Series([True, True, True, False])
    mean, sd = 2.0, np.std([1.0, 2.0, 3.0])
    want = norm.cdf((values - mean) / sd)
    np.testing.assert_allclose(normalise(values, eligible, method="cdf"), want)


def test_a_constant_indicator_scores_the_middle_and_unknown_method_is_listed():
    out = normalise(pd.Series([3.0, 3.0]), pd.Series([True, True]))
    np.testing.assert_allclose(out, 0.5)
    with pytest.raises(UnknownKeyError, match="known: minmax, cdf"):
        normalise(pd.Series([1.0]), pd.Series([True]), method="rank")


def test_a_measure_is_the_mean_of_its_normalised_indicators():
    indicators = pd.DataFrame(
        {col: [0.0, 1.0, 2.0] for _, cols in MEASURES.values() for col in cols}
    )
    indicators["heat_proximity"] = [1.0, 1.0, 0.0]  # min–max: 1, 1, 0
    out = measure_scores(indicators, pd.Series([True, True, True]))
    assert list(out.columns) == MEASURE_COLUMNS
    # m_heat = mean(thermal 0/0.5/1, fuel firms 0/0.5/1, proximity 1/1/0)
    np.testing.assert_allclose(out["m_heat"], [1 / 3, 2 / 3, 2 / 3])
    np.testing.assert_allclose(out["m_chain"], [0.0, 0.5, 1.0])
