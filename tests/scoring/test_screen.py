"""The whole screen: contract columns, park/town aggregates, the what-if, and the sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from errors import UnknownKeyError
from scoring.screen.run import (
    SCREEN_COLUMNS,
    park_aggregates,
    screen,
    select_year,
    thresholds_table,
    town_aggregates,
    what_if,
)
from tests.scoring.screen_firms import config, firms


def test_the_contract_columns_in_order():
    result = screen(firms(3), config=config())
    assert list(result.contract().columns) == [
        "uscc", "name", "labour_productivity", "tax_per_mu", "va_per_mu", "va_rate",
        "plot_ratio", "energy_tce", "energy_per_va", "emission_per_va", "flag_labour",
        "flag_land", "flag_low_va", "flag_energy", "flag_pollution", "flag_count", "phase_out",
        "grade", "score", "surcharge_yuan", "reasons",
    ]  # fmt: skip
    assert tuple(result.contract().columns) == SCREEN_COLUMNS
    assert result.basis == "当量值 0.1229 kgce/kWh"


def test_the_latest_year_is_screened_unless_one_is_asked():
    frame = pd.concat([firms(2, survey_year=2014), firms(3, survey_year=2015)])
    assert select_year(frame, None)[1] == 2015
    assert len(screen(frame, config=config()).table) == 3
    assert len(screen(frame, config=config(), year=2014).table) == 2
    with pytest.raises(UnknownKeyError, match="survey year 2013; known: 2014, 2015"):
        screen(frame, config=config(), year=2013)


def _two_parks():
    # park P1: firms 0-2; firm 0 is a phase-out candidate (low labour productivity, low
    # value-added rate, high energy). Park P2: firms 3-10, none flagged. Firm 11 is in no park.
    return firms(
        12,
        park_id=["P1", "P1", "P1", *["P2"] * 8, None],
        town=[*["市桥"] * 3, *["南村"] * 9],
        employees=[50, *[10] * 11],
        gross_output=[2000.0, *[400.0] * 11],
        electricity_kwh=[1000000.0, *[100000.0] * 11],
        land_area_m2=[20000.0, *[10000.0] * 11],
    )


def test_park_aggregates_count_candidates_land_and_shares():
    table = screen(_two_parks(), config=config()).table
    parks = park_aggregates(table)
    assert list(parks.index) == ["P1", "P2"]
    p1 = parks.loc["P1"]
    assert (p1["firms"], p1["phase_out"], p1["flagged"]) == (3, 1, 1)
    assert p1["share_phase_out"] == pytest.approx(1 / 3)
    assert p1["land_mu_freed"] == pytest.approx(30.0)  # 20 000 m²
    assert p1["employees_affected"] == 50
    assert p1["energy_tce_freed"] == pytest.approx(122.9)  # 1 000 000 kWh × 0.1229 kgce
    assert p1["emissions_t_freed"] == pytest.approx(0.11)
    assert parks.loc["P2", "phase_out"] == 0
    assert parks["graded"].sum() + parks["grade_T"].sum() == parks["firms"].sum()
    assert parks.loc["P1", "share_d"] == pytest.approx(
        parks.loc["P1", "grade_D"] / parks.loc["P1", "graded"]
    )
    towns = town_aggregates(table)
    assert towns.loc["南村", "firms"] == 9  # the firm outside every park still has a town


def test_screen_shares_feed_the_upgrade_route():
    """The parks' upgrade route reads the screen's park shares."""
    from config import load_settings
    from scoring.parks.upgrade_route import SCREEN_COLUMNS, screen_shares, upgrade_routes

    table = screen(_two_parks(), config=config()).table
    inputs = screen_shares(table)
    assert tuple(inputs.columns) == SCREEN_COLUMNS
    p1 = inputs.set_index("park_id").loc["P1"]
    assert p1["phase_out_share"] == pytest.approx(1 / 3)
    parks = pd.DataFrame(
        {
            "park_id": ["P1", "P2"],
            "area_ha": [20.0, 20.0],
            "firms_latest": [12, 12],
            "in_industrial_block": [True, True],
            "demolition_share": [0.0, 0.0],
            "score": [0.5, 0.4],
            "rank": [1, 2],
        }
    )
    routes = upgrade_routes(parks, load_settings().park_score, screen=inputs)
    # P1: a third of its firms are candidates, at or above the route's share → 淘汰关停
    assert routes["route"].tolist()[0] == "phase_out"
    assert "phase-out candidates 33%" in routes["route_reason"].iloc[0]


def test_what_if_before_and_after_phase_out():
    table = screen(_two_parks(), config=config()).table
    p1 = what_if(table).loc["P1"]
    # before: tax 90 over 30 + 15 + 15 = 60 亩; after: 60 over 30 亩
    assert p1["tax_per_mu_before"] == pytest.approx(1.5)
    assert p1["tax_per_mu_after"] == pytest.approx(2.0)
    assert p1["va_per_mu_before"] == pytest.approx(300 / 60)
    assert p1["va_per_mu_after"] == pytest.approx(200 / 30)
    # energy 122.9 + 12.29 + 12.29 tce over 300 万元, then 24.58 over 200
    assert p1["energy_per_va_before"] == pytest.approx(147.48 / 300)
    assert p1["energy_per_va_after"] == pytest.approx(24.58 / 200)
    assert p1["land_freed_mu"] == pytest.approx(30.0)
    district = what_if(table, by=None)
    assert district["firms"].iloc[0] == 12


def test_thresholds_table_gives_each_divisions_threshold():
    frame = firms(13, industry_code=[*["3311"] * 10, *["1711"] * 3])
    limits = thresholds_table(screen(frame, config=config()))
    labour = limits[limits["flag"] == "labour"].set_index("division")
    assert labour.loc["33", "threshold"] == pytest.approx(5.0)  # 0.5 × median 10
    assert bool(labour.loc["17", "fallback"])
    assert labour.loc["17", "group"] == "C17 纺织业"
    absolute = thresholds_table(
        screen(frame, config=config(energy={"mode": "absolute", "threshold": 0.3}))
    )
    assert (absolute.loc[absolute["flag"] == "energy", "threshold"] == 0.3).all()


def test_input_frame_is_not_changed():
    frame = firms(5, tax=[1.0, 2.0, 3.0, 4.0, np.nan])
    before = frame.copy()
    screen(frame, config=config())
    pd.testing.assert_frame_equal(frame, before)
