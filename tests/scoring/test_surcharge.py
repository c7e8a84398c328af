"""D-class surcharges: 1st / 2nd / 3rd-and-later consecutive year, electricity, gas and water."""

from __future__ import annotations

import pandas as pd
import pytest

from config import load_settings
from config.settings import PricesSettings
from scoring.screen.run import screen
from scoring.screen.surcharge import surcharge
from tests.scoring.screen_firms import config, firms

PRICES = load_settings().prices


@pytest.mark.parametrize(
    ("earlier", "year", "yuan_per_kwh"),
    [(0, 1, 0.05), (1, 2, 0.10), (2, 3, 0.15), (6, 7, 0.15)],
)
def test_electricity_surcharge_rises_with_consecutive_years_in_d(earlier, year, yuan_per_kwh):
    frame = firms(1, years_in_d=earlier, natural_gas_m3=500.0, water_m3=2000.0)
    out = surcharge(frame, pd.Series(["D"]), prices=PRICES).iloc[0]
    assert out["d_year"] == year
    assert out["surcharge_electricity_yuan"] == pytest.approx(100000 * yuan_per_kwh)
    assert out["surcharge_gas_yuan"] == pytest.approx(500 * 1.0)
    assert out["surcharge_water_yuan"] == 0.0  # a setting, 0 by default
    assert out["surcharge_yuan"] == pytest.approx(100000 * yuan_per_kwh + 500)


def test_only_d_class_firms_pay_and_water_is_a_setting():
    frame = firms(3, years_in_d=[0, 2, 2], water_m3=2000.0)
    prices = PricesSettings.model_validate({**PRICES.model_dump(), "water_yuan_per_m3": [0.5, 1.0]})
    out = surcharge(frame, pd.Series(["D", "C", "D"]), prices=prices)
    assert out["d_year"].tolist() == [1, 0, 3]
    assert out["surcharge_water_yuan"].tolist() == pytest.approx([1000.0, 0.0, 2000.0])
    assert out["surcharge_yuan"].iloc[1] == 0.0


def test_the_screen_charges_its_d_class_firms():
    # 100 below-scale firms, tax 1 … 100: the five lowest are D; two of them were D before
    frame = firms(
        100,
        above_scale=False,
        tax=[float(k) for k in range(1, 101)],
        years_in_d=[1, 2, *[0] * 98],
    )
    table = screen(frame, config=config()).table
    d = table["grade"] == "D"
    assert d.sum() == 5
    assert table.loc[[0, 1, 2], "surcharge_yuan"].tolist() == pytest.approx(
        [100000 * 0.10, 100000 * 0.15, 100000 * 0.05]
    )
    assert (table.loc[~d, "surcharge_yuan"] == 0).all()
