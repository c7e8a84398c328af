"""Progress over the plan's years (issue 23): per town, year and indicator the target, actual,
completion, competition rank and rank change; the 2015 phase-out candidates followed into the
later years (still / improved / relocated / closed) with the land they freed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from config import load_settings
from scoring.progress.follow_up import follow_up, follow_up_summary
from scoring.progress.towns import DISTRICT, OVERALL, ranking_wide, town_progress
from scoring.targets.split import KEYS
from tests.scoring.screen_firms import firms as neutral_firms
from tests.scoring.test_targets import firm

SETTINGS = load_settings()
CFG = SETTINGS.targets
TOWNS = ["甲", "乙", "丙"]


def _split(values: dict[int, dict[str, float]]) -> pd.DataFrame:
    """Every town the same target per year: investment as given, the other indicators 0
    (not evaluated), so the overall completion is the investment completion."""
    rows = []
    for year, per_town in values.items():
        for town in TOWNS:
            row = {"year": year, "town": town, **dict.fromkeys(KEYS, 0.0)}
            row["industrial_investment"] = per_town[town]
            rows.append(row)
    return pd.DataFrame(rows)


def _survey() -> pd.DataFrame:
    # investment in 万元: 2015 甲 2 亿, 乙 1 亿, 丙 1 亿; 2016 甲 1, 乙 3, 丙 2; 2017 none
    invest = {2015: (2e4, 1e4, 1e4), 2016: (1e4, 3e4, 2e4)}
    rows = [firm(t, 2014) for t in TOWNS]
    for year, amounts in invest.items():
        rows += [
            firm(t, year, industrial_investment=a) for t, a in zip(TOWNS, amounts, strict=True)
        ]
    return pd.DataFrame(rows)


def test_targets_actuals_completion_rank_and_rank_change_per_town_and_year():
    split = _split({2015: dict.fromkeys(TOWNS, 2.0), 2016: dict.fromkeys(TOWNS, 2.0),
                    2017: dict.fromkeys(TOWNS, 2.0)})  # fmt: skip
    out = town_progress(_survey(), split, towns=TOWNS, config=CFG)
    inv = out[(out["indicator"] == "industrial_investment") & (out["town"] != DISTRICT)]
    got = inv.set_index(["year", "town"])
    # 2015: 甲 2/2 = 100 %, 乙 and 丙 50 % → ranks 1, 2, 2 (competition ranking)
    assert got.loc[(2015, "甲"), "completion"] == pytest.approx(100.0)
    assert got.loc[(2015, "乙"), "completion"] == pytest.approx(50.0)
    assert [got.loc[(2015, t), "rank"] for t in TOWNS] == [1, 2, 2]
    # 2016: 甲 50 %, 乙 150 % (capped at 120 % overall), 丙 100 % → 3, 1, 2; changes −2, +1, 0
    assert got.loc[(2016, "乙"), "actual"] == pytest.approx(3.0)
    assert [got.loc[(2016, t), "rank"] for t in TOWNS] == [3, 1, 2]
    assert [got.loc[(2016, t), "rank_change"] for t in TOWNS] == [-2, 1, 0]
    assert got.loc[(2015, "甲"), "rank_change"] is pd.NA
    # 2017 has no survey: targets, no actual, completion or rank (never zeros)
    assert got.loc[(2017, "甲"), "target"] == pytest.approx(2.0)
    assert np.isnan(got.loc[(2017, "甲"), "actual"])
    assert got.loc[(2017, "甲"), "rank"] is pd.NA
    overall = out[(out["indicator"] == OVERALL) & (out["year"] == 2016)].set_index("town")
    assert overall.loc["乙", "completion"] == pytest.approx(CFG.cap * 100)
    # the district: the plan's figure as target, the towns' sum as actual, not ranked
    district = out[(out["town"] == DISTRICT) & (out["indicator"] == "industrial_investment")]
    d = district.set_index("year")
    assert d.loc[2015, "target"] == pytest.approx(103.09)
    assert d.loc[2016, "actual"] == pytest.approx(6.0)
    assert d.loc[2016, "completion"] == pytest.approx(6.0 / 111.34 * 100)
    assert district["rank"].isna().all()


def test_ranking_side_by_side_sorted_by_the_latest_ranked_year():
    split = _split({y: dict.fromkeys(TOWNS, 2.0) for y in (2015, 2016, 2017)})
    wide = ranking_wide(town_progress(_survey(), split, towns=TOWNS, config=CFG))
    assert list(wide["town"]) == ["甲", "乙", "丙"]  # 2017 unranked: town order kept
    row = wide.set_index("town").loc["乙"]
    assert (row["rank_2015"], row["rank_2016"], row["rank_change_2016"]) == (2, 1, 1)


def _bad(frame: pd.DataFrame, rows: list[int]) -> pd.DataFrame:
    """Three flags for ``rows``: value added 5 (labour, value-added rate) and 20 × energy."""
    frame = frame.copy()
    frame.loc[rows, "value_added"] = 5.0
    frame.loc[rows, "electricity_kwh"] = 2_000_000.0
    return frame


def test_phase_out_candidates_followed_still_improved_relocated_closed_with_land_freed():
    y15 = _bad(neutral_firms(30, survey_year=2015), [0, 1, 2, 3])
    y16 = _bad(neutral_firms(30, survey_year=2016), [1, 3])
    y16.loc[3, "park_id"] = "P2"  # moved to another park
    y16 = y16.drop(index=0)  # firm 0 closed
    y16["record_id"] = y16["uscc"] + "-2016"
    out = follow_up(pd.concat([y15, y16], ignore_index=True), config=SETTINGS)
    status = out.set_index("uscc")["status_2016"]
    codes = y15["uscc"]
    assert len(out) == 4
    assert status[codes[0]] == "closed"
    assert status[codes[1]] == "still"
    assert status[codes[2]] == "improved"
    assert status[codes[3]] == "relocated"
    freed = out.set_index("uscc")["land_freed_mu_2016"]
    assert freed[codes[0]] == pytest.approx(15.0)  # 10 000 m² = 15 亩
    assert freed[codes[3]] == pytest.approx(15.0)
    assert freed[codes[1]] == 0.0
    summary = follow_up_summary(out).set_index("status")
    assert summary.loc["closed", "firms"] == 1
    assert summary["land_freed_mu"].sum() == pytest.approx(30.0)
