"""The water surcharge (C +15 %, D +30 % of the base price) and the D steps of electricity/gas."""

from __future__ import annotations

import pandas as pd
import pytest

from scoring.evaluation.run import evaluate
from scoring.evaluation.surcharge_water import water_surcharge
from tests.scoring.evaluation.helpers import settings
from tests.scoring.screen_firms import firms


def test_water_surcharge_by_grade():
    grade = pd.Series(["A", "B", "C", "D", "T"])
    water = pd.Series([1000.0, 1000.0, 1000.0, 1000.0, 1000.0])
    # 3.46 元/m³ × 1000 m³ × 15 % = 519; × 30 % = 1038
    got = water_surcharge(water, grade, settings=settings().evaluation)
    assert got.tolist() == pytest.approx([0.0, 0.0, 519.0, 1038.0, 0.0])


def test_water_surcharge_shares_and_base_are_settings():
    grade = pd.Series(["C", "D"])
    cfg = settings(water={"base_yuan_per_m3": 2.0, "C_share": 0.1, "D_share": 0.5}).evaluation
    got = water_surcharge(pd.Series([100.0, None]), grade, settings=cfg)
    assert got.tolist() == pytest.approx([20.0, 0.0])  # missing use counts as none


def test_evaluation_surcharges_of_c_and_d_firms():
    # 20 below-scale firms, tax 20 … 1: rank 19 is C, rank 20 is D (its 2nd year in D)
    frame = firms(
        20,
        above_scale=False,
        tax=[float(k) for k in range(20, 0, -1)],
        years_in_d=[0] * 19 + [1],
        natural_gas_m3=[0.0] * 19 + [500.0],
    )
    table = evaluate(frame, settings=settings(), year=2015).table
    c, d = table.iloc[18], table.iloc[19]
    assert (c["grade"], d["grade"]) == ("C", "D")
    assert c["surcharge_water_yuan"] == pytest.approx(519.0)
    assert c["surcharge_electricity_yuan"] == 0.0
    # D: electricity 0.10 元/kWh in the 2nd year × 100 000 kWh; gas 1 元/m³ × 500; water 1038
    assert d["surcharge_electricity_yuan"] == pytest.approx(10000.0)
    assert d["surcharge_gas_yuan"] == pytest.approx(500.0)
    assert d["surcharge_water_yuan"] == pytest.approx(1038.0)
    assert d["surcharge_yuan"] == pytest.approx(11538.0)
    assert table.iloc[0]["surcharge_yuan"] == 0.0
