"""A town's project-library spreadsheet, built from the stored firms (shared by the tests of the
library's import, approval and CLI)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.codes import uscc_check_char

__all__ = ["HEADERS", "firms_of", "library_file", "outsider_uscc", "row"]

HEADERS = {
    "project_id": "项目编号",
    "uscc": "统一社会信用代码",
    "name": "项目名称",
    "type": "项目类型",
    "total_investment_wan": "总投资（万元）",
    "equipment_investment_wan": "设备投资（万元）",
    "city_key": "市重点",
    "stage": "阶段",
    "reserve_date": "储备日期",
    "landing_date": "落地日期",
    "start_date": "开工日期",
    "production_date": "投产日期",
    "terminated_date": "终止日期",
    "planned_start_date": "计划开工日期",
    "planned_production_date": "计划投产日期",
    "subsidy_province_wan": "省级补助（万元）",
    "subsidy_city_wan": "市级补助（万元）",
    "matching_requested_wan": "区配套申请（万元）",
    "matching_approved_wan": "区配套核准（万元）",
    "approval_date": "核准日期",
    "approved_by": "核准人",
}


def firms_of(ws, town: str, n: int) -> list[str]:
    """The USCCs of ``n`` firms of ``town`` in the latest survey."""
    firms = ws.read("enterprises", columns=["uscc", "survey_year", "town"])
    latest = firms.sort_values("survey_year").drop_duplicates("uscc", keep="last")
    return latest[latest["town"] == town]["uscc"].head(n).tolist()


def outsider_uscc() -> str:
    """A valid USCC (GB 32100-2015 check digit) of no surveyed firm."""
    first = "91440113MA5C00001"
    return first + uscc_check_char(first)


def row(pid: str, uscc: str, **values: object) -> dict[str, object]:
    """A valid 开工 project of 2015 (6 000 万元, province 1 000 + city 1 000), with ``values``."""
    base: dict[str, object] = {
        "project_id": pid,
        "uscc": uscc,
        "name": f"项目{pid}",
        "type": "设备更新",
        "total_investment_wan": 6000,
        "equipment_investment_wan": 2000,
        "city_key": "否",
        "stage": "开工",
        "reserve_date": "2015-01-10",
        "landing_date": "2015-03-01",
        "start_date": "2015-06-01",
        "planned_start_date": "2015-06-30",
        "planned_production_date": "2016-06-30",
        "subsidy_province_wan": 1000,
        "subsidy_city_wan": 1000,
        "matching_requested_wan": 1000,
    }
    base.update(values)
    return base


def library_file(path: Path, rows: list[dict[str, object]]) -> Path:
    """``rows`` (field names) as a CSV with the towns' Chinese headers."""
    frame = pd.DataFrame(rows).rename(columns=HEADERS)
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    return path
