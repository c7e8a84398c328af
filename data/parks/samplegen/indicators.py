"""Each firm's 2014 indicators, drawn from its industry's distributions (vectorised).

Every indicator is lognormal around the industry median × the tier multiplier (``firms.TIERS``),
moved by the firm's latent quality q (loadings below) and its age, plus its own noise [U]. The
loadings are moderate, so a weak firm tends to be weak on several counts without a planted
group: labour productivity, value-added rate, tax, land and plot ratio improve with q; energy,
water, COD and solid waste per unit of output fall with q; older firms use more land per
worker, build lower and burn more energy.

* gross output per worker: sector.gopw × tier, q 0.30, noise 0.20 (both × sector.spread);
* value-added rate: sector.va, q 0.20, noise 0.20 (both × sector.spread; no clipping);
* tax / value added: sector.tax × tier, q 0.15, noise 0.25;
* plot ratio: sector.plot × tier, q 0.10, −1.2 % per year of age, noise 0.22 (missing for 5 %);
* energy per output: sector.epv × sector.va × tier, q −0.20, +1 % per year of age, noise 0.35;
  ×1.25 for firms burning fuel on site; fuel (one kind, 5–85 % of energy) for sector.fuel_p
  of the firms (a third more among weak firms); forklift diesel for a quarter;
* water per output: sector.wpv × sector.va, q −0.20, noise 0.40; the wastewater share is
  sector.ww on the logit scale with noise 1.0 (some firms recycle, some discharge it all); COD
  and NH₃-N concentrations sector.cod (q −0.20, noise 0.30) and sector.nh3 (noise 0.30);
  SO₂ and NOx from the fuels' emission factors;
* solid waste per output: sector.swg, q −0.10, noise 0.50;
* permits for 90 % of the polluting classes, 55 % of fuel burners, 22 % of the others; 4 % of
  permits lie below the firm's emissions (排污过量 by permit) [G].
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .firms import TIERS
from .sectors import SECTOR_BY_KEY, is_polluting
from .tables import COAL, GAS

__all__ = ["draw_indicators"]


def _col(firms: pd.DataFrame, attr: str) -> np.ndarray:
    """An attribute of each firm's sector."""
    return np.array([getattr(SECTOR_BY_KEY[s], attr) for s in firms["sector"]], dtype=float)


def _tier(firms: pd.DataFrame, attr: str) -> np.ndarray:
    return np.array([getattr(TIERS[t], attr) for t in firms["tier"]], dtype=float)


def _fuels(rng: np.random.Generator, firms: pd.DataFrame, q: np.ndarray) -> dict[str, np.ndarray]:
    n = len(firms)
    p = _col(firms, "fuel_p") * np.where(q < -1.0, 1.35, 1.0)
    burner = rng.random(n) < np.minimum(p, 0.98)
    fuel = np.array([""] * n, dtype=object)
    sectors = firms["sector"].to_numpy()
    for i in np.flatnonzero(burner):
        kinds, weights = zip(*SECTOR_BY_KEY[str(sectors[i])].fuels, strict=True)
        w = np.asarray(weights) / sum(weights)
        fuel[i] = kinds[int(rng.choice(len(kinds), p=w))]
    weak_gas = burner & (fuel == GAS) & (q < -1.0) & (rng.random(n) < 0.4)
    fuel[weak_gas] = COAL
    frac = np.clip(_col(firms, "fuel_share") * rng.uniform(0.6, 1.4, n), 0.05, 0.85)
    return {"burner": burner, "fuel": fuel, "fuel_frac": np.where(burner, frac, 0.0)}


def _permits(rng: np.random.Generator, firms: pd.DataFrame, burner: np.ndarray) -> dict:
    n = len(firms)
    polluting = firms["industry_code"].map(is_polluting).to_numpy(bool)
    p = np.where(polluting, 0.9, np.where(burner, 0.55, 0.22))
    below = rng.random(n) < 0.04
    factor = np.where(below, rng.uniform(0.7, 0.95, n), rng.uniform(1.15, 2.2, n))
    return {"permit": rng.random(n) < p, "permit_factor": factor}


def draw_indicators(rng: np.random.Generator, firms: pd.DataFrame) -> pd.DataFrame:
    """``firms`` with the latent 2014 indicators of every firm."""
    n = len(firms)
    q = firms["q"].to_numpy(float)
    age = 2014 - firms["founded_year"].to_numpy(float)
    z = rng.standard_normal((10, n))
    spread = _col(firms, "spread")
    va = _col(firms, "va") * np.exp(spread * (0.2 * q + 0.2 * z[0]))
    fuels = _fuels(rng, firms, q)
    epg = (
        _col(firms, "epv")
        * _col(firms, "va")
        * _tier(firms, "epv")
        * np.exp(-0.2 * q + 0.01 * (age - 12) + 0.35 * z[1])
        * np.where(fuels["burner"], 1.25, 1.0)
    )
    logit_ww = np.log(_col(firms, "ww") / (1 - _col(firms, "ww"))) + 0.5 * z[2]
    plot = _col(firms, "plot") * _tier(firms, "plot") * np.exp(0.1 * q - 0.012 * (age - 12))
    out = firms.assign(
        gopw=_col(firms, "gopw") * _tier(firms, "gopw") * np.exp(spread * (0.3 * q + 0.2 * z[3])),
        va_rate=va,
        tax_rate=_col(firms, "tax") * _tier(firms, "tax") * np.exp(0.15 * q + 0.25 * z[4]),
        plot=np.where(rng.random(n) < 0.05, np.nan, plot * np.exp(0.22 * z[5])),
        epg=epg,
        forklift=rng.random(n) < 0.25,
        wpg=_col(firms, "wpv") * _col(firms, "va") * np.exp(-0.2 * q + 0.4 * z[6]),
        ww_ratio=1 / (1 + np.exp(-logit_ww)),
        cod_c=_col(firms, "cod") * np.exp(-0.2 * q + 0.3 * z[7]),
        nh3_c=_col(firms, "nh3") * np.exp(0.3 * z[8]),
        swg=_col(firms, "swg") * np.exp(-0.1 * q + 0.5 * z[9]),
        hitech=_col(firms, "hitech"),
        audit=_col(firms, "audit").astype(bool),
        rd_share=np.where(rng.random(n) < 0.6, rng.uniform(0.002, 0.05, n), 0.0),
        **fuels,
        **_permits(rng, firms, fuels["burner"]),
    )
    anchor = out["anchor"].to_numpy(bool)
    out.loc[anchor, "gopw"] = out.loc[anchor, "anchor_go"] / out.loc[anchor, "emp"]
    out.loc[anchor, "va_rate"] = out.loc[anchor, "anchor_va"]
    out.loc[anchor, "plot"] = out.loc[anchor, "anchor_plot"]
    return out
