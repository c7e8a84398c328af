"""Park and town aggregates of a screen, and the what-if of phasing out the candidates.

Input is the ``table`` of :func:`scoring.screen.run.screen` (contract and extra columns). Plain
Python, vectorised group sums.

:func:`park_aggregates` is what the parks' upgrade route reads
(:func:`scoring.parks.pipeline.park_routes`): per park the share of D-class firms among its graded
firms (``share_d``) and the share of phase-out candidates among its firms (``share_phase_out``),
with the counts behind them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "AGGREGATE_COLUMNS",
    "WHAT_IF_COLUMNS",
    "aggregates",
    "park_aggregates",
    "town_aggregates",
    "what_if",
]

# column → (中文, English) description: the documented output of :func:`aggregates`
AGGREGATE_COLUMNS: dict[str, tuple[str, str]] = {
    "firms": ("企业数", "firms"),
    "flagged": ("有标记企业数（≥1 项）", "firms with at least one flag"),
    "phase_out": ("淘汰/搬迁候选数", "phase-out candidates"),
    "share_phase_out": ("候选占企业比", "candidates / firms"),
    "graded": ("参评企业数（A–D）", "graded firms (A–D)"),
    "grade_A": ("A 类", "class A"),
    "grade_B": ("B 类", "class B"),
    "grade_C": ("C 类", "class C"),
    "grade_D": ("D 类", "class D"),
    "grade_T": ("T 类（不参评）", "class T (not graded)"),
    "share_d": ("D 类占参评比", "D / graded firms"),
    "flag_labour": ("用工过多", "too many workers"),
    "flag_land": ("占地过大", "too much land"),
    "flag_low_va": ("附加值过低", "too little value added"),
    "flag_energy": ("耗能过高", "too much energy"),
    "flag_pollution": ("排污过量", "too much pollution"),
    "land_mu_freed": ("候选企业用地（亩）", "candidates' land (mu)"),
    "employees_affected": ("候选企业从业人员", "candidates' employees"),
    "energy_tce_freed": ("候选企业综合能耗（tce）", "candidates' energy (tce)"),
    "emissions_t_freed": ("候选企业排放（t）", "candidates' emissions (t)"),
    "surcharge_yuan": ("差别价格加价合计（元/年）", "surcharges (yuan/yr)"),
}
WHAT_IF_COLUMNS: dict[str, tuple[str, str]] = {
    "firms": ("企业数", "firms"),
    "phase_out": ("淘汰/搬迁候选数", "phase-out candidates"),
    "tax_per_mu_before": ("亩均税收（前，万元/亩）", "tax per mu before"),
    "tax_per_mu_after": ("亩均税收（后，万元/亩）", "tax per mu after"),
    "va_per_mu_before": ("亩均增加值（前，万元/亩）", "value added per mu before"),
    "va_per_mu_after": ("亩均增加值（后，万元/亩）", "value added per mu after"),
    "energy_per_va_before": ("单位增加值能耗（前，tce/万元）", "energy per value added before"),
    "energy_per_va_after": ("单位增加值能耗（后，tce/万元）", "energy per value added after"),
    "land_freed_mu": ("可腾出用地（亩）", "land freed (mu)"),
}


def _keys(table: pd.DataFrame, by: str | None) -> pd.Series:
    if by is None:
        return pd.Series("全区", index=table.index, name="district")
    return table[by]


def aggregates(table: pd.DataFrame, *, by: str | None) -> pd.DataFrame:
    """The columns of :data:`AGGREGATE_COLUMNS` per value of ``by`` (``"park_id"``,
    ``"town"``, or ``None`` for the whole district). Firms with no ``by`` value are left out."""
    out = table["phase_out"].to_numpy(dtype=bool)
    grade = table["grade"].astype("string")
    parts: dict[str, pd.Series | np.ndarray] = {
        "firms": np.ones(len(table), dtype=np.int64),
        "flagged": (table["flag_count"] >= 1).to_numpy(dtype=np.int64),
        "phase_out": out.astype(np.int64),
        **{f"grade_{g}": (grade == g).fillna(False).to_numpy(dtype=np.int64) for g in "ABCDT"},
        **{
            c: table[c].to_numpy(dtype=np.int64) for c in AGGREGATE_COLUMNS if c.startswith("flag_")
        },
        "land_mu_freed": np.where(out, table["land_mu"].fillna(0), 0.0),
        "employees_affected": np.where(out, table["employees"].fillna(0), 0.0),
        "energy_tce_freed": np.where(out, table["energy_tce"].fillna(0), 0.0),
        "emissions_t_freed": np.where(out, table["emissions_t"].fillna(0), 0.0),
        "surcharge_yuan": table["surcharge_yuan"].fillna(0).to_numpy(),
    }
    frame = pd.DataFrame({k: np.asarray(v) for k, v in parts.items()}, index=table.index)
    sums = frame.groupby(_keys(table, by), sort=True).sum()
    sums["graded"] = sums[[f"grade_{g}" for g in "ABCD"]].sum(axis=1)
    sums["share_phase_out"] = sums["phase_out"] / sums["firms"]
    sums["share_d"] = (sums["grade_D"] / sums["graded"]).where(sums["graded"] > 0)
    return sums.loc[:, list(AGGREGATE_COLUMNS)]


def park_aggregates(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`aggregates` by ``park_id`` (index): what the retrofit upgrade route reads.

    Columns (:data:`AGGREGATE_COLUMNS`): firms, flagged, phase_out, share_phase_out (phase-out
    candidates / firms), graded, grade_A … grade_T, share_d (D / graded, NaN when none is
    graded), the count of each flag, the land (亩), employees, energy (tce) and emissions (t) of
    the candidates, and the total D-class surcharge (元/年). Firms outside every park are left
    out.
    """
    return aggregates(table, by="park_id")


