"""Consecutive years in D from the survey history (issue 23): the firm's rows by USCC across
years, the typed ``years_in_d`` only for the years before its first survey; the 0.05 / 0.10 /
0.15 元/kWh steps follow, and the output names the source of every count."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from config import load_settings
from scoring.screen.run import screen
from scoring.screen.surcharge import D_SOURCES, d_year_from_history, surcharge
from store.workspace import SAMPLE_GPKG
from tests.conftest import workspace_location
from tests.scoring.screen_firms import firms, uscc

ROOT = Path(__file__).resolve().parents[2]
PRICES = load_settings().prices


def _history(rows: list[tuple[str, int, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["uscc", "survey_year", "grade", "years_in_d"])


def test_counts_back_through_the_history_and_adds_typed_years_only_before_the_first_survey():
    a, b, c, d, e, f, g = (uscc(i) for i in range(1, 8))
    history = _history(
        [
            (a, 2015, "D", 0), (a, 2016, "D", 0),  # D 2015, 2016 → 3rd year in 2017
            (b, 2016, "D", 2),  # first surveyed 2016, typed 2 earlier years → 4th year
            (d, 2016, "C", 0),  # not D last year → 1st year
            (e, 2015, "D", 0),  # gap in 2016 → the count stops
            (f, 2016, "B", 0),  # typed 5 this year, but the history says otherwise
            (g, 2014, "D", 1), (g, 2015, "D", 0), (g, 2016, "T", 0),  # T breaks the run
        ]
    )  # fmt: skip
    now = firms(8, years_in_d=[0, 0, 1, 0, 0, 5, 0, 3]).assign(uscc=[a, b, c, d, e, f, g, uscc(8)])
    grade = pd.Series(["D", "D", "D", "D", "D", "D", "D", "A"])
    out = d_year_from_history(now, grade, 2017, history)
    assert out["d_year"].tolist() == [3, 4, 2, 1, 1, 1, 1, 0]
    assert out["d_year_source"].tolist() == [
        D_SOURCES["history"], D_SOURCES["both"], D_SOURCES["typed"], D_SOURCES["history"],
        D_SOURCES["history"], D_SOURCES["history"], D_SOURCES["history"], "",
    ]  # fmt: skip
    assert D_SOURCES == {"history": "调查历史", "typed": "填报年数", "both": "调查历史+填报年数"}


def test_the_steps_follow_the_history_not_the_typed_field():
    a, b = uscc(1), uscc(2)
    history = _history([(a, 2015, "D", 0), (a, 2016, "D", 0), (b, 2016, "A", 0)])
    now = firms(2, years_in_d=[0, 2], survey_year=2017).assign(uscc=[a, b])
    paid = surcharge(now, pd.Series(["D", "D"]), prices=PRICES, history=history, year=2017)
    kwh = 100_000.0
    assert paid["surcharge_electricity_yuan"].tolist() == pytest.approx([0.15 * kwh, 0.05 * kwh])
    # without a history the typed field holds, and says so
    typed = surcharge(now, pd.Series(["D", "D"]), prices=PRICES)
    assert typed["d_year"].tolist() == [1, 3]
    assert typed["d_year_source"].tolist() == [D_SOURCES["typed"]] * 2


def test_screen_counts_from_the_earlier_years_it_is_given():
    # two identical firms, one of them far worse: graded D in each year
    def year(y: int, worse: float) -> pd.DataFrame:
        frame = firms(40, survey_year=y)
        frame.loc[0, "value_added"] = worse
        frame.loc[0, "tax"] = 0.1
        return frame

    all_years = pd.concat([year(2015, 5.0), year(2016, 5.0), year(2017, 5.0)], ignore_index=True)
    result = screen(all_years, year=2017)
    row = result.table.iloc[0]
    assert row["grade"] == "D"
    assert row["d_year"] == 3
    assert row["d_year_source"] == D_SOURCES["history"]
    assert (
        screen(all_years[all_years["survey_year"] == 2017], year=2017).table.iloc[0]["d_year"] == 1
    )


def _oracle(per_year: dict[int, pd.DataFrame], typed_first: pd.Series, year: int) -> pd.Series:
    """Consecutive D years per USCC of ``year``, counted over per-year grade tables."""
    grade = {y: t.set_index("uscc")["grade"] for y, t in per_year.items()}
    first = min(per_year)
    out = {}
    for code, g in grade[year].items():
        if g != "D":
            out[code] = 0
            continue
        n, y = 1, year - 1
        while y >= first and code in grade[y].index and grade[y][code] == "D":
            n, y = n + 1, y - 1
        first_seen = min(yy for yy in per_year if code in grade[yy].index)
        if y < first_seen:
            n += int(typed_first.get(code, 0))
        out[code] = n
    return pd.Series(out)


def test_cli_screen_2017_counts_equal_an_independent_count_over_the_history(tmp_path):
    out = tmp_path / "screen.csv"
    proc = subprocess.run(
        [sys.executable, "cli.py", "screen", "--workspace", workspace_location(tmp_path),
         "--year", "2017", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    written = pd.read_csv(out, encoding="utf-8-sig", dtype={"uscc": str})
    assert {"d_year", "d_year_source"} <= set(written.columns)
    firms_all = gpd.read_file(SAMPLE_GPKG, layer="enterprises", engine="pyogrio")
    per_year = {}
    for y in (2014, 2015, 2016, 2017):
        rows = firms_all[firms_all["survey_year"] == y]
        one = screen(rows, year=y).table  # each year alone: its own grades
        per_year[y] = pd.DataFrame({"uscc": one["uscc"], "grade": one["grade"]})
    first_rows = firms_all.sort_values("survey_year").drop_duplicates("uscc")
    typed_first = first_rows.set_index("uscc")["years_in_d"].fillna(0)
    expected = _oracle(per_year, typed_first, 2017)
    got = written.set_index("uscc")["d_year"]
    assert got.sort_index().tolist() == expected.reindex(got.index).sort_index().tolist()
    assert (got >= 3).sum() > 0  # some firms have been in D since 2015 or before
    # a firm in D in 2015, 2016 and 2017 pays 0.15 元/kWh in 2017
    d = {y: set(t.loc[t["grade"] == "D", "uscc"]) for y, t in per_year.items()}
    three = sorted(d[2015] & d[2016] & d[2017])
    assert three
    row = written.set_index("uscc").loc[three[0]]
    kwh = firms_all.set_index("record_id").loc[f"{three[0]}-2017", "electricity_kwh"]
    assert row["d_year"] >= 3
    assert row["d_year_source"] in (D_SOURCES["history"], D_SOURCES["both"])
    assert np.isclose(row["surcharge_yuan"] >= 0.15 * kwh, True)
    one = screen(firms_all, year=2017).table.set_index("uscc").loc[three[0]]
    assert one["surcharge_electricity_yuan"] == pytest.approx(0.15 * kwh)
