"""Indicators of DOMAIN §2 on a hand-computed firm; missing inputs are named, never guessed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from config import load_settings
from config.settings import EnergySettings, validate_section
from errors import ValidationError
from scoring.screen.indicators import energy_basis, indicators, missing_input
from tests.scoring.screen_firms import firms

ENERGY = load_settings().energy


def test_every_indicator_of_a_hand_computed_firm():
    firm = firms(1, natural_gas_m3=1000.0, so2_t=0.05, nox_t=0.04, rd_spend=8.0)
    ind = indicators(firm, energy=ENERGY).iloc[0]
    # 10 000 m² = 15 亩
    assert ind["land_mu"] == pytest.approx(15.0)
    assert ind["tax_per_mu"] == pytest.approx(30 / 15)
    assert ind["va_per_mu"] == pytest.approx(100 / 15)
    assert ind["labour_productivity"] == pytest.approx(100 / 10)
    assert ind["va_rate"] == pytest.approx(100 / 400)
    assert ind["plot_ratio"] == pytest.approx(1.5)
    # 100 000 kWh × 0.1229 + 1 000 m³ × 1.2143 kgce = 12 290 + 1 214.3 kgce
    assert ind["energy_tce"] == pytest.approx(13.5043)
    assert ind["energy_per_va"] == pytest.approx(13.5043 / 100)
    assert ind["emissions_t"] == pytest.approx(0.1 + 0.01 + 0.05 + 0.04)
    assert ind["emission_per_va"] == pytest.approx(0.2 / 100)
    assert ind["va_per_energy"] == pytest.approx(100 / 13.5043)
    assert ind["va_per_emission"] == pytest.approx(100 / 0.2)
    assert ind["rd_share"] == pytest.approx(8 / 400)
    # 30 万元 / 100 000 kWh = 3 元/kWh
    assert ind["tax_per_kwh"] == pytest.approx(3.0)


def test_the_equivalent_electricity_basis_is_a_setting_and_is_stated():
    firm = firms(1)
    equivalent = EnergySettings.model_validate(
        {**ENERGY.model_dump(), "electricity_basis": "equivalent"}
    )
    assert indicators(firm, energy=ENERGY)["energy_tce"].iloc[0] == pytest.approx(12.29)
    assert indicators(firm, energy=equivalent)["energy_tce"].iloc[0] == pytest.approx(31.5)
    assert energy_basis(ENERGY) == "当量值 0.1229 kgce/kWh"
    assert energy_basis(equivalent, lang="en") == "equivalent value 0.315 kgce/kWh"
    with pytest.raises(ValidationError, match="must be one of: calorific, equivalent"):
        validate_section(EnergySettings, {**ENERGY.model_dump(), "electricity_basis": "coal"})


def test_missing_or_zero_denominators_are_not_evaluated_and_named():
    firm = firms(
        4,
        land_area_m2=[0.0, np.nan, 10000.0, 10000.0],
        employees=[10, 10, np.nan, 0],
        tax=[30.0, 30.0, np.nan, 30.0],
    )
    ind = indicators(firm, energy=ENERGY)
    assert ind["tax_per_mu"].isna().tolist() == [True, True, True, False]
    assert ind["labour_productivity"].isna().tolist() == [False, False, True, True]
    assert missing_input(ind, "tax_per_mu").tolist() == [
        "用地面积为零或负",
        "缺少用地面积",
        "缺少税收",
        pd.NA,
    ]
    assert missing_input(ind, "labour_productivity", lang="en").tolist()[2:] == [
        "Employees missing",
        "Employees is zero or negative",
    ]


def test_emissions_count_a_missing_pollutant_as_zero_and_all_missing_as_missing():
    firm = firms(2, cod_t=[np.nan, np.nan], nh3n_t=[0.2, np.nan], so2_t=np.nan, nox_t=np.nan)
    ind = indicators(firm, energy=ENERGY)
    assert ind["emissions_t"].iloc[0] == pytest.approx(0.2)
    assert np.isnan(ind["emissions_t"].iloc[1])
    assert missing_input(ind, "emission_per_va").iloc[1] == "缺少排放量（COD+氨氮+SO₂+NOx）"


def test_missing_electricity_leaves_energy_unknown_not_zero():
    ind = indicators(firms(1, electricity_kwh=np.nan), energy=ENERGY)
    assert np.isnan(ind["energy_tce"].iloc[0])
    assert np.isnan(ind["energy_per_va"].iloc[0])
    assert missing_input(ind, "energy_per_va").iloc[0] == "缺少综合能耗（用电量）"


def test_inputs_are_not_mutated():
    firm = firms(3)
    before = firm.copy()
    indicators(firm, energy=ENERGY)
    pd.testing.assert_frame_equal(firm, before)
