"""The editable split of the town targets, kept in the workspace with who changed what and when.

Two attribute tables: ``town_targets`` (one row per year and town: the six indicator targets,
``edited_by``, ``edited_at``) and ``town_targets_log`` (one row per changed value: when, who,
year, town, indicator, old, new). Until the first edit is saved the workspace holds neither and
the default split of :func:`scoring.targets.split.default_split` is shown.

Every edit is validated before anything is written (:func:`validate_split`: every problem at
once — a missing or unknown town, a value that is not a number, a negative target, a share above
100 %, a fractional firm count, no name for who edited). Towns that no longer add up to the
district figure are not an error: :func:`split_warnings` says so, and the page shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

import numpy as np
import pandas as pd

from config.settings import TargetsSettings
from errors import Problem, ValidationError
from scoring.targets.split import (
    INDICATORS,
    KEYS,
    SURVEY_COLUMNS,
    default_split,
    plan_district,
    split_check,
    target_years,
)
from store.workspace import Workspace

__all__ = [
    "COLUMNS",
    "LOG",
    "LOG_COLUMNS",
    "TABLE",
    "SaveResult",
    "SplitWarning",
    "TargetSplit",
    "edit_log",
    "load_split",
    "read_survey",
    "replace_year",
    "reset_split",
    "save_split",
    "split_warnings",
    "validate_split",
]

TABLE = "town_targets"
LOG = "town_targets_log"
COLUMNS = ["year", "town", *KEYS, "edited_by", "edited_at"]
LOG_COLUMNS = ["edited_at", "user", "year", "town", "indicator", "old", "new"]
_SOURCE = "镇街目标 town targets"


@dataclass(frozen=True)
class TargetSplit:
    """The town targets of every plan year; ``stored`` is False while it is the default."""

    frame: pd.DataFrame
    stored: bool


@dataclass(frozen=True)
class SplitWarning:
    """Towns whose targets no longer add up to the district figure of a year."""

    year: int
    indicator: str
    district: float
    towns: float

    def describe(self, lang: str = "zh") -> str:
        item = INDICATORS[self.indicator]
        i = 0 if lang == "zh" else 1
        how = ("加权平均", "firm-weighted mean") if item.kind == "share" else ("合计", "sum")
        diff = self.towns - self.district
        if lang == "zh":
            return (
                f"{self.year} 年 {item.label[0]}：各镇街{how[0]} {self.towns:,.2f} {item.unit[0]}，"
                f"区目标 {self.district:,.2f}（差 {diff:+,.2f}）"
            )
        return (
            f"{self.year} {item.label[1]}: towns' {how[1]} {self.towns:,.2f} {item.unit[i]}, "
            f"district figure {self.district:,.2f} ({diff:+,.2f})"
        )


@dataclass(frozen=True)
class SaveResult:
    """What a save did: how many values changed, and the warnings of the stored split."""

    changes: int
    warnings: list[SplitWarning]


def read_survey(workspace: Workspace) -> tuple[pd.DataFrame, list[str]]:
    """The survey columns the targets need (all years) and the town names, in town-code order."""
    towns = workspace.read("towns", columns=["town_code", "name"]).sort_values("town_code")
    names = [str(n) for n in towns["name"]]
    if "enterprises" not in workspace.layers():
        return pd.DataFrame(columns=list(SURVEY_COLUMNS)), names
    firms = workspace.read("enterprises", columns=list(SURVEY_COLUMNS))
    return pd.DataFrame(firms.drop(columns="geometry")), names


def load_split(workspace: Workspace, *, config: TargetsSettings) -> TargetSplit:
    """The stored split, or the default one when nothing was saved yet (nothing is written)."""
    if TABLE in workspace.tables():
        frame = workspace.read_table(TABLE)
        frame["year"] = frame["year"].astype(int)
        for column in ("edited_by", "edited_at"):
            frame[column] = frame[column].fillna("").astype(str)
        return TargetSplit(frame[COLUMNS].reset_index(drop=True), stored=True)
    firms, towns = read_survey(workspace)
    frame = default_split(firms, towns=towns, config=config)
    frame["edited_by"] = ""
    frame["edited_at"] = ""
    return TargetSplit(frame[COLUMNS], stored=False)


def replace_year(split: pd.DataFrame, year: int, edited: pd.DataFrame) -> pd.DataFrame:
    """``split`` with the rows of ``year`` replaced by ``edited`` (town + indicator columns)."""
    rows = edited.reset_index(drop=True).copy()
    rows["year"] = year
    keep = split.loc[split["year"] != year]
    meta = split.loc[split["year"] == year, ["town", "edited_by", "edited_at"]]
    rows = rows.drop(columns=["edited_by", "edited_at"], errors="ignore").merge(
        meta, on="town", how="left"
    )
    rows[["edited_by", "edited_at"]] = rows[["edited_by", "edited_at"]].fillna("")
    out = pd.concat([keep, rows[COLUMNS]], ignore_index=True)
    return out.sort_values("year", kind="stable").reset_index(drop=True)


def _problem(row: int | None, field: str, value: object, zh: str, en: str) -> Problem:
    return Problem(_SOURCE, row, field, value, f"{zh} / {en}")


def validate_split(
    frame: pd.DataFrame, *, towns: Sequence[str], years: Sequence[int], user: str | None = None
) -> list[Problem]:
    """Every problem of an edited split (empty when it may be stored). ``row`` counts from 1."""
    problems: list[Problem] = []
    if user is not None and not user.strip():
        problems.append(_problem(None, "edited_by", user, "须填写操作人", "say who edits"))
    missing = [c for c in ("year", "town", *KEYS) if c not in frame.columns]
    problems += [_problem(None, c, None, "缺少该列", "column is missing") for c in missing]
    if missing:
        return problems
    rows = frame.reset_index(drop=True)
    row_no = pd.Series(np.arange(1, len(rows) + 1), index=rows.index)
    known = set(towns)
    for i in row_no[~rows["town"].isin(known)].index:
        problems.append(
            _problem(int(row_no[i]), "town", rows.at[i, "town"], "不是本区镇街", "not a town")
        )
    pairs = rows[["year", "town"]].astype(str).agg("|".join, axis=1)
    for i in row_no[pairs.duplicated(keep="first")].index:
        problems.append(
            _problem(int(row_no[i]), "town", rows.at[i, "town"], "重复", "appears twice")
        )
    present = set(zip(rows["year"].astype(int), rows["town"], strict=True))
    for year in years:
        for town in towns:
            if (int(year), town) not in present:
                problems.append(_problem(None, "town", f"{year} {town}", "缺少", "missing row"))
    for key, item in INDICATORS.items():
        problems += _value_problems(rows, row_no, key, item.kind)
    return problems


def _value_problems(rows: pd.DataFrame, row_no: pd.Series, key: str, kind: str) -> list[Problem]:
    raw = rows[key]
    values = pd.to_numeric(raw, errors="coerce")
    checks = [
        (values.isna(), "须为数字", "must be a number"),
        (values < 0, "目标不能为负", "a target cannot be negative"),
    ]
    if kind == "share":
        checks.append((values > 100, "比例不能超过 100%", "a share cannot exceed 100 %"))
    if kind == "count":
        checks.append(
            (values.notna() & (values != np.floor(values)), "须为整数（家）", "whole firms")
        )
    out = []
    for mask, zh, en in checks:
        for i in row_no[mask.fillna(False).astype(bool)].index:
            field = f"{rows.loc[i, 'town']!s} {rows.loc[i, 'year']!s} · {key}"
            out.append(_problem(int(row_no[i]), field, raw.at[i], zh, en))
    return out


def split_warnings(
    frame: pd.DataFrame,
    firms: pd.DataFrame,
    *,
    towns: Sequence[str],
    config: TargetsSettings,
) -> list[SplitWarning]:
    """Every year and indicator whose towns no longer add up to the district figure."""
    district, above = plan_district(firms, towns=towns, config=config)
    out = []
    for year in target_years(config):
        rows = frame.loc[frame["year"] == year].set_index("town").reindex(list(towns))
        figures = cast(pd.Series, district.loc[year])
        check = split_check(rows, figures, weights=above, unit=config.amount_unit)
        for key, row in check.loc[~check["matches"]].iterrows():
            out.append(SplitWarning(year, str(key), float(row["district"]), float(row["towns"])))
    return out


def _changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per changed value: year, town, indicator, old, new."""
    keys = ["year", "town"]
    melt = {"id_vars": keys, "value_vars": list(KEYS), "var_name": "indicator"}
    both = old.melt(**melt, value_name="old").merge(  # type: ignore[arg-type]
        new.melt(**melt, value_name="new"),  # type: ignore[arg-type]
        on=[*keys, "indicator"],
        how="outer",
    )
    a, b = both["old"].astype(float).to_numpy(), both["new"].astype(float).to_numpy()
    changed = ~np.isclose(a, b, equal_nan=True)
    return both.loc[changed, [*keys, "indicator", "old", "new"]].reset_index(drop=True)


