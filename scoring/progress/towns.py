"""Each target indicator's actual against its target, per town and the district, 2015–2017,
and the towns' ranking of every year with its change.

Built on :func:`scoring.targets.completion.evaluate_year` (one report per target year, so the
figures are those of the targets page): per town, year and indicator the target, the actual,
the completion (actual / target, %), the town's rank that year (competition ranking on the
overall completion: ties share the best rank, 1, 1, 3 …) and its change from the year before
(positive = moved up). The indicator ``overall`` carries the overall completion. The district
(:data:`DISTRICT`) has the plan's district figures as targets and its own actual; it is not
ranked. A year without a survey has targets and no actual, completion or rank (never zeros).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from config.settings import TargetsSettings
from scoring.targets.completion import evaluate_year
from scoring.targets.split import INDICATORS, KEYS, plan_district, target_years, town_actuals

__all__ = [
    "DISTRICT",
    "OVERALL",
    "PROGRESS_COLUMNS",
    "indicator_label",
    "ranking_wide",
    "town_progress",
]

DISTRICT = "全区"
OVERALL = "overall"
PROGRESS_COLUMNS: tuple[str, ...] = (
    "town", "year", "indicator", "target", "actual", "completion", "rank", "rank_change",
)  # fmt: skip


def indicator_label(key: str, lang: str = "zh") -> str:
    """The Chinese (or English) name of a target indicator, or of ``overall``."""
    if key == OVERALL:
        return "综合完成率" if lang == "zh" else "Overall completion"
    label = INDICATORS[key].label
    return label[0] if lang == "zh" else label[1]


def _district_actual(
    firms: pd.DataFrame, year: int, config: TargetsSettings, town_actual: pd.DataFrame
) -> pd.Series:
    """The district's actual per indicator: shares over all its firms, sums of the towns'."""
    whole = firms.assign(town=DISTRICT)
    shares = town_actuals(whole, year=year, towns=[DISTRICT], config=config).iloc[0]
    out = pd.Series(np.nan, index=list(KEYS), dtype=float)
    for key in KEYS:
        if INDICATORS[key].kind == "share":
            out[key] = shares[key]
        else:  # the towns' actuals (so a projects-based retrofit actual is the same here)
            out[key] = float(town_actual[key].sum(min_count=1))
    return out


def town_progress(
    firms: pd.DataFrame,
    split: pd.DataFrame,
    *,
    towns: Sequence[str],
    config: TargetsSettings,
    projects: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per town (then the district), target year and indicator (then ``overall``):
    :data:`PROGRESS_COLUMNS`."""
    district, _weights = plan_district(firms, towns=towns, config=config)
    parts: list[pd.DataFrame] = []
    previous: pd.Series | None = None
    for year in target_years(config):
        report = evaluate_year(
            firms, split, year=year, towns=towns, config=config, projects=projects
        )
        table = report.table
        rank = table["rank"].astype("Int64")
        change = (previous - rank) if previous is not None else pd.Series(pd.NA, index=rank.index)
        change = change.astype("Int64")
        for key in (*KEYS, OVERALL):
            is_overall = key == OVERALL
            parts.append(
                pd.DataFrame(
                    {
                        "town": table.index.astype(str),
                        "year": year,
                        "indicator": key,
                        "target": np.nan if is_overall else table[f"{key}_target"].to_numpy(),
                        "actual": np.nan if is_overall else table[f"{key}_actual"].to_numpy(),
                        "completion": table[
                            "completion" if is_overall else f"{key}_completion"
                        ].to_numpy(dtype=float),
                        "rank": rank.to_numpy(),
                        "rank_change": change.to_numpy(),
                    }
                )
            )
        figures = district.loc[year]
        assert isinstance(figures, pd.Series)
        parts.append(_district_rows(firms, year, config, figures, report))
        previous = rank
    out = pd.concat(parts, ignore_index=True)
    out["rank"] = out["rank"].astype("Int64")
    out["rank_change"] = out["rank_change"].astype("Int64")
    return out.loc[:, list(PROGRESS_COLUMNS)]


def _district_rows(firms, year: int, config: TargetsSettings, figures: pd.Series, report):
    target = figures.reindex(list(KEYS)).astype(float)
    if report.has_survey:
        actual = _district_actual(firms, year, config, report.actuals)
    else:
        actual = pd.Series(np.nan, index=list(KEYS), dtype=float)
    completion = actual / target.where(target > 0) * 100.0
    capped = completion.clip(upper=config.cap * 100.0)
    overall = float(capped.mean()) if capped.notna().any() else np.nan
    return pd.DataFrame(
        {
            "town": DISTRICT,
            "year": year,
            "indicator": [*KEYS, OVERALL],
            "target": [*target.to_numpy(), np.nan],
            "actual": [*actual.to_numpy(), np.nan],
            "completion": [*completion.to_numpy(), overall],
            "rank": pd.array([pd.NA] * (len(KEYS) + 1), dtype="Int64"),
            "rank_change": pd.array([pd.NA] * (len(KEYS) + 1), dtype="Int64"),
        }
    )


def ranking_wide(progress: pd.DataFrame) -> pd.DataFrame:
    """The towns' ranking of every year side by side: per year the overall completion, the
    rank and its change (columns ``completion_<y>``, ``rank_<y>``, ``rank_change_<y>``),
    sorted by the latest year's rank."""
    rows = progress[(progress["indicator"] == OVERALL) & (progress["town"] != DISTRICT)]
    years = sorted(int(y) for y in rows["year"].unique())
    out = pd.DataFrame(index=pd.Index(pd.unique(rows["town"]), name="town"))
    for y in years:
        one = rows[rows["year"] == y].set_index("town")
        out[f"completion_{y}"] = one["completion"]
        out[f"rank_{y}"] = one["rank"].astype("Int64")
        out[f"rank_change_{y}"] = one["rank_change"].astype("Int64")
    if years:
        out = out.sort_values(f"rank_{years[-1]}", na_position="last", kind="stable")
    return out.reset_index()
