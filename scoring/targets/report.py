"""What the targets page and ``cli.py targets`` show: the district panel, the CSV table, the
Excel sheets and the year-over-year series.

- :func:`district_panel`: the plan's goal-year figures the survey can measure (high-tech share of
  above-scale output, value-added growth), and "no data" for those it cannot (invention patents,
  newly recognised high-tech firms);
- :func:`cli_table`: the columns of ``cli.py targets`` in their contract order;
- :func:`report_sheets`: one frame per indicator plus the ranking and the panel, with labels;
- :func:`yearly_series`: target and actual per town, indicator and year, for the chart.

Plain pandas; no Streamlit, no files (``exports.tables`` writes them).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from config.settings import TargetsSettings
from scoring.targets.completion import TargetReport, evaluate_year
from scoring.targets.split import (
    INDICATORS,
    KEYS,
    WAN_PER_YI,
    survey_years,
    target_years,
    town_actuals,
)

__all__ = [
    "CLI_COLUMNS",
    "cli_table",
    "district_panel",
    "latest_completion",
    "report_sheets",
    "yearly_series",
]

CLI_COLUMNS: tuple[str, ...] = (
    "town",
    *(f"{key}_{part}" for key in KEYS for part in ("target", "actual")),
    "completion",
    "rank",
    "behind",
)


def _survey(firms: pd.DataFrame, year: int) -> pd.DataFrame:
    return firms.loc[pd.to_numeric(firms["survey_year"], errors="coerce") == year]


def _high_tech_share(rows: pd.DataFrame) -> float:
    above = rows.loc[rows["above_scale"].fillna(False).astype(bool)]
    output = pd.to_numeric(above["gross_output"], errors="coerce").fillna(0.0)
    total = float(output.sum())
    high = float(output[above["high_tech"].fillna(False).astype(bool)].sum())
    return high / total * 100.0 if total > 0 else float("nan")


def _value_added(rows: pd.DataFrame) -> float:
    return float(pd.to_numeric(rows["value_added"], errors="coerce").sum()) / WAN_PER_YI


_GROWTH_NOTE = (
    "调查企业增加值合计，与上年调查比较",
    "value added of the surveyed firms against the previous year's survey",
)


def _needs_two(year: int) -> tuple[str, str]:
    return (f"需 {year - 1} 与 {year} 年调查数据", f"needs the {year - 1} and {year} surveys")


def district_panel(firms: pd.DataFrame, *, year: int, config: TargetsSettings) -> pd.DataFrame:
    """The plan's district goals for ``year``: target, actual (NaN = no data) and a note.

    Rows (index ``goal``): ``high_tech_share`` (%; the goal-year figure less one point per year
    to go; measured as the share of above-scale gross output made by firms flagged high-tech —
    the survey records high-tech *firms*, not high-tech *product* output, so it is a proxy),
    ``value_added_growth`` (%; value added of all surveyed firms against the previous year's
    survey), ``patent_applications`` and ``new_high_tech_firms`` (not in the survey: no data).
    """
    panel = config.panel
    goal_year, base_year = config.goal_year, config.base_year
    years = survey_years(firms)
    rows = _survey(firms, year)
    to_go = goal_year - year
    span = goal_year - base_year + 1
    high = _high_tech_share(rows) if year in years else float("nan")
    growth = float("nan")
    if year in years and year - 1 in years:
        before = _value_added(_survey(firms, year - 1))
        growth = (_value_added(rows) / before - 1.0) * 100.0 if before > 0 else float("nan")
    no_year = (f"无 {year} 年调查数据", f"no survey for {year}")
    records = [
        (
            "high_tech_share",
            "高新技术产品产值占规上工业总产值比重",
            "High-tech share of above-scale output",
            "%",
            panel.high_tech_share - to_go * panel.high_tech_points_per_year,
            high,
            (
                "以高新技术企业产值近似（调查表记录企业资质，不记录产品产值）",
                "approximated by the output of high-tech firms (the survey records the firm's "
                "status, not its product output)",
            )
            if year in years
            else no_year,
        ),
        (
            "value_added_growth",
            "工业增加值增速",
            "Industrial value-added growth",
            "%",
            panel.value_added_growth * 100.0,
            growth,
            _GROWTH_NOTE if not np.isnan(growth) else _needs_two(year),
        ),
        (
            "patent_applications",
            "企业发明专利申请量",
            "Invention-patent applications",
            "件",
            panel.patent_applications / (1.0 + panel.patent_growth) ** to_go,
            float("nan"),
            ("调查表无专利字段：无数据", "the survey has no patent field: no data"),
        ),
        (
            "new_high_tech_firms",
            "新培育高新技术企业（累计）",
            "New high-tech firms (cumulative)",
            "家",
            panel.new_high_tech_firms * (year - base_year + 1) / span,
            float("nan"),
            (
                "调查表不记录认定年份：无数据",
                "the survey does not record the year of recognition: no data",
            ),
        ),
    ]
    out = pd.DataFrame(
        records,
        columns=["goal", "label_zh", "label_en", "unit", "target", "actual", "note"],
    ).set_index("goal")
    out["note_zh"] = out["note"].str[0]
    out["note_en"] = out["note"].str[1]
    out["has_data"] = out["actual"].notna()
    return out.drop(columns="note")


def cli_table(report: TargetReport) -> pd.DataFrame:
    """The ``cli.py targets`` table: ``town``, target/actual per indicator, completion, rank,
    behind (shares and completion in %)."""
    table = report.table.reset_index().rename(columns={"index": "town"})
    out = table[list(CLI_COLUMNS)].copy()
    numeric = [c for c in CLI_COLUMNS if c not in ("town", "rank", "behind")]
    out[numeric] = out[numeric].astype(float).round(4)
    return out


def report_sheets(
    report: TargetReport, panel: pd.DataFrame, *, lang: str = "zh"
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Excel sheets (one per indicator, the ranking, the district panel) and their labels."""
    table = report.table
    zh = lang == "zh"
    labels = {
        "town": "镇街" if zh else "Town",
        "target": "目标" if zh else "Target",
        "actual": "实际" if zh else "Actual",
        "completion": "完成率（%）" if zh else "Completion (%)",
        "rank": "排名" if zh else "Rank",
        "behind": "未完成" if zh else "Behind",
        "indicators": "参评指标数" if zh else "Indicators evaluated",
        "clean_production_key_share": "重点行业审核比例（%）" if zh else "Key industries (%)",
        "key_industry_firms": "重点行业规上企业数" if zh else "Key-industry firms",
        "above_scale_firms": "规上企业数" if zh else "Above-scale firms",
        "label": "指标" if zh else "Goal",
        "unit": "单位" if zh else "Unit",
        "note": "说明" if zh else "Note",
    }
    sheets: dict[str, pd.DataFrame] = {}
    overview = table[["completion", "indicators", "rank", "behind"]].reset_index()
    sheets["综合排名" if zh else "Ranking"] = overview.sort_values("rank", na_position="last")
    for key, item in INDICATORS.items():
        frame = pd.DataFrame(
            {
                "town": table.index,
                "target": table[f"{key}_target"].to_numpy(),
                "actual": table[f"{key}_actual"].to_numpy(),
                "completion": table[f"{key}_completion"].to_numpy(),
            }
        )
        if key == "clean_production_share":
            extra = report.actuals.reindex(table.index)
            for column in ("clean_production_key_share", "key_industry_firms", "above_scale_firms"):
                if column in extra:
                    frame[column] = extra[column].to_numpy()
        name = f"{item.label[0 if zh else 1]}（{item.unit[0 if zh else 1]}）"
        sheets[name[:31]] = frame
    sheets["区级目标" if zh else "District goals"] = pd.DataFrame(
        {
            "label": panel["label_zh" if zh else "label_en"].to_numpy(),
            "unit": panel["unit"].to_numpy(),
            "target": panel["target"].to_numpy(),
            "actual": panel["actual"].to_numpy(),
            "note": panel["note_zh" if zh else "note_en"].to_numpy(),
        }
    )
    return sheets, labels


