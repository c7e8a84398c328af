"""The land balance as tables for the land bureau: firms, parks, towns and 全面改造 parcels, with
the settings and the source of each default.

Excel: one workbook, sheets :data:`SHEETS` (企业 firms, 园区 parks, 镇街 towns with the district
row last, 地块 parcels, 参数 settings) and the "说明 About" sheet of :mod:`exports.tables`; one
header row of Chinese labels on every sheet. CSV: one file per table next to the target — the
target itself holds the firm rows, ``<stem>.parks.csv``, ``<stem>.towns.csv``,
``<stem>.parcels.csv`` and ``<stem>.settings.csv`` the others — each UTF-8 with BOM and its
``.provenance.json`` beside it.
Every file is written atomically and its text cells neutralised (:mod:`exports.tables`).

The firm rows are the firms in scope and the demanding firms of the scope's towns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exports.tables import Provenance, write_csv, write_xlsx
from scoring.land.balance import MET_LABELS, LandBalance
from scoring.land.labels import land_labels

__all__ = ["FIRM_COLUMNS", "SHEETS", "SOURCES", "csv_paths", "land_sheets", "write_land"]

SHEETS = {
    "firms": "企业 firms",
    "parks": "园区 parks",
    "towns": "镇街 towns",
    "parcels": "地块 parcels",
    "settings": "参数 settings",
}
FIRM_COLUMNS: tuple[str, ...] = (
    "uscc", "name", "town", "park_id", "area_id", "industry_code", "above_scale",
    "land_area_m2", "floor_area_m2", "current_plot_ratio", "plot_ratio_min",
    "target_plot_ratio", "potential_floor_m2", "land_saved_m2", "land_saved_mu", "reason",
    "in_scope", "phase_out", "parcel_id", "freed_phase_out_m2", "freed_phase_out_mu",
    "freed_plot_ratio_m2", "freed_plot_ratio_mu", "freed_m2", "freed_mu", "freed_ha",
    "tax_per_mu", "demand_m2", "demand_mu", "rank", "allocated_m2", "allocated_mu", "unmet_m2",
    "unmet_mu", "met",
)  # fmt: skip
_PARCEL_COLUMNS = ("parcel_id", "parcel_name", "town", "park_ids", "area_m2", "area_mu", "area_ha")
# setting → (where it is set, its source)
SOURCES: dict[str, tuple[str, str]] = {
    "plot_ratio_min": (
        "[plot_ratio_min]",
        "《工业项目建设用地控制指标》 minimum plot ratio by GB/T 4754 division (DOMAIN.md §2)",
    ),
    "plot_ratio_uplift": (
        "[land] plot_ratio_uplift",
        "ParkPlan's proposal (no official figure): one storey over a building covering half its "
        "lot",
    ),
    "max_plot_ratio": (
        "[land] max_plot_ratio",
        "ParkPlan's default for ordinary factories (M1/M2): a 5–6 storey plant on 50–60 % "
        "coverage; higher ratios are 新型产业用地",
    ),
    "renewal_gap_m": (
        "[land] renewal_gap_m",
        "ParkPlan's proposal: about the width of a village road with its verges",
    ),
    "min_flags": (
        "[five_excess] min_flags",
        "phase-out candidate when flag_count ≥ min_flags; no official definition of 五过 "
        "exists, ParkPlan's documented proposal (DOMAIN.md §2)",
    ),
}
_LABELS = {
    **land_labels("zh"),
    "park_name": "园区名称",
    "parcel_name": "地块名称",
    "setting": "参数 Setting",
    "value": "取值 Value",
    "where": "配置项 Config key",
    "source": "来源 Source",
}


def _firms(balance: LandBalance) -> pd.DataFrame:
    table = balance.firms
    towns = set(balance.towns["town"])
    keep = table["in_scope"].astype(bool) | (table["demand_m2"].notna() & table["town"].isin(towns))
    rows = table.loc[keep, list(FIRM_COLUMNS)].copy()
    rows["met"] = rows["met"].map(lambda m: MET_LABELS[m][0] if m in MET_LABELS else None)
    return rows.sort_values(["town", "park_id", "uscc"], na_position="last").reset_index(drop=True)


def _settings(balance: LandBalance) -> pd.DataFrame:
    params = balance.parameters
    land = params.get("land", {})
    values = {
        "plot_ratio_min": ", ".join(f"{k}={v:g}" for k, v in params["plot_ratio_min"].items()),
        "plot_ratio_uplift": land.get("plot_ratio_uplift"),
        "max_plot_ratio": land.get("max_plot_ratio"),
        "renewal_gap_m": land.get("renewal_gap_m"),
        "min_flags": params.get("min_flags"),
    }
    rows = [
        {"setting": key, "value": str(values[key]), "where": where, "source": source}
        for key, (where, source) in SOURCES.items()
    ]
    scope = params.get("scope")
    rows.append(
        {
            "setting": "scope",
            "value": scope if isinstance(scope, str) else ",".join(map(str, scope or [])),
            "where": "--scenario / --parks",
            "source": "freed: firms in these parks and 全面改造 parcels overlapping them; "
            "demand: the whole demand of their towns",
        }
    )
    rows.append({"setting": "survey_year", "value": str(balance.year), "where": "--year",
                 "source": "the latest survey year unless given"})  # fmt: skip
    return pd.DataFrame(rows, columns=["setting", "value", "where", "source"])


def land_sheets(balance: LandBalance) -> dict[str, pd.DataFrame]:
    """The tables written, by key of :data:`SHEETS` (columns still the field names)."""
    towns = pd.concat([balance.towns, balance.district], ignore_index=True)
    parcels = balance.parcels.rename(columns={"name": "parcel_name"})
    return {
        "firms": _firms(balance),
        "parks": balance.parks.rename(columns={"name": "park_name"}),
        "towns": towns,
        "parcels": parcels.loc[:, list(_PARCEL_COLUMNS)],
        "settings": _settings(balance),
    }


def csv_paths(out: Path) -> dict[str, Path]:
    """The file of each table when ``out`` is a ``.csv``: ``out`` holds the firms."""
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    paths = {key: out.with_name(f"{stem}.{key}.csv") for key in SHEETS}
    paths["firms"] = out
    return paths


def write_land(balance: LandBalance, out: Path, *, provenance: Provenance) -> list[Path]:
    """Write the land balance to ``out`` (``.xlsx`` or ``.csv``); return every file written."""
    sheets = land_sheets(balance)
    if out.suffix.lower() == ".xlsx":
        named = {SHEETS[key]: frame for key, frame in sheets.items()}
        write_xlsx(named, out, provenance=provenance, labels=_LABELS)
        return [out]
    written: list[Path] = []
    for key, path in csv_paths(out).items():
        sidecar = write_csv(sheets[key], path, provenance=provenance, labels=_LABELS)
        written += [path, sidecar]
    return written
