"""The rows of a town's project-library file checked against the contract, every problem at once.

:func:`check_projects` takes the file as read (text cells, Chinese or English headers: the labels
and field names of :data:`geo.schema.PROJECTS`) and returns the typed rows
(:func:`store.projects.normalised`) or raises one :class:`errors.ValidationError` listing every
problem with its row (the line the user sees), field, value and what is allowed:

- a required column missing (the whole file); a header given twice;
- a blank project id, USCC, name, type, stage or total investment; a duplicate project id (each
  of its rows); a USCC that is not valid (GB 32100-2015) or of no surveyed firm;
- a type not in ``[projects] types``; a stage not one of 储备 / 落地 / 开工 / 投产 / 终止;
- a number that is not one, negative money, equipment above the total;
- a date that is not ``YYYY-MM-DD``; stage dates out of order (储备 ≤ 落地 ≤ 开工 ≤ 投产, and
  终止 not before 储备); a stage without its date; a date of a stage not reached;
- province + city subsidies + approved district matching above ``subsidy_cap_share`` of the
  total investment (三(一)); a library year that is neither given nor derivable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable

import numpy as np
import pandas as pd

from config.settings import ProjectsSettings
from errors import Problem, ValidationError
from geo.codes import uscc_valid_mask
from geo.schema import PROJECTS
from geo.validate import FALSE_WORDS, MAX_PROBLEMS, TRUE_WORDS
from geo.validate_numbers import COMMA_ALLOWED, parse_numbers
from store.projects import (
    DATE_COLUMNS,
    MONEY_COLUMNS,
    STAGE_DATE,
    STAGES,
    normalised,
)

__all__ = ["ORDERED_DATES", "check_projects", "field_names", "header_map"]

# the stage dates that must not go backwards, in the order a project passes them
ORDERED_DATES = ("reserve_date", "landing_date", "start_date", "production_date")
_TOLERANCE_WAN = 1e-6


def _key(header: object) -> str:
    return unicodedata.normalize("NFKC", str(header)).strip().lower()


def header_map() -> dict[str, str]:
    """Accepted headers (NFKC, lower case: the field name, the Chinese label with or without its
    unit, the English label) → field name."""
    out: dict[str, str] = {}
    for f in PROJECTS.fields:
        for text in (f.name, f.label_zh, f.label_zh.split("（")[0], f.label_en):
            out[_key(text)] = f.name
    return out


def field_names(headers: Iterable[object]) -> set[str]:
    """The fields of :data:`geo.schema.PROJECTS` that ``headers`` name."""
    known = header_map()
    return {known[_key(h)] for h in headers if _key(h) in known}


class _Problems:
    def __init__(self, source: str, offset: int, cap: int = MAX_PROBLEMS) -> None:
        self.source, self.offset, self.cap = source, offset, cap
        self.items: list[Problem] = []

    def error(self) -> ValidationError:
        """Every problem found, by row (the file's own first), the first ``cap`` of them."""
        ordered = sorted(self.items, key=lambda p: -1 if p.row is None else p.row)
        kept = ordered[: self.cap]
        return ValidationError(kept, source=self.source, more=len(ordered) - len(kept))

    def mask(self, where: np.ndarray, values: pd.Series, name: str, allowed: str) -> None:
        label = f"{name}（{PROJECTS.field(name).label_zh.split('（')[0]}）"
        for i in np.flatnonzero(where):
            value = values.iloc[i]
            shown = (
                None if value is None or (isinstance(value, float) and np.isnan(value)) else value
            )
            self.items.append(Problem(self.source, int(i) + self.offset, label, shown, allowed))

    def whole(self, name: str, value: object, allowed: str) -> None:
        self.items.append(Problem(self.source, None, name, value, allowed))


def _renamed(frame: pd.DataFrame, out: _Problems) -> pd.DataFrame:
    known = header_map()
    names = [known.get(_key(c), str(c)) for c in frame.columns]
    seen: set[str] = set()
    for header, name in zip(frame.columns, names, strict=True):
        if name in seen and name in PROJECTS.names:
            out.whole(str(header), None, f"列 {name} 出现两次 / column {name} appears twice")
        seen.add(name)
    renamed = frame.set_axis(names, axis=1)
    renamed = renamed.loc[:, ~renamed.columns.duplicated()]
    return renamed[[c for c in renamed.columns if c in PROJECTS.names]]


def _blank(values: pd.Series) -> np.ndarray:
    text = values.astype("string").str.strip()
    return (values.isna() | text.eq("").fillna(True)).to_numpy(dtype=bool)


def _money(rows: pd.DataFrame, out: _Problems) -> dict[str, pd.Series]:
    found: dict[str, pd.Series] = {}
    for name in MONEY_COLUMNS:
        if name not in rows:
            continue
        raw = rows[name]
        numbers, bad_comma = parse_numbers(raw)
        out.mask(bad_comma, raw, name, COMMA_ALLOWED)
        bad = ~_blank(raw) & ~bad_comma & numbers.isna().to_numpy()
        out.mask(bad, raw, name, "须为数字（万元） / must be a number (万元)")
        huge = numbers.abs().ge(1e12).to_numpy()
        out.mask(huge, raw, name, "须为有限数字 < 1e12 / must be a finite number below 1e12")
        numbers = numbers.where(~pd.Series(huge, index=numbers.index))
        out.mask(numbers.lt(0).to_numpy(), raw, name, "须 ≥ 0 万元 / must be ≥ 0 万元")
        found[name] = numbers
    return found


def _dates(rows: pd.DataFrame, out: _Problems) -> dict[str, pd.Series]:
    found: dict[str, pd.Series] = {}
    for name in DATE_COLUMNS:
        if name not in rows:
            continue
        raw = rows[name]
        text = raw.astype("string").str.strip().str.replace(r"[ T]00:00:00$", "", regex=True)
        shaped = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False).to_numpy(dtype=bool)
        day = pd.to_datetime(text.where(shaped), errors="coerce", format="%Y-%m-%d")
        bad = ~_blank(raw) & day.isna().to_numpy()
        out.mask(bad, raw, name, "须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD")
        found[name] = day
    return found