def save_split(
    workspace: Workspace,
    frame: pd.DataFrame,
    *,
    user: str,
    config: TargetsSettings,
    now: str | None = None,
) -> SaveResult:
    """Validate ``frame`` (every year and town) and store it with the log of what changed.

    Raises :class:`errors.ValidationError` with every problem and writes nothing when the split
    is invalid. Both tables are written in one atomic step.
    """
    firms, towns = read_survey(workspace)
    years = target_years(config)
    problems = validate_split(frame, towns=towns, years=years, user=user)
    if problems:
        raise ValidationError(problems, source=_SOURCE)
    when = now or datetime.now().astimezone().isoformat(timespec="seconds")
    who = user.strip()
    previous = load_split(workspace, config=config).frame
    new = frame.copy()
    new["year"] = new["year"].astype(int)
    new[list(KEYS)] = new[list(KEYS)].astype(float)
    changes = _changes(previous, new)
    merged = new.drop(columns=["edited_by", "edited_at"], errors="ignore").merge(
        previous[["year", "town", "edited_by", "edited_at"]], on=["year", "town"], how="left"
    )
    touched = merged.set_index(["year", "town"]).index.isin(
        changes.set_index(["year", "town"]).index
    )
    merged.loc[touched, "edited_by"] = who
    merged.loc[touched, "edited_at"] = when
    merged[["edited_by", "edited_at"]] = merged[["edited_by", "edited_at"]].fillna("")
    log = changes.assign(edited_at=when, user=who)[LOG_COLUMNS]
    if LOG in workspace.tables():
        log = pd.concat([workspace.read_table(LOG)[LOG_COLUMNS], log], ignore_index=True)
    workspace.write_many({TABLE: merged[COLUMNS], LOG: log.reset_index(drop=True)})
    return SaveResult(len(changes), split_warnings(merged, firms, towns=towns, config=config))


def reset_split(
    workspace: Workspace, *, user: str, config: TargetsSettings, now: str | None = None
) -> SaveResult:
    """Store the default split again (logged like any edit)."""
    firms, towns = read_survey(workspace)
    default = default_split(firms, towns=towns, config=config)
    return save_split(workspace, default, user=user, config=config, now=now)


def edit_log(workspace: Workspace) -> pd.DataFrame:
    """Every stored change, oldest first (empty when the split was never edited)."""
    if LOG not in workspace.tables():
        return pd.DataFrame(columns=LOG_COLUMNS)
    return workspace.read_table(LOG)[LOG_COLUMNS]