def yearly_series(
    firms: pd.DataFrame,
    split: pd.DataFrame,
    *,
    towns: Sequence[str],
    config: TargetsSettings,
) -> pd.DataFrame:
    """Long table for the year-over-year chart: ``town``, ``indicator``, ``year``, ``series``
    (``target`` / ``actual``), ``value``. Actuals for every survey year, targets for every
    target year; a year without a survey has no actual row (not a zero)."""
    targets = split.melt(
        id_vars=["year", "town"], value_vars=list(KEYS), var_name="indicator", value_name="value"
    ).assign(series="target")
    frames = [targets]
    wanted = set(survey_years(firms)) | set(target_years(config))
    for year in sorted(wanted & set(survey_years(firms))):
        actual = town_actuals(firms, year=year, towns=towns, config=config)[list(KEYS)]
        long = actual.reset_index().melt(id_vars="town", var_name="indicator", value_name="value")
        frames.append(long.assign(year=year, series="actual"))
    out = pd.concat(frames, ignore_index=True)
    out = out.dropna(subset=["value"])
    return out[["town", "indicator", "year", "series", "value"]].reset_index(drop=True)


def latest_completion(
    firms: pd.DataFrame,
    split: pd.DataFrame,
    *,
    towns: Sequence[str],
    config: TargetsSettings,
) -> tuple[int | None, pd.Series]:
    """Overall completion (%) per town in the latest year that has targets and a survey (the
    map's town colouring); ``(None, all NaN)`` when no target year has a survey."""
    years = sorted(set(int(y) for y in split["year"]) & set(survey_years(firms)))
    if not years:
        return None, pd.Series(np.nan, index=pd.Index(list(towns), name="town"), name="completion")
    report = evaluate_year(firms, split, year=years[-1], towns=towns, config=config)
    return years[-1], report.table["completion"].rename("completion")
