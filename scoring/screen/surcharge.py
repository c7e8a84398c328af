"""D-class differentiated prices (差异化价格): the yearly surcharge per firm (DOMAIN.md §2).

A firm graded D this year is in its (earlier consecutive years in D + 1)-th year in D. The
earlier years come from the **survey history**: the firm's rows (by USCC) of the years before,
each graded as that year's screen grades it, counted back while the firm was surveyed and in
D. The typed ``years_in_d`` counts only for the years before a firm's first survey: it is added
when the count reaches the firm's first surveyed row (and is all there is for a firm surveyed
for the first time). ``d_year_source`` says which it was: 调查历史 (history), 填报年数
(typed), 调查历史+填报年数 (both). Without earlier rows the typed field holds. Each price of
``[prices]`` is a number, or a list by consecutive year in D whose last entry holds for later
years (electricity 0.05 / 0.10 / 0.15 元/kWh in the 1st / 2nd / 3rd-and-later year,
鲁发改价格〔2022〕56号, not stacked on other surcharges; gas 1 元/m³, Qingdao; water a setting).
Surcharge = price × the firm's use that year, in 元.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from config.settings import PricesSettings, Settings

__all__ = [
    "D_SOURCES",
    "SURCHARGES",
    "d_year",
    "d_year_from_history",
    "earlier_grades",
    "surcharge",
]

# where a D firm's count of earlier years in D came from → Chinese label (the output column)
D_SOURCES: dict[str, str] = {
    "history": "调查历史",
    "typed": "填报年数",
    "both": "调查历史+填报年数",
}

# surcharge column → (key of [prices], column of use)
SURCHARGES: dict[str, tuple[str, str]] = {
    "surcharge_electricity_yuan": ("electricity_yuan_per_kwh", "electricity_kwh"),
    "surcharge_gas_yuan": ("gas_yuan_per_m3", "natural_gas_m3"),
    "surcharge_water_yuan": ("water_yuan_per_m3", "water_m3"),
}


def d_year(grade: pd.Series, years_in_d: pd.Series) -> pd.Series:
    """Consecutive year in D this year (1, 2, 3 …) for D-class firms, 0 for the others.

    ``years_in_d`` counts the consecutive *earlier* years graded D (missing = 0).
    """
    earlier = pd.to_numeric(years_in_d, errors="coerce").fillna(0).clip(lower=0).astype("int64")
    return pd.Series(
        np.where(grade.to_numpy() == "D", earlier.to_numpy() + 1, 0),
        index=grade.index,
        name="d_year",
    )


def earlier_grades(
    enterprises: pd.DataFrame, year: int | None, settings: Settings
) -> pd.DataFrame | None:
    """``uscc``, ``survey_year``, ``grade``, ``years_in_d`` of every row of the years before
    ``year``, each year graded among its own firms; ``None`` when there are none."""
    from scoring.screen.grades import grades
    from scoring.screen.indicators import indicators

    if year is None or "survey_year" not in enterprises.columns or "uscc" not in enterprises:
        return None
    years = pd.to_numeric(enterprises["survey_year"], errors="coerce")
    parts = []
    for y in sorted(int(v) for v in years[years < year].dropna().unique()):
        rows = enterprises[years == y]
        graded = grades(indicators(rows, energy=settings.energy), rows, config=settings)
        parts.append(
            pd.DataFrame(
                {
                    "uscc": rows["uscc"].to_numpy(),
                    "survey_year": y,
                    "grade": graded["grade"].to_numpy(),
                    "years_in_d": _typed(rows).to_numpy(),
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else None


def _typed(frame: pd.DataFrame) -> pd.Series:
    if "years_in_d" not in frame.columns:
        return pd.Series(0, index=frame.index, dtype="int64")
    raw = pd.to_numeric(frame["years_in_d"], errors="coerce")
    return raw.fillna(0).clip(lower=0).astype("int64")


def d_year_from_history(
    firms: pd.DataFrame, grade: pd.Series, year: int, history: pd.DataFrame
) -> pd.DataFrame:
    """``d_year`` and ``d_year_source`` of this year's ``firms`` from the survey ``history``
    (:func:`earlier_grades`): count back year by year while the firm was surveyed and in D;
    where the count reaches the years before the firm's first survey, add that first row's
    typed ``years_in_d``. Firms not in D: 0 and an empty source."""
    uscc = firms["uscc"].astype(object).where(firms["uscc"].notna(), None).to_numpy()
    hist = history[history["uscc"].notna()].drop_duplicates(["uscc", "survey_year"])
    first = hist.groupby("uscc")["survey_year"].min()
    by_year = {int(str(y)): g for y, g in hist.groupby("survey_year")}
    in_d = {y: set(g.loc[g["grade"] == "D", "uscc"]) for y, g in by_year.items()}
    seen = {y: set(g["uscc"]) for y, g in by_year.items()}
    typed_at = hist.set_index(["uscc", "survey_year"])["years_in_d"]
    own_typed = _typed(firms).to_numpy()
    is_d = grade.to_numpy() == "D"
    counts = np.zeros(len(firms), dtype="int64")
    source = np.full(len(firms), "", dtype=object)
    for k in np.flatnonzero(is_d):
        code = uscc[k]
        start = first.get(code) if code is not None else None
        if start is None:  # never surveyed before: the typed field is all there is
            counts[k], source[k] = own_typed[k], D_SOURCES["typed"]
            continue
        n, y = 0, year - 1
        while code in seen.get(y, ()) and code in in_d.get(y, ()):
            n, y = n + 1, y - 1
        if y < start:  # reached the years before its first survey
            counts[k] = n + int(typed_at.get((code, start), 0))
            source[k] = D_SOURCES["both" if counts[k] > n else "history"]
        else:
            counts[k], source[k] = n, D_SOURCES["history"]
    d = np.where(is_d, counts + 1, 0)
    return pd.DataFrame(
        {"d_year": pd.Series(d, index=grade.index), "d_year_source": source},
        index=grade.index,
    )


def _rate(schedule: float | list[float], year: np.ndarray) -> np.ndarray:
    """Price per unit for each firm's year in D (0 outside D)."""
    steps = np.atleast_1d(np.asarray(schedule, dtype="float64"))
    pick = steps[np.clip(year, 1, len(steps)) - 1]
    return np.where(year > 0, pick, 0.0)


