"""The five flags on hand-computed firms: both modes, strict boundaries, fallback, missing data.

Each test varies one input of otherwise identical neutral firms (tests/scoring/screen_firms.py),
so the median and the threshold are computed by hand in the comment above the assertion.
"""

from __future__ import annotations

import numpy as np
import pytest

from scoring.screen.run import screen
from tests.scoring.screen_firms import config, firms


def flags_of(frame, cfg=None, column=None):
    table = screen(frame, config=cfg or config()).table
    return table if column is None else table[column].tolist()


# -- relative mode: factor × division median, strict ------------------------------------------


def test_labour_relative_below_half_the_division_median():
    # labour productivity = 100 / employees = 100 50 25 20 10 10 10 5 4 2.5 2 → median 10,
    # threshold 0.5 × 10 = 5: the firm at exactly 5 is not flagged (strict "<")
    frame = firms(11, employees=[1, 2, 4, 5, 10, 10, 10, 20, 25, 40, 50])
    assert flags_of(frame, column="flag_labour") == [False] * 8 + [True] * 3


def test_land_relative_needs_low_tax_and_low_plot_ratio():
    # tax per mu = tax / 15 = 0.5 1 2×8 3 → median 2, threshold 1: the firm at 1 is not flagged
    tax = [7.5, 15.0, *[30.0] * 8, 45.0]
    # plot ratio 0.5 (below C33's minimum 1.0), 0.5, then 1.5
    frame = firms(11, tax=tax, floor_area_m2=[5000.0, 5000.0, *[15000.0] * 9])
    assert flags_of(frame, column="flag_land") == [True] + [False] * 10
    # the same low tax with a plot ratio above the minimum, or exactly at it: not flagged
    for floor in (15000.0, 10000.0):
        frame = firms(11, tax=tax, floor_area_m2=floor)
        assert not any(flags_of(frame, column="flag_land"))


def test_land_flag_without_floor_area_rests_on_tax_alone_and_says_so():
    tax = [7.5, *[30.0] * 10]
    frame = firms(11, tax=tax, floor_area_m2=[np.nan, *[15000.0] * 10])
    table = flags_of(frame)
    assert table["flag_land"].tolist() == [True] + [False] * 10
    assert np.isnan(table["plot_ratio"].iloc[0])
    assert (
        table["reasons"]
        .iloc[0]
        .startswith(
            "占地过大：亩均税收 0.5 万元/亩 < 0.5 × 中位数 2 = 1 万元/亩（C33 金属制品业, 11 家），"
            "无建筑面积，仅按亩均税收判定"
        )
    )


def test_low_va_relative():
    # value-added rate = 100 / gross output = 1 .5 .25×6 .125 .1 .05 → median .25, threshold
    # .125: the firm at .125 is not flagged
    output = [100.0, 200.0, *[400.0] * 6, 800.0, 1000.0, 2000.0]
    frame = firms(11, gross_output=output)
    assert flags_of(frame, column="flag_low_va") == [False] * 9 + [True] * 2


def test_energy_relative_above_twice_the_median():
    # electricity 100 000 kWh for most; 200 000 is exactly 2 × the median (not flagged), 300 000
    # and 1 000 000 are above it
    kwh = [*[100000.0] * 8, 200000.0, 300000.0, 1000000.0]
    frame = firms(11, electricity_kwh=kwh)
    assert flags_of(frame, column="flag_energy") == [False] * 9 + [True] * 2


def test_pollution_relative_above_twice_the_median():
    # emissions = COD alone (NH3-N 0): 0.1 for most, 0.2 = exactly twice the median, 0.25 above
    frame = firms(11, nh3n_t=0.0, cod_t=[*[0.1] * 9, 0.2, 0.25])
    assert flags_of(frame, column="flag_pollution") == [False] * 10 + [True]


def test_pollution_over_the_permit_fires_even_at_the_median_and_strictly():
    # emissions 0.1 t each; permits: none, exactly 0.1 (not over), 0.09 (over)
    frame = firms(11, nh3n_t=0.0, permitted_emissions_t=[np.nan, 0.1, 0.09, *[np.nan] * 8])
    table = flags_of(frame)
    assert table["flag_pollution"].tolist() == [False, False, True, *[False] * 8]
    assert table["reasons"].iloc[2] == "排污过量：排放 0.1 t > 许可量 0.09 t"


# -- absolute mode -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "column", "values", "threshold", "expected"),
    [
        # labour productivity 100/employees = 20, 10 (= threshold), 5
        ("labour", "employees", [5, 10, 20], 10.0, [False, False, True]),
        # tax per mu = tax/15 = 6, 5 (= threshold), 4; plot ratio 0.5 below the minimum
        ("land", "tax", [90.0, 75.0, 60.0], 5.0, [False, False, True]),
        # value-added rate = 100/output = .25, .125 (= threshold .125), .1
        ("low_va", "gross_output", [400.0, 800.0, 1000.0], 0.125, [False, False, True]),
        # energy per VA = kWh × 0.1229 / 1000 / 100: 0.1229, 0.2458 (= threshold), 0.3687
        ("energy", "electricity_kwh", [100000.0, 200000.0, 300000.0], 0.2458, [False, False, True]),
        # emissions per VA = COD / 100 = 0.001, 0.002 (= threshold), 0.003
        ("pollution", "cod_t", [0.1, 0.2, 0.3], 0.002, [False, False, True]),
    ],
)
def test_absolute_mode_compares_with_the_configured_number(
    key, column, values, threshold, expected
):
    frame = firms(3, **{column: values}, nh3n_t=0.0, floor_area_m2=5000.0)
    cfg = config(**{key: {"mode": "absolute", "threshold": threshold}})
    # the other four flags stay relative; identical firms raise none of them
    table = flags_of(frame, cfg)
    assert table[f"flag_{key}"].tolist() == expected
    assert "（绝对阈值）" in table["reasons"].iloc[2]


