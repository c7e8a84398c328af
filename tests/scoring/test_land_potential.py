"""厂房加层 potential: target = division minimum + uplift capped at max_plot_ratio, potential floor
area, land saved = potential ÷ target, missing inputs reported (never 0), park and town sums.
Every expectation is computed by hand from the defaults (uplift 0.5, cap 3.0, minimum 0.6 for
chemicals "26", 0.8 for textiles "17", default 1.0)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from config import load_settings
from config.settings import Settings
from geo.crs import M2_PER_HA, M2_PER_MU
from scoring.land.potential import (
    POTENTIAL_COLUMNS,
    land_potential,
    plot_ratio_potential,
    potential_by,
    target_plot_ratio,
)

FIRMS = pd.DataFrame(
    {
        "uscc": ["A", "B", "C", "D", "E", "F"],
        "industry_code": ["2611", "3311", "1711", "9999", "3311", "abc"],
        "land_area_m2": [1000.0, 1000.0, 2000.0, 1000.0, np.nan, 0.0],
        "floor_area_m2": [500.0, 2500.0, np.nan, 0.0, 100.0, np.nan],
        "town": ["X", "X", "Y", "Y", "Y", "Y"],
        "park_id": ["P1", "P1", None, "P2", "P2", "P2"],
    },
    index=[10, 11, 12, 13, 14, 15],
)


def _with_land(**land: float) -> Settings:
    base = load_settings()
    return base.model_copy(update={"land": base.land.model_copy(update=land)})


def test_target_is_the_division_minimum_plus_the_uplift():
    got = target_plot_ratio(FIRMS["industry_code"], settings=load_settings())
    assert got["division"].tolist()[:4] == ["26", "33", "17", "99"]
    assert pd.isna(got["division"].iloc[5])  # no GB/T 4754 code: the default minimum
    assert got["plot_ratio_min"].tolist() == [0.6, 1.0, 0.8, 1.0, 1.0, 1.0]
    assert got["target_plot_ratio"].tolist() == pytest.approx([1.1, 1.5, 1.3, 1.5, 1.5, 1.5])
    assert got.index.tolist() == FIRMS.index.tolist()


def test_the_target_is_capped_at_max_plot_ratio():
    got = target_plot_ratio(FIRMS["industry_code"], settings=_with_land(max_plot_ratio=1.2))
    assert got["target_plot_ratio"].tolist() == pytest.approx([1.1, 1.2, 1.2, 1.2, 1.2, 1.2])
    high = target_plot_ratio(FIRMS["industry_code"], settings=_with_land(plot_ratio_uplift=4.0))
    assert high["target_plot_ratio"].tolist() == pytest.approx([3.0] * 6)


def test_potential_floor_area_and_land_saved_by_hand():
    got = plot_ratio_potential(FIRMS, settings=load_settings())
    assert list(got.columns) == list(POTENTIAL_COLUMNS)
    a = got.loc[10]  # chemicals: 0.5 now, target 1.1: (1.1 − 0.5) × 1000 = 600 m²
    assert a["current_plot_ratio"] == pytest.approx(0.5)
    assert a["potential_floor_m2"] == pytest.approx(600.0)
    assert a["land_saved_m2"] == pytest.approx(600.0 / 1.1)
    assert a["land_saved_mu"] == pytest.approx(600.0 / 1.1 / M2_PER_MU)
    assert a["land_saved_ha"] == pytest.approx(600.0 / 1.1 / M2_PER_HA)
    b = got.loc[11]  # 2.5 already above the target 1.5: nothing to add, not negative
    assert (b["potential_floor_m2"], b["land_saved_m2"]) == (0.0, 0.0)
    d = got.loc[13]  # no building at all: (1.5 − 0) × 1000 = 1500 m², saving 1000 m²
    assert d["potential_floor_m2"] == pytest.approx(1500.0)
    assert d["land_saved_m2"] == pytest.approx(1000.0)
    assert got.loc[[10, 11, 13], "reason"].tolist() == ["", "", ""]
    assert got.loc[[10, 11, 13], "evaluated"].all()


def test_a_missing_input_gives_a_missing_potential_and_says_which():
    zh = plot_ratio_potential(FIRMS, settings=load_settings())
    en = plot_ratio_potential(FIRMS, settings=load_settings(), lang="en")
    for i in (12, 14, 15):
        assert np.isnan(zh.loc[i, "potential_floor_m2"])  # not 0
        assert np.isnan(zh.loc[i, "land_saved_m2"])
        assert not zh.loc[i, "evaluated"]
    assert zh.loc[12, "reason"] == "缺少建筑面积"
    assert zh.loc[14, "reason"] == "缺少用地面积"
    assert zh.loc[15, "reason"] == "缺少建筑面积；缺少用地面积"  # land 0 is no land
    assert en.loc[12, "reason"] == "no floor area"
    assert en.loc[15, "reason"] == "no floor area; no land area"


def test_town_and_park_sums_count_the_firms_without_a_value():
    table = plot_ratio_potential(FIRMS, settings=load_settings())
    towns = potential_by(table, "town").set_index("town")
    assert towns.loc["X", "potential_floor_m2"] == pytest.approx(600.0)
    assert towns.loc["X", "land_saved_m2"] == pytest.approx(600.0 / 1.1)
    assert towns.loc["Y", "potential_floor_m2"] == pytest.approx(1500.0)
    assert towns.loc["Y", "land_saved_mu"] == pytest.approx(1000.0 / M2_PER_MU)
    assert towns.loc["Y", ["firms", "evaluated", "not_evaluated"]].tolist() == [4, 1, 3]
    assert towns.loc["Y", ["no_floor_area", "no_land_area"]].tolist() == [2, 2]
    parks = potential_by(table, "park_id", index=pd.Index(["P1", "P2", "P3"])).set_index("park_id")
    assert parks.loc["P2", "land_saved_m2"] == pytest.approx(1000.0)  # D only
    assert parks.loc["P2", "not_evaluated"] == 2
    assert parks.loc["P3", "firms"] == 0
    assert np.isnan(parks.loc["P3", "land_saved_m2"])  # no firm with a value: missing, not 0
    only_missing = potential_by(table.loc[[12, 14]].assign(park_id="P9"), "park_id")
    assert np.isnan(only_missing["potential_floor_m2"].iloc[0])
    assert only_missing["not_evaluated"].iloc[0] == 2


def test_land_potential_takes_the_latest_survey_year():
    firms = pd.concat(
        [FIRMS.assign(survey_year=2015), FIRMS.assign(survey_year=2014, floor_area_m2=0.0)]
    ).reset_index(drop=True)
    got = land_potential(firms, settings=load_settings())
    assert got.year == 2015
    assert len(got.firms) == len(FIRMS)
    assert got.firms["potential_floor_m2"].sum() == pytest.approx(600.0 + 1500.0)
    assert got.parameters() == {
        "survey_year": 2015,
        "plot_ratio_uplift": 0.5,
        "max_plot_ratio": 3.0,
    }
    assert set(got.towns["town"]) == {"X", "Y"}
    older = land_potential(firms, settings=load_settings(), year=2014)
    assert older.firms["potential_floor_m2"].iloc[0] == pytest.approx(1100.0)  # (1.1 − 0) × 1000
