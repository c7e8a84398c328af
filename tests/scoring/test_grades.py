"""亩均效益 score and grades: hand-computed scores, the 20/60/95 % boundaries, T-class firms."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.screen.run import screen
from tests.scoring.screen_firms import config, firms


def graded(frame, cfg=None):
    return screen(frame, config=cfg or config()).table


def test_score_is_the_weighted_sum_of_value_over_group_mean():
    # tax per mu 10/15, 20/15, 30/15 → mean 20/15 → ratios 0.5, 1, 1.5 (weight 30); every other
    # above-scale term is equal (ratio 1, weights 20 + 20 + 10 + 10 + 10 = 70)
    table = graded(firms(3, tax=[10.0, 20.0, 30.0]))
    assert table["score"].tolist() == pytest.approx([85.0, 100.0, 115.0])
    assert table["grade"].tolist() == ["D", "C", "B"]  # ranks 1/3, 2/3, 3/3 of three


def test_below_scale_firms_use_their_own_weights_and_group():
    # below scale: tax per mu (50) and tax per kWh (50) both scale with tax → 50r + 50r
    frame = firms(4, tax=[10.0, 20.0, 30.0, 30.0], above_scale=[False, False, False, True])
    table = graded(frame)
    assert table["score"].iloc[:3].tolist() == pytest.approx([50.0, 100.0, 150.0])
    # the lone above-scale firm is its own benchmark
    assert table["score"].iloc[3] == pytest.approx(100.0)
    assert table["grade_group"].tolist() == ["规下", "规下", "规下", "规上"]


def test_grade_boundaries_at_20_60_95_percent():
    # 100 below-scale firms, tax 1 … 100: tax k ranks 101 - k
    frame = firms(100, above_scale=False, tax=[float(k) for k in range(1, 101)])
    grade = dict(zip(range(1, 101), graded(frame)["grade"], strict=True))
    # rank 20 (tax 81) is A, rank 21 (tax 80) B; rank 60 (41) B, 61 (40) C; 95 (6) C, 96 (5) D
    assert (grade[81], grade[80]) == ("A", "B")
    assert (grade[41], grade[40]) == ("B", "C")
    assert (grade[6], grade[5]) == ("C", "D")
    counts = {g: list(grade.values()).count(g) for g in "ABCD"}
    assert counts == {"A": 20, "B": 40, "C": 35, "D": 5}


def test_ties_share_the_better_class():
    assert set(graded(firms(10))["grade"]) == {"A"}


def test_young_firms_and_utilities_are_t_class_and_left_out_of_the_benchmark():
    frame = firms(
        6,
        founded_year=[2014, 2013, 2000, 2000, 2000, 2000],
        industry_code=["3311", "3311", "4411", "3311", "3311", "3311"],
        tax=[900.0, 20.0, 900.0, 10.0, 20.0, 30.0],
    )
    table = graded(frame)
    # founded 2014, surveyed 2015: 1 year old < 2 → T; 2 years old → graded; division 44 → T
    # rank shares 2/4, 4/4, 2/4, 1/4: even the best of four is not in the top 20 %
    assert table["grade"].tolist() == ["T", "B", "T", "D", "B", "B"]
    assert table["score"].iloc[[0, 2]].isna().all()
    # the benchmark is the mean of the four graded firms (10, 20, 20, 30 → 20)
    assert table["score"].iloc[1:].drop(index=2).tolist() == pytest.approx([100, 85, 100, 115])


def test_a_missing_emission_scores_the_group_average_and_is_reported():
    frame = firms(3, cod_t=[0.1, 0.2, np.nan], nh3n_t=[0.0, 0.0, np.nan], so2_t=[0, 0, np.nan],
                  nox_t=[0, 0, np.nan])  # fmt: skip
    table = graded(frame)
    assert table["score"].iloc[2] == pytest.approx(100.0)
    assert table["grade_missing"].iloc[2] == "单位排放增加值"
    assert table["grade_missing"].iloc[:2].isna().all()
    assert table["reasons"].iloc[2].endswith("评分缺项（按组均值计）：单位排放增加值")
