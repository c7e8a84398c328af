"""The yearly violations table (一票否决, issue 25) and its rows checked, every problem at once.

``violations`` — one row per violation: ``uscc``, ``year`` (the evaluation year it vetoes),
``kind`` (a key of :data:`config.sections_evaluation.VETO_KINDS`), ``date`` (ISO) and ``doc_no``
(the penalty or accident document). A data table (:data:`geo.schema.DATA_TABLES`): part of the
data version and of the history's snapshots, so an import can be undone like any other.

:func:`check_violations` takes a file as read (text cells; the headers may be the field names,
the Chinese or the English labels of :data:`geo.schema.VIOLATIONS`; a kind may be its key or its
Chinese label) and returns the typed rows or raises one :class:`errors.ValidationError` naming
every problem's file, row, field, value and what is allowed: a required column missing; a blank
cell; a USCC not valid (GB 32100-2015) or of no surveyed firm; a year not a whole number
1949–2100; an unknown kind; a date not ``YYYY-MM-DD`` or not in its year; a row given twice
(same USCC, kind and document number).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

import numpy as np
import pandas as pd

from config.sections_evaluation import VETO_KINDS
from errors import Problem, ValidationError
from geo.codes import uscc_valid_mask
from geo.schema import VIOLATIONS
from geo.validate import MAX_PROBLEMS
from store.workspace import Workspace

__all__ = [
    "COLUMNS",
    "KIND_WORDS",
    "TABLE",
    "check_violations",
    "normalised",
    "read_violations",
]

TABLE = "violations"
COLUMNS: list[str] = VIOLATIONS.names
# the words a file may give for a kind → its key
KIND_WORDS: dict[str, str] = {
    **{k: k for k in VETO_KINDS},
    "重大安全生产事故": "safety_accident",
    "安全事故": "safety_accident",
    "环境违法受行政处罚": "environmental_penalty",
    "环境违法": "environmental_penalty",
    "违法用地": "illegal_land",
}

# the kind's name in the refusal
_MAIN_WORDS = {
    "safety_accident": "重大安全生产事故",
    "environmental_penalty": "环境违法受行政处罚",
    "illegal_land": "违法用地",
}


def _text(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    return text.astype(object).where(text.notna() & text.ne(""), None)


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as the table stores it: :data:`COLUMNS` in order, ``year`` int64, text else."""
    rows = frame.reset_index(drop=True)
    out = pd.DataFrame(index=pd.RangeIndex(len(rows)))
    for column in COLUMNS:
        values = rows[column] if column in rows else pd.Series([None] * len(rows), dtype=object)
        if column == "year":
            out[column] = pd.to_numeric(values, errors="coerce").fillna(0).astype("int64")
        else:
            out[column] = _text(values)
    return out


def read_violations(ws: Workspace) -> pd.DataFrame:
    """The stored table (empty with its columns when there is none)."""
    if TABLE not in ws.tables():
        return normalised(pd.DataFrame(columns=COLUMNS))
    return normalised(ws.read_table(TABLE))


def _key(header: object) -> str:
    return unicodedata.normalize("NFKC", str(header)).strip().lower()


def _headers() -> dict[str, str]:
    out: dict[str, str] = {"统一社会信用代码": "uscc", "usci": "uscc"}
    for f in VIOLATIONS.fields:
        for text in (f.name, f.label_zh, f.label_en):
            out[_key(text)] = f.name
    return out


def _label(name: str) -> str:
    return f"{name}（{VIOLATIONS.field(name).label_zh}）"


def _shown(value: object) -> object:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return value


