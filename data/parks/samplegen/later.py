"""The plan's later survey years, 2016 and 2017: who stays, who leaves, who comes, how they grow.

Built on the 2014–2015 rows (which stay exactly as they were) with their own stream [G]:

- **Leavers**: each year ~3 % of firms close, weak firms more often (as in 2015); the phase-out
  candidates of the 2015 screen (≥ 3 of the five flags) close at three times that rate, and
  10 % of the candidates in parks (0.4 % of the other park firms) **relocate** out of their
  village park to formal industrial land: same USCC, a site beside a firm outside the parks,
  less land per worker (× 0.6), a higher plot ratio and 15 % less energy per output.
- **Entrants**: ~4.5 % a year, each a copy of a present firm of the same industry (a new USCC,
  issued after 2015 so "MA…", quality of its model ± 0.5), 60 % on a site a leaver vacated,
  the others beside a firm outside the parks; new firms start smaller (× 0.7 employees).
- **Growth** per year, on top of each firm's 2015 state: value added −0.5 % (2016) and +2.3 %
  (2017) per firm with noise, +3 % per unit of q (with entries, exits and the larger firms'
  growth the district's value added grows by about the plan's +8 % [V]); 20 % of the 2015
  phase-out candidates improve in 2016 (value added × 1.25, energy × 0.85). Auto (division
  36) value added × 1.55 in 2016 at a value-added rate × 0.84 (bought-in parts), so its output
  nearly doubles (auto 18.6 % of above-scale output in 2016 [V], DOMAIN.md §8); +6 % in 2017.
- **Projects**: a firm with a project in the library (drawn from the 2014–2015 firms before the
  later years) neither closes nor moves, so no project belongs to a firm that has gone.
- **Survey items** (``later_survey``) follow the firm: R&D institutions and high-tech
  certificates mostly persist, and 0.5 % of the small firms a year are newly certified
  (39 new high-tech enterprises over 2015–2017 [V], §6; the share of above-scale output
  reaches 47.5 % in 2016 and 48.5 % in 2017 [V], §6); clean-production audits accumulate
  (done stays done) toward the plan's every above-scale firm by 2017, a little short;
  technical retrofits (95, 100) and 机器换人 (12, 14) each year go to other firms mostly, so
  the firms that have done one accumulate; investment grows at the plan's +8 % / +7 % and
  retrofit investment +22 % / +20 % (§6), a little short. ``years_in_d`` is 0: the survey
  history tells the consecutive D years.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from .identity import _firm_name, _uscc
from .screen import five_flags
from .years import year_rows

__all__ = ["LATER_YEARS", "later_firm_years", "later_survey"]

LATER_YEARS = (2016, 2017)
EXIT_BASE = 0.03
CANDIDATE_EXIT = 3.0  # phase-out candidates close this many times as often
RELOCATE = (0.10, 0.004)  # candidates in parks, other park firms
ENTRY = 0.045
VA_STEP = {2016: 0.995, 2017: 1.023}
AUTO_STEP = {2016: 1.55, 2017: 1.06}
AUTO_RATE = {2016: 0.84, 2017: 1.0}
COUNTS = {"tech_retrofit": (95, 100), "robot_retrofit": (12, 14)}
RD_SHARE = (0.136, 0.142)
HIGH_TECH_SHARE = (0.475, 0.485)
INVESTMENT_WAN = (1.07e6, 1.145e6)  # 103.09 × 1.08 and × 1.07 [V], a little short [G]
RETROFIT_WAN = (3.2e5, 3.8e5)  # 26.80 × 1.22 and × 1.20 [V]
AUDIT_SHARE = (0.42, 0.86)  # cumulative, of above-scale firms (100 % by 2017 [V])


def _candidates(rows: pd.DataFrame, firms: pd.DataFrame) -> np.ndarray:
    """Bool over ``firms``: a phase-out candidate (≥ 3 flags) of the 2015 screen."""
    y15 = rows[rows["survey_year"] == 2015].reset_index(drop=True)
    y15 = y15.assign(industry_code=firms["industry_code"].to_numpy()[y15["idx"].to_numpy()])
    flags = five_flags(y15).sum(axis=1).to_numpy()
    out = np.zeros(len(firms), dtype=bool)
    out[y15["idx"].to_numpy()[flags >= 3]] = True
    return out


def _beside(rng, firms: pd.DataFrame, outside: np.ndarray, block, n: int) -> np.ndarray:
    """``n`` sites 30–80 m from a random firm outside the parks, not in a park (n × 2)."""
    pool = np.flatnonzero(outside)
    out: list[tuple[float, float]] = []
    while len(out) < n:
        k = pool[rng.integers(len(pool), size=2 * n + 4)]
        r, ang = rng.uniform(30, 80, len(k)), rng.uniform(0, 2 * np.pi, len(k))
        x = firms["x"].to_numpy()[k] + r * np.cos(ang)
        y = firms["y"].to_numpy()[k] + r * np.sin(ang)
        ok = ~shapely.contains_xy(block, x, y)
        out.extend(zip(x[ok].tolist(), y[ok].tolist(), strict=True))
    return np.array(out[:n]).reshape(n, 2)


def _step(rng, firms: pd.DataFrame, year: int, cand: np.ndarray) -> dict[str, np.ndarray]:
    n = len(firms)
    q = firms["q"].to_numpy()
    auto = firms["industry_code"].str[:2].to_numpy() == "36"
    base = np.log(np.where(auto, AUTO_STEP[year], VA_STEP[year]))
    improve = cand & (rng.random(n) < 0.2) & (year == 2016)
    va = np.exp(base + 0.03 * q + rng.normal(0, 0.08, n)) * np.where(improve, 1.25, 1.0)
    return {
        "va": va,
        "emp": np.exp(rng.normal(0.0, 0.05, n)) * np.where(auto & (year == 2016), 1.3, 1.0),
        "va_rate": np.exp(rng.normal(0.0, 0.03, n)) * np.where(auto, AUTO_RATE[year], 1.0),
        "energy": np.exp(rng.normal(np.log(0.97), 0.05, n)) * np.where(improve, 0.85, 1.0),
        "water": np.exp(rng.normal(np.log(0.98), 0.05, n)),
        "land": np.where(rng.random(n) < 0.03, rng.uniform(1.1, 1.3, n), 1.0),
    }


def _clone(firms: pd.DataFrame, k: np.ndarray, **changes) -> pd.DataFrame:
    new = firms.iloc[k].copy().reset_index(drop=True)
    return new.assign(**changes)


def later_firm_years(
    rng: np.random.Generator,
    firms: pd.DataFrame,
    rows: pd.DataFrame,
    g15: dict[str, np.ndarray],
    park_block,
    *,
    keep: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``firms`` with the relocated and new firms appended (``moved_from``: the idx a relocated
    firm left; ``town`` missing for the appended ones), and the 2016–2017 rows. Firms whose
    USCC is in ``keep`` (those with a retrofit project) neither close nor move."""
    firms = firms.assign(moved_from=-1, cand15=_candidates(rows, firms))
    shapely.prepare(park_block)
    in_park = shapely.contains_xy(park_block, firms["x"].to_numpy(), firms["y"].to_numpy())
    firms = firms.assign(in_park=in_park)
    alive = np.zeros(len(firms), dtype=bool)
    alive[rows.loc[rows["survey_year"] == 2015, "idx"].to_numpy()] = True
    g = {k: np.where(firms["founded_year"].to_numpy() == 2015, 1.0, v) for k, v in g15.items()}
    used_names, used_codes = set(firms["name"]), set(firms["uscc"])
    out = []
    for year in LATER_YEARS:
        n = len(firms)
        q = firms["q"].to_numpy()
        cand = firms["cand15"].to_numpy(bool)
        anchor = firms["anchor"].to_numpy(bool)
        stays = anchor | firms["uscc"].isin(keep).to_numpy()
        p_exit = np.minimum(0.3, EXIT_BASE * np.exp(-0.7 * q)) * np.where(cand, CANDIDATE_EXIT, 1)
        leave = alive & ~stays & (rng.random(n) < np.minimum(p_exit, 0.45))
        p_move = np.where(cand, RELOCATE[0], RELOCATE[1])
        move = alive & ~leave & ~stays & firms["in_park"].to_numpy() & (rng.random(n) < p_move)
        vacated = firms[["x", "y"]].to_numpy()[leave | move]
        outside = alive & ~firms["in_park"].to_numpy() & ~anchor
        # relocated firms: the same firm on formal land
        km = np.flatnonzero(move)
        xy = _beside(rng, firms, outside, park_block, len(km))
        moved = _clone(
            firms, km, x=xy[:, 0], y=xy[:, 1], moved_from=km, in_park=False, town=None,
            m2w=firms["m2w"].to_numpy()[km] * 0.6, epg=firms["epg"].to_numpy()[km] * 0.85,
            plot=np.minimum(firms["plot"].to_numpy()[km] * 1.4, 4.0),
        )  # fmt: skip
        # entrants: a copy of a present firm with a new identity and site
        donors = np.flatnonzero(alive & ~leave & ~move & ~anchor)
        ke = donors[rng.integers(len(donors), size=round(ENTRY * alive.sum()))]
        reuse = rng.random(len(ke)) < 0.6
        sites = np.empty((len(ke), 2))
        pick = rng.permutation(len(vacated))[: int(reuse.sum())]
        reuse[np.flatnonzero(reuse)[len(pick) :]] = False
        sites[reuse] = vacated[pick]
        sites[~reuse] = _beside(rng, firms, outside, park_block, int((~reuse).sum()))
        names, codes = [], []
        for s, c, t in zip(
            firms["sector"].to_numpy()[ke], firms["industry_code"].to_numpy()[ke],
            firms["tier"].to_numpy()[ke], strict=True,
        ):  # fmt: skip
            names.append(_firm_name(rng, s, c, t == "large", used_names))
            code = _uscc(rng, new=True)
            while code in used_codes:
                code = _uscc(rng, new=True)
            used_codes.add(code)
            codes.append(code)
        m = len(ke)
        entrants = _clone(
            firms, ke, x=sites[:, 0], y=sites[:, 1], name=names, uscc=codes, town=None,
            founded_year=year, cand15=False, in_park=reuse,
            q=q[ke] + rng.normal(0, 0.5, m), emp=firms["emp"].to_numpy()[ke] * 0.7
            * np.exp(rng.normal(0, 0.3, m)), gopw=firms["gopw"].to_numpy()[ke]
            * np.exp(rng.normal(0, 0.15, m)), epg=firms["epg"].to_numpy()[ke]
            * np.exp(rng.normal(0, 0.2, m)),
        )  # fmt: skip
        step = _step(rng, firms, year, cand)
        g = {k: v * step[k] for k, v in g.items()}
        alive = alive & ~leave & ~move
        g = {k: np.concatenate([v, v[km], np.ones(m)]) for k, v in g.items()}
        alive = np.concatenate([alive, np.ones(len(km) + m, dtype=bool)])
        new = np.concatenate([np.zeros(n + len(km), dtype=bool), np.ones(m, dtype=bool)])
        firms = pd.concat([firms, moved, entrants], ignore_index=True)
        out.append(year_rows(rng, firms.assign(entry=new, exit=~alive), year, g))
    return firms, pd.concat(out, ignore_index=True)


