"""The editable town split: default until saved, every edit validated, who and when kept."""

from __future__ import annotations

import pandas as pd
import pytest

from config import load_settings
from errors import ValidationError
from store.targets import (
    LOG,
    TABLE,
    edit_log,
    load_split,
    read_survey,
    replace_year,
    reset_split,
    save_split,
    split_warnings,
    validate_split,
)

CFG = load_settings().targets


def test_the_default_split_is_shown_until_an_edit_is_saved(fresh_workspace):
    split = load_split(fresh_workspace, config=CFG)
    assert not split.stored
    assert len(split.frame) == 3 * 16
    assert (split.frame["edited_by"] == "").all()
    assert TABLE not in fresh_workspace.tables()  # reading writes nothing
    firms, towns = read_survey(fresh_workspace)
    assert split_warnings(split.frame, firms, towns=towns, config=CFG) == []


def test_an_edit_is_stored_with_who_and_when(fresh_workspace):
    frame = load_split(fresh_workspace, config=CFG).frame
    edited = frame.copy()
    row = edited.index[(edited["year"] == 2015) & (edited["town"] == "石楼")][0]
    before = float(edited.at[row, "industrial_investment"])
    edited.at[row, "industrial_investment"] = before + 5.0
    result = save_split(fresh_workspace, edited, user="李科长", config=CFG, now="2016-02-27T10:00")
    assert result.changes == 1
    stored = load_split(fresh_workspace, config=CFG)
    assert stored.stored
    got = stored.frame.set_index(["year", "town"])
    assert got.loc[(2015, "石楼"), "industrial_investment"] == pytest.approx(before + 5.0)
    assert got.loc[(2015, "石楼"), "edited_by"] == "李科长"
    assert got.loc[(2015, "石楼"), "edited_at"] == "2016-02-27T10:00"
    assert got.loc[(2015, "市桥"), "edited_by"] == ""  # untouched rows keep no editor
    log = edit_log(fresh_workspace)
    assert log.to_dict("records") == [
        {
            "edited_at": "2016-02-27T10:00",
            "user": "李科长",
            "year": 2015,
            "town": "石楼",
            "indicator": "industrial_investment",
            "old": pytest.approx(before),
            "new": pytest.approx(before + 5.0),
        }
    ]
    # the towns no longer add up to the district's 103.09 亿元: a warning, not an error
    assert [(w.year, w.indicator) for w in result.warnings] == [(2015, "industrial_investment")]
    assert "103.09" in result.warnings[0].describe("zh")
    assert "+5.00" in result.warnings[0].describe("en")
    # a second save appends to the log; a reset restores the default and logs it too
    reset = reset_split(fresh_workspace, user="王工", config=CFG, now="2016-02-28T09:00")
    assert reset.changes == 1
    assert reset.warnings == []
    assert edit_log(fresh_workspace)["user"].tolist() == ["李科长", "王工"]


def test_every_problem_of_an_edit_is_reported_at_once_and_nothing_written(fresh_workspace):
    frame = load_split(fresh_workspace, config=CFG).frame.copy()
    at = frame.index[(frame["year"] == 2016) & (frame["town"] == "沙湾")][0]
    frame.at[at, "industrial_investment"] = -1.0
    frame.at[at, "rd_share"] = 120.0
    frame.at[at, "robot_firms"] = 2.5
    frame.at[at + 1, "tech_retrofit_investment"] = float("nan")
    frame.loc[len(frame)] = frame.loc[0].copy()
    frame.at[len(frame) - 1, "town"] = "不存在镇"
    with pytest.raises(ValidationError, match="6 problem") as info:
        save_split(fresh_workspace, frame, user=" ", config=CFG)
    text = str(info.value)
    for expected in (
        "操作人",
        "目标不能为负",
        "比例不能超过 100%",
        "须为整数",
        "须为数字",
        "不是本区镇街",
    ):
        assert expected in text, expected
    problems = info.value.problems
    negative = next(p for p in problems if "负" in p.allowed)
    assert negative.row == at + 1
    assert negative.field == "沙湾 2016 · industrial_investment"
    assert negative.value == -1.0
    assert TABLE not in fresh_workspace.tables()
    assert LOG not in fresh_workspace.tables()


def test_a_missing_town_is_a_problem(session_workspace):
    frame = load_split(session_workspace, config=CFG).frame
    _, towns = read_survey(session_workspace)
    short = frame[~((frame["year"] == 2017) & (frame["town"] == "化龙"))]
    problems = validate_split(short, towns=towns, years=[2015, 2016, 2017])
    assert [p.value for p in problems] == ["2017 化龙"]


def test_replace_year_keeps_the_other_years(session_workspace):
    frame = load_split(session_workspace, config=CFG).frame
    year = frame[frame["year"] == 2016].drop(columns=["year", "edited_by", "edited_at"])
    year = year.assign(robot_firms=0.0)
    out = replace_year(frame, 2016, year)
    assert len(out) == len(frame)
    assert (out.loc[out["year"] == 2016, "robot_firms"] == 0).all()
    pd.testing.assert_frame_equal(
        out[out["year"] != 2016].reset_index(drop=True),
        frame[frame["year"] != 2016].reset_index(drop=True),
    )
