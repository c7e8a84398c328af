"""Finding firms in the survey: by name (a substring, Chinese) or by USCC (whole or part).

One row per firm (its USCC), from its latest survey row: what the search box lists and what a
refused ``cli.py firm`` names as near matches.
"""

from __future__ import annotations

import difflib

import pandas as pd

__all__ = ["FOUND_COLUMNS", "find_firms", "find_in", "firm_index", "firm_rows", "near_matches"]

FOUND_COLUMNS = ("uscc", "name", "town", "park_id", "survey_year", "years")


def firm_index(firms: pd.DataFrame) -> pd.DataFrame:
    """One row per USCC (its latest survey year) with ``years``: how many years it was
    surveyed. Columns :data:`FOUND_COLUMNS` (what a search looks in; a page caches it)."""
    plain = pd.DataFrame(firms).drop(columns="geometry", errors="ignore")
    year = pd.to_numeric(plain["survey_year"], errors="coerce")
    ordered = plain.assign(survey_year=year).sort_values("survey_year", kind="stable")
    counts = ordered.groupby("uscc", sort=False)["survey_year"].nunique()
    latest = ordered.drop_duplicates("uscc", keep="last").copy()
    latest["years"] = latest["uscc"].map(counts).astype("int64")
    for column in FOUND_COLUMNS:
        if column not in latest:
            latest[column] = None
    return latest.loc[:, list(FOUND_COLUMNS)].reset_index(drop=True)


def find_firms(firms: pd.DataFrame, query: str, *, limit: int = 20) -> pd.DataFrame:
    """The firms whose name contains ``query`` or whose USCC contains it (case-insensitive),
    at most ``limit``: an exact USCC first, then names that start with the query, then the rest
    by name. Empty for a blank query. Columns :data:`FOUND_COLUMNS`."""
    if firms.empty:
        return pd.DataFrame(columns=list(FOUND_COLUMNS))
    return find_in(firm_index(firms), query, limit=limit)


def find_in(latest: pd.DataFrame, query: str, *, limit: int = 20) -> pd.DataFrame:
    """:func:`find_firms` in a :func:`firm_index`."""
    text = str(query or "").strip()
    if not text or latest.empty:
        return pd.DataFrame(columns=list(FOUND_COLUMNS))
    uscc = latest["uscc"].astype(str).str.upper()
    name = latest["name"].astype(str)
    upper = text.upper()
    hit = uscc.str.contains(upper, regex=False) | name.str.contains(text, regex=False)
    found = latest[hit].assign(
        _order=(uscc[hit] != upper).astype(int) + (~name[hit].str.startswith(text)).astype(int),
    )
    found = found.sort_values(["_order", "name", "uscc"], kind="stable").drop(columns="_order")
    return found.head(limit).reset_index(drop=True)


def firm_rows(firms: pd.DataFrame, uscc: str) -> pd.DataFrame:
    """Every survey row of the firm ``uscc`` (case-insensitive), oldest year first."""
    key = str(uscc).strip().upper()
    rows = firms[firms["uscc"].astype(str).str.upper() == key]
    year = pd.to_numeric(rows["survey_year"], errors="coerce")
    return rows.assign(survey_year=year).sort_values("survey_year", kind="stable")


def near_matches(firms: pd.DataFrame, uscc: str, *, n: int = 3) -> list[str]:
    """Up to ``n`` surveyed USCCs closest to ``uscc`` (a mistyped digit or two), best first."""
    known = sorted(set(firms["uscc"].astype(str).str.upper()))
    return difflib.get_close_matches(str(uscc).strip().upper(), known, n=n, cutoff=0.8)