def _order(rows: pd.DataFrame, days: dict[str, pd.Series], out: _Problems) -> None:
    present = [d for d in ORDERED_DATES if d in days]
    for i, later in enumerate(present):
        earlier = pd.concat([days[d] for d in present[:i]], axis=1).max(axis=1) if i else None
        if earlier is None:
            continue
        bad = days[later].lt(earlier).to_numpy()
        what = "、".join(PROJECTS.field(d).label_zh for d in present[:i])
        out.mask(
            bad,
            rows[later],
            later,
            f"不得早于{what} / must not be before the earlier stage dates "
            "(储备 ≤ 落地 ≤ 开工 ≤ 投产)",
        )
    if "terminated_date" in days and "reserve_date" in days:
        bad = days["terminated_date"].lt(days["reserve_date"]).to_numpy()
        out.mask(
            bad,
            rows["terminated_date"],
            "terminated_date",
            "不得早于储备日期 / must not be before the reserve date",
        )


def _stages(rows: pd.DataFrame, days: dict[str, pd.Series], out: _Problems) -> None:
    stage = rows["stage"].astype("string").str.strip()
    known = stage.isin(STAGES).fillna(False).to_numpy(dtype=bool)
    out.mask(
        ~known & ~_blank(rows["stage"]),
        rows["stage"],
        "stage",
        f"须为 / must be one of: {' / '.join(STAGES)}",
    )
    for i, (name, column) in enumerate(STAGE_DATE.items()):
        have = days[column].notna().to_numpy() if column in days else np.zeros(len(rows), bool)
        at = (stage == name).fillna(False).to_numpy(dtype=bool)
        out.mask(
            at & ~have,
            rows["stage"],
            "stage",
            f"阶段 {name} 须有{PROJECTS.field(column).label_zh} / a project at {name} "
            f"needs its {column}",
        )
        if name == "终止":
            continue
        reached = stage.isin(STAGES[i:]).fillna(False).to_numpy(dtype=bool)
        early = known & ~reached & have
        if column in rows:
            out.mask(
                early,
                rows[column],
                column,
                f"阶段未到 {name}，不应有此日期 / a date of a stage not reached "
                f"(the stage is earlier than {name})",
            )


def _firms(rows: pd.DataFrame, firms: Collection[str], out: _Problems) -> None:
    raw = rows["uscc"]
    code = raw.astype("string").str.strip().str.upper()
    blank = _blank(raw)
    valid = uscc_valid_mask(code.fillna(""))
    out.mask(
        ~blank & ~valid,
        raw,
        "uscc",
        "须为有效的 18 位统一社会信用代码 (GB 32100-2015) / must be a valid 18-character "
        "unified social credit code",
    )
    unknown = ~blank & valid & ~code.isin(list(firms)).fillna(False).to_numpy(dtype=bool)
    out.mask(
        unknown,
        raw,
        "uscc",
        "不是已调查的企业 / is not a firm of the survey (import the firm first)",
    )


