"""Each veto kind forces D; each exemption forces T; each grade names its rule."""

from __future__ import annotations

import pandas as pd
import pytest

from scoring.evaluation.exemptions import retrofit_firms
from scoring.evaluation.run import evaluate
from tests.scoring.evaluation.helpers import settings
from tests.scoring.screen_firms import firms, uscc


def violations(*rows):
    return pd.DataFrame(rows, columns=["uscc", "year", "kind", "date", "doc_no"])


@pytest.mark.parametrize("kind", ["safety_accident", "environmental_penalty", "illegal_land"])
def test_each_veto_kind_forces_d_whatever_the_score(kind):
    # firm 3 has the best tax by far; its violation of 2015 makes it D, and it is neither ranked
    # nor part of the benchmark: the others keep the mean of 10, 20, 30
    frame = firms(4, above_scale=False, tax=[10.0, 20.0, 30.0, 1000.0])
    table = evaluate(
        frame,
        violations((uscc(3), 2015, kind, "2015-06-01", "番安监罚〔2015〕1号")),
        settings=settings(),
        year=2015,
    ).table
    assert table["grade"].iloc[3] == "D"
    assert table["rule"].iloc[3] == f"veto:{kind}"
    assert "一票否决" in table["rule_text"].iloc[3]
    assert "番安监罚〔2015〕1号" in table["rule_text"].iloc[3]
    assert table["score"].iloc[:3].tolist() == pytest.approx([50.0, 100.0, 150.0])
    assert pd.isna(table["rank"].iloc[3])
    assert table["cohort_n"].iloc[0] == 3


def test_a_violation_of_another_year_or_a_switched_off_kind_does_not_veto():
    frame = firms(2, above_scale=False, tax=[10.0, 30.0])
    rows = violations(
        (uscc(1), 2014, "safety_accident", "2014-03-01", "A"),
        (uscc(1), 2015, "illegal_land", "2015-03-01", "B"),
    )
    table = evaluate(frame, rows, settings=settings(vetoes=["safety_accident"]), year=2015).table
    assert table["rule"].tolist() == ["quota", "quota"]


def test_the_earliest_violation_names_the_veto():
    frame = firms(1)
    rows = violations(
        (uscc(0), 2015, "illegal_land", "2015-09-01", "B"),
        (uscc(0), 2015, "safety_accident", "2015-02-01", "A"),
    )
    table = evaluate(frame, rows, settings=settings(), year=2015).table
    assert table["rule"].iloc[0] == "veto:safety_accident"
    assert table["veto_doc"].iloc[0] == "A"


def test_each_exemption_forces_t():
    # founded 2014, surveyed 2015: 1 year < 2 → young; division 44 → utility; firm 2 completed
    # a key retrofit project in 2015; firm 3 is graded. An exemption wins over a veto.
    frame = firms(
        4,
        founded_year=[2014, 2000, 2000, 2000],
        industry_code=["3311", "4411", "3311", "3311"],
    )
    rows = violations((uscc(0), 2015, "illegal_land", "2015-03-01", "B"))
    table = evaluate(frame, rows, settings=settings(), year=2015, retrofit={uscc(2)}).table
    # the one graded firm has rank 1 of 1, the share 1.0 > 0.95 → D (as the screen's grade)
    assert table["grade"].tolist() == ["T", "T", "T", "D"]
    assert table["rule"].tolist() == [
        "exempt:young",
        "exempt:utility",
        "exempt:key_retrofit",
        "quota",
    ]
    assert table["score"].isna().tolist() == [True, True, True, False]
    assert table["rule_text"].iloc[2] == "不参评：当年完成重点技改项目 → T"


def test_the_retrofit_exemption_is_a_setting():
    frame = firms(2)
    cfg = settings(exemptions={"key_retrofit": False})
    table = evaluate(frame, settings=cfg, year=2015, retrofit={uscc(0)}).table
    # both graded, tied: rank 1 of 2, the share 0.5 → B
    assert table["rule"].tolist() == ["quota", "quota"]
    assert table["grade"].tolist() == ["B", "B"]


def test_retrofit_firms_are_those_with_a_key_project_in_production_that_year():
    projects = pd.DataFrame(
        {
            "uscc": ["a", "b", "c", "d"],
            "production_date": ["2015-05-01", "2015-07-01", "2014-12-31", None],
            "city_key": [False, True, True, True],
            "total_investment_wan": [5000.0, 10.0, 9000.0, 9000.0],
        }
    )
    # a: 5 000 万元 is key; b: 市重点; c: the year before; d: not in production
    assert retrofit_firms(projects, year=2015, threshold_wan=5000.0) == {"a", "b"}
