"""The yearly survey items and the certificates: R&D, high-tech, retrofits, investment, audits.

Above-scale = gross output ≥ 2 000 万元; the survey population (investment, land demand) is
revenue ≥ 1 000 万元 (the plan's 四(二)) [V]. District totals sit near the plan's 2015 targets
(番府〔2015〕84号, DOMAIN.md §6 [V]) and a little short of most of them [G]: R&D institutions at
~13 % of above-scale firms, 86 technical retrofits (target 89), 9 机器换人 (10), industrial
investment ~99 亿元 (103.09) of which ~26 亿元 technical retrofit (26.80). Each town has its own
**drive** (N(0, 0.5), seeded) that raises or lowers its firms' chances and investment [G], so
against a split proportional to the towns' industrial base some towns are ahead and some
behind (issue 14 needs both).

High-tech certificates go to the above-scale firms ranked by sector propensity, quality and
size until they make 45.5 % (2014) and 46.5 % (2015) of above-scale output (the plan's 48.5 %
in 2017 at +1 point a year [V]). Clean-production audits: about half of the above-scale firms
in the plan's priority industries and the heavy polluters, a sixth of the others [U]. Permits
are fixed on a firm's first reported emissions. years_in_d: 1–2 earlier D years for some of the
weakest firms (q < −1.5) in 2014, one more in 2015 [G].
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .tables import TOWNS

__all__ = ["TARGET_COUNTS", "survey_items"]

# (2014, 2015) counts of above-scale firms: robot retrofit, technical retrofit [G near §6 [V]]
TARGET_COUNTS = {"robot_retrofit": (5, 9), "tech_retrofit": (58, 86)}
RD_SHARE = (0.11, 0.128)  # share of above-scale firms with an R&D institution
HIGH_TECH_SHARE = (0.455, 0.465)  # of above-scale gross output
INVESTMENT_WAN = (9.2e5, 9.9e5)  # district industrial investment, 万元


def _top(score: np.ndarray, eligible: np.ndarray, year: np.ndarray, counts) -> np.ndarray:
    """True for the ``counts[i]`` eligible rows of the i-th year with the highest score."""
    out = np.zeros(len(score), dtype=bool)
    for y, k in zip((2014, 2015), counts, strict=True):
        rows = np.flatnonzero(eligible & (year == y))
        out[rows[np.argsort(-score[rows], kind="stable")[:k]]] = True
    return out


def _high_tech(score: np.ndarray, go: np.ndarray, above: np.ndarray, year: np.ndarray):
    out = np.zeros(len(score), dtype=bool)
    for y, share in zip((2014, 2015), HIGH_TECH_SHARE, strict=True):
        rows = np.flatnonzero(above & (year == y))
        order = rows[np.argsort(-score[rows], kind="stable")]
        cum = np.cumsum(go[order]) / go[rows].sum()
        out[order[: int(np.searchsorted(cum, share)) + 1]] = True
    return out


def _investment(rng, rows: pd.DataFrame, drive: np.ndarray, surveyed: np.ndarray):
    """Industrial and technical-retrofit investment of the surveyed firms (万元)."""
    n = len(rows)
    year = rows["survey_year"].to_numpy()
    p = 1 / (1 + np.exp(-(np.log(0.45 / 0.55) + drive)))
    size = rows["gross_output"].to_numpy() * np.exp(
        np.log(0.09) + 0.5 * drive + rng.normal(0, 0.7, n)
    )
    invest = np.where(surveyed & (rng.random(n) < p), size, 0.0)
    for y, total in zip((2014, 2015), INVESTMENT_WAN, strict=True):
        invest[year == y] *= total / invest[year == y].sum()  # scaled to the district total
    tri = np.where(rng.random(n) < 0.7, invest * rng.uniform(0.25, 0.55, n), 0.0)
    return (
        np.where(surveyed, np.round(invest, 1), np.nan),
        np.where(surveyed, np.round(tri, 1), np.nan),
    )


def _permits(rows: pd.DataFrame, firms: pd.DataFrame, i: np.ndarray) -> np.ndarray:
    emis = rows[["cod_t", "nh3n_t", "so2_t", "nox_t"]].sum(axis=1).to_numpy()
    first = pd.Series(emis).groupby(i).transform("first").to_numpy()
    factor = firms["permit_factor"].to_numpy()[i]
    return np.where(firms["permit"].to_numpy()[i], np.round(first * factor, 3), np.nan)


def _flags(rng, rows: pd.DataFrame, firms: pd.DataFrame, i, drive, above) -> dict:
    n = len(rows)
    year = rows["survey_year"].to_numpy()
    q = firms["q"].to_numpy()[i]
    u = rng.random(len(firms))[i]  # per firm, the same in both years
    base = q + drive + rng.normal(0, 0.8, len(firms))[i]
    rd_counts = [
        round(s * (above & (year == y)).sum()) for y, s in zip((2014, 2015), RD_SHARE, strict=True)
    ]
    rd_inst = _top(base, above, year, rd_counts) | (~above & (u < 0.02))
    ht_score = (
        np.log(firms["hitech"].to_numpy()[i])
        + 0.8 * q
        + 0.3 * np.log(rows["gross_output"].to_numpy())
    )
    ht_score += rng.normal(0, 0.8, len(firms))[i]
    high_tech = _high_tech(ht_score, rows["gross_output"].to_numpy(), above, year)
    high_tech |= ~above & (u > 0.985)
    retro = 0.5 * q + drive + rng.normal(0, 1.0, n)
    audit_p = np.where(firms["audit"].to_numpy()[i], 0.5, 0.16) * np.where(above, 1.0, 0.08)
    audit_p *= np.exp(0.5 * drive) * np.where(year == 2014, 0.7, 1.0)
    return {
        "rd_institution": rd_inst,
        "high_tech": high_tech,
        "robot_retrofit": _top(retro, above, year, TARGET_COUNTS["robot_retrofit"]),
        "tech_retrofit": _top(retro + 0.3, above, year, TARGET_COUNTS["tech_retrofit"]),
        "clean_production_audit": rng.random(len(firms))[i] < audit_p,
    }


def survey_items(rng: np.random.Generator, rows: pd.DataFrame, firms: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with above_scale, R&D, certificates, retrofits, investment, permits, D years."""
    i = rows["idx"].to_numpy()
    year = rows["survey_year"].to_numpy()
    town_drive = dict(zip([t.name for t in TOWNS], rng.normal(0, 0.5, len(TOWNS)), strict=True))
    drive = firms["town"].map(town_drive).to_numpy(float)[i]
    go = rows["gross_output"].to_numpy()
    above = go >= 2000
    surveyed = rows["revenue"].to_numpy() >= 1000
    rd = np.round(rows["revenue"].to_numpy() * firms["rd_share"].to_numpy()[i], 2)
    invest, tri = _investment(rng, rows, drive, surveyed)
    demand = np.round(np.exp(rng.normal(np.log(8000), 0.7, len(firms))), -2)[i]
    weak = firms["q"].to_numpy()[i] < -1.5
    d_years = np.where(weak, rng.choice([0, 1, 2], size=len(firms), p=[0.5, 0.35, 0.15])[i], 0)
    return rows.assign(
        drive=drive,  # the town's drive, for the later years (not a layer column)
        above_scale=above,
        rd_spend=np.where(above | (rd > 0), rd, np.nan),
        permitted_emissions_t=_permits(rows, firms, i),
        **_flags(rng, rows, firms, i, drive, above),
        industrial_investment=invest,
        tech_retrofit_investment=tri,
        land_demand_m2=np.where(surveyed & (rng.random(len(firms))[i] < 0.06), demand, np.nan),
        years_in_d=np.where((year == 2015) & (d_years > 0), d_years + 1, d_years).astype(int),
    )