def surcharge(
    enterprises: pd.DataFrame,
    grade: pd.Series,
    *,
    prices: PricesSettings,
    history: pd.DataFrame | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """The surcharge per firm: ``d_year``, ``d_year_source``, one column per utility of
    :data:`SURCHARGES`, and their total ``surcharge_yuan`` (元 a year). Missing use counts as
    none. ``history`` (:func:`earlier_grades`) and ``year``: the survey history the consecutive
    years in D are counted from; without it the typed ``years_in_d`` holds."""
    if history is not None and year is not None and "uscc" in enterprises.columns:
        counted = d_year_from_history(enterprises, grade, year, history)
        dy, src = counted["d_year"], counted["d_year_source"]
    else:
        dy = d_year(grade, enterprises.get("years_in_d", pd.Series(0, index=grade.index)))
        src = pd.Series(np.where(dy.to_numpy() > 0, D_SOURCES["typed"], ""), index=grade.index)
    year_in_d = dy
    out = {"d_year": year_in_d, "d_year_source": src.astype(object)}
    total = np.zeros(len(grade))
    for column, (key, use) in SURCHARGES.items():
        qty = (
            pd.to_numeric(enterprises[use], errors="coerce").fillna(0.0).to_numpy(dtype="float64")
            if use in enterprises.columns
            else np.zeros(len(grade))
        )
        part = _rate(getattr(prices, key), year_in_d.to_numpy()) * qty
        out[column] = pd.Series(part, index=grade.index)
        total += part
    out["surcharge_yuan"] = pd.Series(total, index=grade.index)
    return pd.DataFrame(out, copy=False)