def _top(score: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    return rows[np.argsort(-score[rows], kind="stable")[:k]]


def later_survey(
    rng: np.random.Generator, rows: pd.DataFrame, firms: pd.DataFrame, earlier: pd.DataFrame
) -> pd.DataFrame:
    """The survey items of the later ``rows`` (``earlier``: the 2014–2015 rows with theirs)."""
    rows = rows.copy()
    i = rows["idx"].to_numpy()
    rows["uscc"] = firms["uscc"].to_numpy()[i]
    town_drive = earlier.groupby(firms["town"].to_numpy()[earlier["idx"].to_numpy()])[
        "drive"
    ].first()
    town = firms["town"].to_numpy()[i]
    drive = pd.Series(town).map(town_drive).fillna(0.0).to_numpy()
    q = firms["q"].to_numpy()[i]
    go = rows["gross_output"].to_numpy()
    above = go >= 2000
    surveyed = rows["revenue"].to_numpy() >= 1000
    n = len(rows)
    prev = earlier
    cols = {
        k: np.zeros(n, dtype=bool)
        for k in (
            "rd_institution", "high_tech", "robot_retrofit", "tech_retrofit",
            "clean_production_audit",
        )
    }  # fmt: skip
    invest = np.full(n, np.nan)
    tri = np.full(n, np.nan)
    for yi, year in enumerate(LATER_YEARS):
        at = np.flatnonzero(rows["survey_year"].to_numpy() == year)
        last = prev[prev["survey_year"] == year - 1].set_index("uscc")
        u = pd.Series(rows["uscc"].to_numpy()[at])

        def had(col: str, last=last, u=u) -> np.ndarray:
            return u.map(last[col]).fillna(False).to_numpy(bool)

        ab = at[above[at]]
        sc = 2.5 * had("rd_institution") + q[at] + drive[at] + rng.normal(0, 0.5, len(at))
        score = np.full(n, -np.inf)
        score[at] = sc
        cols["rd_institution"][_top(score, ab, round(RD_SHARE[yi] * len(ab)))] = True
        cols["rd_institution"][at[~above[at] & had("rd_institution")]] = True
        hitech = np.log(firms["hitech"].to_numpy()[i[at]]) + 0.8 * q[at] + 0.3 * np.log(go[at])
        score[at] = 4.0 * had("high_tech") + hitech + rng.normal(0, 0.5, len(at))
        order = ab[np.argsort(-score[ab], kind="stable")]
        cum = np.cumsum(go[order]) / go[ab].sum()
        cols["high_tech"][order[: int(np.searchsorted(cum, HIGH_TECH_SHARE[yi])) + 1]] = True
        cols["high_tech"][at[~above[at] & had("high_tech")]] = True
        fresh = ~above[at] & ~had("high_tech") & (rng.random(len(at)) < 0.005)
        cols["high_tech"][at[fresh]] = True  # small firms newly certified
        retro = 0.5 * q[at] + drive[at] + rng.normal(0, 1.0, len(at))
        for col, counts in COUNTS.items():
            score[at] = retro - 1.0 * had(col) + (0.3 if col == "tech_retrofit" else 0.0)
            cols[col][_top(score, ab, counts[yi])] = True
        audited = had("clean_production_audit")
        cols["clean_production_audit"][at[audited]] = True
        firms_audit = firms["audit"].to_numpy()[i[at]]
        need = round(AUDIT_SHARE[yi] * len(ab)) - int((audited & above[at]).sum())
        score[at] = np.where(audited, -np.inf, 1.5 * firms_audit + drive[at])
        score[at] += rng.normal(0, 0.7, len(at))
        cols["clean_production_audit"][_top(score, ab, max(need, 0))] = True
        small = at[~above[at] & ~audited & (rng.random(len(at)) < 0.02)]
        cols["clean_production_audit"][small] = True
        # investment, scaled to the year's district totals
        s_at = at[surveyed[at]]
        p = 1 / (1 + np.exp(-(np.log(0.45 / 0.55) + drive[s_at])))
        size = go[s_at] * np.exp(np.log(0.09) + 0.5 * drive[s_at] + rng.normal(0, 0.7, len(s_at)))
        inv = np.where(rng.random(len(s_at)) < p, size, 0.0)
        inv *= INVESTMENT_WAN[yi] / inv.sum()
        tr = np.where(rng.random(len(s_at)) < 0.7, inv * rng.uniform(0.25, 0.55, len(s_at)), 0.0)
        tr *= RETROFIT_WAN[yi] / tr.sum()
        invest[s_at], tri[s_at] = np.round(inv, 1), np.round(np.minimum(tr, inv), 1)
        prev = pd.concat(
            [prev, rows.iloc[at].assign(**{k: v[at] for k, v in cols.items()})],
            ignore_index=True,
        )
    # permits stay with the firm; a new firm's is fixed on its first report
    permit_of = earlier.drop_duplicates("uscc").set_index("uscc")["permitted_emissions_t"]
    emis = rows[["cod_t", "nh3n_t", "so2_t", "nox_t"]].sum(axis=1).to_numpy()
    first = pd.Series(emis).groupby(rows["uscc"].to_numpy()).transform("first").to_numpy()
    factor = firms["permit_factor"].to_numpy()[i]
    own = np.where(firms["permit"].to_numpy()[i], np.round(first * factor, 3), np.nan)
    known = rows["uscc"].isin(permit_of.index).to_numpy()
    permit = np.where(known, rows["uscc"].map(permit_of).to_numpy(float), own)
    rd = np.round(rows["revenue"].to_numpy() * firms["rd_share"].to_numpy()[i], 2)
    demand = np.round(np.exp(rng.normal(np.log(8000), 0.7, n)), -2)
    return rows.drop(columns="uscc").assign(
        drive=drive,
        above_scale=above,
        rd_spend=np.where(above | (rd > 0), rd, np.nan),
        permitted_emissions_t=permit,
        **cols,
        industrial_investment=np.where(surveyed, invest, np.nan),
        tech_retrofit_investment=np.where(surveyed, tri, np.nan),
        land_demand_m2=np.where(surveyed & (rng.random(n) < 0.06), demand, np.nan),
        years_in_d=0,
    )