def town_aggregates(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`aggregates` by ``town`` (index)."""
    return aggregates(table, by="town")


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    return (num / den).where(den > 0)


def what_if(table: pd.DataFrame, *, by: str | None = "park_id") -> pd.DataFrame:
    """Per park (or town, or the district with ``by=None``): 亩均 figures before and after the
    phase-out of its candidates, and the land it frees (:data:`WHAT_IF_COLUMNS`).

    Ratios are of sums (Σ tax / Σ 亩 …) over the firms where both inputs are known; "after"
    keeps the firms that are not candidates. A group left with no land (or no value added)
    has no "after" figure.
    """
    out = table["phase_out"].to_numpy(dtype=bool)
    mu = table["land_mu"]
    tax, va, energy = table["tax"], table["value_added"], table["energy_tce"]
    both_mu = mu.notna() & (mu > 0)
    parts = {
        "firms": np.ones(len(table), dtype=np.int64),
        "phase_out": out.astype(np.int64),
        "land_freed_mu": np.where(out, mu.fillna(0), 0.0),
    }
    for name, num, den, ok in (
        ("tax_mu", tax, mu, both_mu & tax.notna()),
        ("va_mu", va, mu, both_mu & va.notna()),
        ("en_va", energy, va, energy.notna() & va.notna()),
    ):
        parts[f"{name}_num"] = np.where(ok, num, 0.0)
        parts[f"{name}_den"] = np.where(ok, den, 0.0)
        parts[f"{name}_num_after"] = np.where(ok & ~out, num, 0.0)
        parts[f"{name}_den_after"] = np.where(ok & ~out, den, 0.0)
    s = pd.DataFrame(parts, index=table.index).groupby(_keys(table, by), sort=True).sum()
    result = pd.DataFrame(index=s.index)
    result["firms"], result["phase_out"] = s["firms"], s["phase_out"]
    for name, column in (
        ("tax_mu", "tax_per_mu"),
        ("va_mu", "va_per_mu"),
        ("en_va", "energy_per_va"),
    ):
        result[f"{column}_before"] = _ratio(s[f"{name}_num"], s[f"{name}_den"])
        result[f"{column}_after"] = _ratio(s[f"{name}_num_after"], s[f"{name}_den_after"])
    result["land_freed_mu"] = s["land_freed_mu"]
    return result.loc[:, list(WHAT_IF_COLUMNS)]