def check_projects(
    frame: pd.DataFrame,
    *,
    source: str,
    firms: Collection[str],
    settings: ProjectsSettings,
    row_offset: int = 2,
    year: int | None = None,
    max_problems: int = MAX_PROBLEMS,
) -> pd.DataFrame:
    """The file's rows typed (:func:`store.projects.normalised`), or every problem at once.

    ``firms`` are the USCCs of the surveyed firms; ``year`` the library year of rows whose file
    gives none (default: the year of the reserve date). The refusal lists the problems by row,
    the first ``max_problems`` of them (``[import] max_problems``), and counts the rest."""
    out = _Problems(source, row_offset, max_problems)
    rows = _renamed(frame, out).reset_index(drop=True)
    missing = [n for n in PROJECTS.required if n not in rows]
    for name in missing:
        out.whole(
            f"{name}（{PROJECTS.field(name).label_zh}）",
            None,
            "缺少必填列 / required column missing",
        )
    if missing:
        raise out.error()
    for name in PROJECTS.required:
        out.mask(_blank(rows[name]), rows[name], name, "必填 / required")
    ids = rows["project_id"].astype("string").str.strip()
    dup = ids.duplicated(keep=False).fillna(False).to_numpy(dtype=bool) & ~_blank(
        rows["project_id"]
    )
    out.mask(dup, rows["project_id"], "project_id", "项目编号重复 / duplicate project id")
    _firms(rows, firms, out)
    kind = rows["type"].astype("string").str.strip()
    bad_type = ~kind.isin(settings.types).fillna(False).to_numpy(dtype=bool) & ~_blank(rows["type"])
    out.mask(
        bad_type,
        rows["type"],
        "type",
        f"须为 / must be one of: {' / '.join(settings.types)} ([projects] types)",
    )
    if "city_key" in rows:
        words = rows["city_key"].astype("string").str.strip().str.lower()
        ok = words.isin(TRUE_WORDS | FALSE_WORDS).fillna(False).to_numpy(dtype=bool)
        out.mask(
            ~ok & ~_blank(rows["city_key"]),
            rows["city_key"],
            "city_key",
            "须为 是/否、true/false 或 1/0 / must be yes/no, true/false or 1/0",
        )
    cash = _money(rows, out)
    total = cash["total_investment_wan"]
    if "equipment_investment_wan" in cash:
        over = cash["equipment_investment_wan"].gt(total + _TOLERANCE_WAN).to_numpy()
        out.mask(
            over,
            rows["equipment_investment_wan"],
            "equipment_investment_wan",
            "不得大于总投资 / must not exceed the total investment",
        )
    if "matching_approved_wan" in cash:
        approved = cash["matching_approved_wan"].fillna(0.0)
        subsidies = sum(
            cash[c].fillna(0.0) for c in ("subsidy_province_wan", "subsidy_city_wan") if c in cash
        )
        cap = settings.subsidy_cap_share * total
        above = (approved.gt(0) & (subsidies + approved).gt(cap + _TOLERANCE_WAN)).to_numpy()
        share = f"{settings.subsidy_cap_share:.0%}"
        out.mask(
            above,
            rows["matching_approved_wan"],
            "matching_approved_wan",
            f"省级 + 市级补助 + 区配套核准不得超过总投资的 {share} (三(一)) / province + city "
            f"subsidies + approved district matching must not exceed {share} of the total "
            "investment ([projects] subsidy_cap_share)",
        )
    days = _dates(rows, out)
    _order(rows, days, out)
    _stages(rows, days, out)
    years = _year(rows, days, year, out)
    if out.items:
        raise out.error()
    typed = rows.copy()
    for name, values in {**cash, **days}.items():
        typed[name] = values if name in cash else values.dt.strftime("%Y-%m-%d")
    typed["year"] = years
    typed["uscc"] = rows["uscc"].astype("string").str.strip().str.upper()
    if "city_key" in rows:
        words = rows["city_key"].astype("string").str.strip().str.lower()
        typed["city_key"] = words.isin(TRUE_WORDS).fillna(False).astype(bool)
    return normalised(typed)


def _year(
    rows: pd.DataFrame, days: dict[str, pd.Series], year: int | None, out: _Problems
) -> pd.Series:
    fallback = days["reserve_date"].dt.year if "reserve_date" in days else None
    default = pd.Series(float(year) if year is not None else np.nan, index=rows.index)
    if year is None and fallback is not None:
        default = fallback.astype("float64")
    if "year" not in rows:
        values = default
        raw = pd.Series([None] * len(rows), index=rows.index, dtype=object)
    else:
        raw = rows["year"]
        numbers, _ = parse_numbers(raw)
        bad = ~_blank(raw) & ~(numbers.between(1949, 2100) & (numbers % 1 == 0)).to_numpy()
        out.mask(bad, raw, "year", "须为年份 1949–2100 / must be a year 1949–2100")
        values = numbers.where(~_blank(raw), default)
    none = values.isna().to_numpy() & _blank(raw)
    out.mask(
        none,
        raw,
        "year",
        "须有入库年度（列 入库年度、--year 或储备日期） / needs the library year (a year "
        "column, --year or a reserve date)",
    )
    return values.fillna(0).astype("int64")
