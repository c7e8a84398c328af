"""Comprehensive energy consumption (GB/T 2589) per firm, checked against hand computations."""

from __future__ import annotations

import pandas as pd
import pytest

from errors import UnknownKeyError
from geo.energy import energy_tce

FACTORS = {
    "electricity_kgce_per_kwh": 0.1229,
    "natural_gas_kgce_per_m3": 1.2143,
    "coal_kgce_per_kg": 0.7143,
    "diesel_kgce_per_kg": 1.4571,
    "fuel_oil_kgce_per_kg": 1.4286,
    "lpg_kgce_per_kg": 1.7143,
    "heat_kgce_per_gj": 34.12,
}


@pytest.fixture
def firms() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "electricity_kwh": [1_000_000.0, 200_000.0, 1.0, 0.0],
            "natural_gas_m3": [10_000.0, 0.0, 0.0, 0.0],
            "coal_t": [0.0, 2.0, 0.0, 0.0],
        },
        index=[10, 11, 12, 13],
    )


def test_energy_is_the_sum_of_quantity_times_factor(firms):
    tce = energy_tce(firms, factors=FACTORS)
    # 1 000 000 kWh × 0.1229 + 10 000 m³ × 1.2143 = 122 900 + 12 143 kgce = 135.043 tce
    assert tce.iloc[0] == pytest.approx(135.043)
    # 200 000 kWh × 0.1229 + 2 t × 1000 kg × 0.7143 = 24 580 + 1 428.6 kgce = 26.0086 tce
    assert tce.iloc[1] == pytest.approx(26.0086)
    assert tce.iloc[3] == 0.0  # missing optional fuels count as zero
    assert tce.name == "energy_tce"
    assert list(tce.index) == list(firms.index)


def test_energy_uses_the_configured_defaults(firms):
    assert energy_tce(firms).iloc[0] == pytest.approx(135.043)


def test_energy_factor_missing_lists_the_known(firms):
    with pytest.raises(UnknownKeyError, match=r"unknown energy factor 'coal_kgce_per_kg'"):
        energy_tce(firms, factors={k: v for k, v in FACTORS.items() if "coal" not in k})