def check_violations(
    frame: pd.DataFrame,
    *,
    source: str,
    firms: Collection[str] | None = None,
    row_offset: int = 2,
) -> pd.DataFrame:
    """The file's rows typed (:func:`normalised`), or every problem at once.

    ``firms``: the surveyed USCCs (a row of another firm is refused); ``None`` skips that check.
    ``row_offset``: the file line of the first data row (header = 1).
    """
    problems: list[Problem] = []

    def mark(where: np.ndarray, values: pd.Series, name: str, allowed: str) -> None:
        for i in np.flatnonzero(where):
            problems.append(
                Problem(source, int(i) + row_offset, _label(name), _shown(values.iloc[i]), allowed)
            )

    known = _headers()
    names = [known.get(_key(c), str(c)) for c in frame.columns]
    seen: set[str] = set()
    for header, name in zip(frame.columns, names, strict=True):
        if name in seen and name in COLUMNS:
            problems.append(
                Problem(source, None, str(header), None, f"列出现两次 / column {name} twice")
            )
        seen.add(name)
    rows = frame.set_axis(names, axis=1)
    rows = rows.loc[:, ~rows.columns.duplicated()].reset_index(drop=True)
    missing = [c for c in COLUMNS if c not in rows.columns]
    for column in missing:
        problems.append(
            Problem(
                source,
                None,
                _label(column),
                None,
                f"缺少必填列 / a required column is missing (columns: {', '.join(COLUMNS)})",
            )
        )
    if missing:
        raise ValidationError(problems[:MAX_PROBLEMS], source=source)
    text = {c: rows[c].astype("string").str.strip() for c in COLUMNS}
    blank = {c: (text[c].isna() | text[c].eq("")).fillna(True).to_numpy(bool) for c in COLUMNS}
    for column in COLUMNS:
        mark(blank[column], rows[column], column, "必填 / required")
    uscc = text["uscc"].str.upper()
    valid = uscc_valid_mask(uscc.fillna(""))
    bad_code = "须为有效的统一社会信用代码（GB 32100-2015） / must be a valid USCC"
    mark(~blank["uscc"] & ~valid, rows["uscc"], "uscc", bad_code)
    if firms is not None:
        surveyed = uscc.isin(set(firms)).fillna(False).to_numpy(bool)
        mark(valid & ~surveyed, rows["uscc"], "uscc", "不是已调查的企业 / not a surveyed firm")
    year = pd.to_numeric(text["year"].str.replace(r"\.0$", "", regex=True), errors="coerce")
    whole = year.notna().to_numpy() & (year.fillna(0) % 1 == 0).to_numpy()
    in_range = whole & year.between(1949, 2100).fillna(False).to_numpy(bool)
    mark(~blank["year"] & ~in_range, rows["year"], "year", "须为年份 1949–2100 / must be a year")
    kind = text["kind"].map(lambda v: KIND_WORDS.get(str(v)) if pd.notna(v) else None)
    mark(
        ~blank["kind"] & kind.isna().to_numpy(),
        rows["kind"],
        "kind",
        "须为 / must be one of: " + " / ".join(f"{k}（{z}）" for k, z in _MAIN_WORDS.items()),
    )
    day_text = text["date"].str.replace(r"[ T]00:00:00$", "", regex=True)
    shaped = day_text.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False).to_numpy(bool)
    day = pd.to_datetime(day_text.where(shaped), errors="coerce", format="%Y-%m-%d")
    bad_day = ~blank["date"] & day.isna().to_numpy()
    mark(bad_day, rows["date"], "date", "须为日期 YYYY-MM-DD / must be a date YYYY-MM-DD")
    other_year = ~bad_day & in_range & day.notna().to_numpy() & (day.dt.year != year).to_numpy()
    mark(other_year, rows["date"], "date", "须在其年度之内 / must lie in its year")
    ids = pd.DataFrame({"u": uscc, "k": kind, "d": text["doc_no"]})
    twice = ids.duplicated(keep=False).to_numpy() & ~blank["doc_no"] & kind.notna().to_numpy()
    again = "同一企业、类别、文号重复 / the same firm, kind and document number twice"
    mark(twice, rows["doc_no"], "doc_no", again)
    if problems:
        ordered = sorted(problems, key=lambda p: -1 if p.row is None else p.row)
        kept = ordered[:MAX_PROBLEMS]
        raise ValidationError(kept, source=source, more=len(ordered) - len(kept))
    return normalised(
        pd.DataFrame(
            {
                "uscc": uscc,
                "year": year.astype("int64"),
                "kind": kind,
                "date": day.dt.strftime("%Y-%m-%d"),
                "doc_no": text["doc_no"],
            }
        )
    )