def test_absolute_and_relative_modes_disagree_where_they_should():
    # every firm has labour productivity 10: relative (median 10 → threshold 5) flags none,
    # an absolute threshold of 12 flags all
    frame = firms(11)
    assert not any(flags_of(frame, column="flag_labour"))
    cfg = config(labour={"mode": "absolute", "threshold": 12.0})
    assert all(flags_of(frame, cfg, column="flag_labour"))


# -- groups ----------------------------------------------------------------------------------


def test_a_small_division_compares_with_the_whole_district():
    # ten C33 firms at 10 万元/人; three C17 firms at 5, 4, 2.5. C17's own median (4 → threshold
    # 2) flags none; below group_min_size the district's median (10 → threshold 5) flags 4 and 2.5
    frame = firms(
        13,
        industry_code=[*["3311"] * 10, "1711", "1711", "1711"],
        employees=[*[10] * 10, 20, 25, 40],
    )
    table = flags_of(frame)
    assert table["flag_labour"].tolist() == [False] * 11 + [True, True]
    assert (
        table["reasons"]
        .iloc[12]
        .startswith(
            "用工过多：全员劳动生产率 2.5 万元/人 < 0.5 × 中位数 10 = 5 万元/人"
            "（全区, 13 家；C17 纺织业 仅 3 家, 少于 10）"
        )
    )
    own = flags_of(frame, config(group_min_size=3), column="flag_labour")
    assert own == [False] * 13


def test_the_reason_names_value_threshold_and_group():
    tax = [7.5, *[30.0] * 10]
    frame = firms(11, tax=tax, floor_area_m2=[5000.0, *[15000.0] * 10])
    assert flags_of(frame)["reasons"].iloc[0] == (
        "占地过大：亩均税收 0.5 万元/亩 < 0.5 × 中位数 2 = 1 万元/亩（C33 金属制品业, 11 家），"
        "容积率 0.5 < 最低 1"
    )
    english = screen(frame, config=config(), lang="en").table["reasons"].iloc[0]
    assert english == (
        "too much land: tax per mu 0.5 10k yuan/mu < 0.5 × median 2 = 1 10k yuan/mu "
        "(C33 金属制品业, 11 firms), plot ratio 0.5 < minimum 1"
    )


# -- missing data ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "flag", "reason"),
    [
        ("employees", np.nan, "labour", "用工过多：未评估，缺少从业人员"),
        ("employees", 0, "labour", "用工过多：未评估，从业人员为零或负"),
        ("land_area_m2", 0.0, "land", "占地过大：未评估，用地面积为零或负"),
        ("tax", np.nan, "land", "占地过大：未评估，缺少税收"),
        ("gross_output", np.nan, "low_va", "附加值过低：未评估，缺少工业总产值"),
        ("electricity_kwh", np.nan, "energy", "耗能过高：未评估，缺少综合能耗（用电量）"),
        ("cod_t", np.nan, "pollution", "排污过量：未评估，缺少排放量（COD+氨氮+SO₂+NOx）"),
    ],
)
def test_missing_input_is_not_evaluated_flag_false_and_named(column, value, flag, reason):
    frame = firms(11, **{column: [value, *[NEUTRAL_OF[column]] * 10]})
    if column == "cod_t":  # emissions are missing only when all four pollutants are
        frame.loc[0, ["nh3n_t", "so2_t", "nox_t"]] = np.nan
    table = flags_of(frame)
    assert not table[f"flag_{flag}"].iloc[0]
    assert reason in table["reasons"].iloc[0].split("；")
    assert table["reasons"].iloc[1] == ""


NEUTRAL_OF = {
    "employees": 10,
    "land_area_m2": 10000.0,
    "tax": 30.0,
    "gross_output": 400.0,
    "electricity_kwh": 100000.0,
    "cod_t": 0.1,
}


def test_missing_value_added_silences_four_flags_and_names_it_four_times():
    frame = firms(11, value_added=[np.nan, *[100.0] * 10])
    table = flags_of(frame)
    assert table.loc[0, "flag_count"] == 0
    lines = table["reasons"].iloc[0].split("；")
    assert [line for line in lines if "缺少工业增加值" in line] == [
        "用工过多：未评估，缺少工业增加值",
        "附加值过低：未评估，缺少工业增加值",
        "耗能过高：未评估，缺少工业增加值",
        "排污过量：未评估，缺少工业增加值",
    ]


# -- count and phase-out -----------------------------------------------------------------------


def test_flag_count_and_phase_out_follow_min_flags():
    # firm 0: low labour productivity (employees 50 → 2), low value-added rate (output 2000 →
    # 0.05) and high energy (1 000 000 kWh, 10 × the median): three flags
    frame = firms(
        11,
        employees=[50, *[10] * 10],
        gross_output=[2000.0, *[400.0] * 10],
        electricity_kwh=[1000000.0, *[100000.0] * 10],
    )
    table = flags_of(frame)
    assert table.loc[0, ["flag_labour", "flag_low_va", "flag_energy"]].all()
    assert table.loc[0, "flag_count"] == 3
    assert table["phase_out"].tolist() == [True] + [False] * 10
    assert not flags_of(frame, config(min_flags=4), column="phase_out")[0]
    lines = table["reasons"].iloc[0].split("；")
    assert lines[2] == (
        "耗能过高：单位增加值能耗（当量值） 1.23 tce/万元 > 2 × 中位数 0.123 = 0.246 tce/万元"
        "（C33 金属制品业, 11 家）"
    )
