"""Where the sample stands against the published figures: measured from the layers as written.

``write_calibration`` writes ``CALIBRATION.md``: each figure, the sample's value, the ratio to
the published value (where there is one number), the range the sample must hold, the source
and how sure it is ([V] published, [U] estimate, [G] generator choice). Everything is measured
on the output layers (EPSG:4326 frames, areas in EPSG:4547), never taken from parameters.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import shapely

from .common import AREA_CRS, MU_M2
from .later import LATER_YEARS
from .parcels import SANJIU_BUILT_BY
from .picks import default_picks
from .screen import energy_tce, five_flags
from .sectors import is_polluting

__all__ = ["Figure", "measure", "write_calibration"]

log = logging.getLogger(__name__)
SURVEY_YEARS = (2014, 2015, *LATER_YEARS)
MIN_WAGE_WAN = 1895 * 12 / 1e4  # Guangzhou minimum wage from May 2015, 万元 a year [V]
PV_KWH_PER_M2 = 0.6 * 0.20 * 0.8  # usable × module × performance (DOMAIN.md §3)


@dataclass(frozen=True)
class Figure:
    """One published figure and where the sample stands."""

    what: str
    sample: float | str
    published: float | str
    low: float | None
    high: float | None
    source: str
    pct: bool = False  # shown as a percentage

    @property
    def bounded(self) -> bool:
        return self.low is not None or self.high is not None

    @property
    def ok(self) -> bool:
        if not self.bounded or isinstance(self.sample, str):
            return True
        low = -np.inf if self.low is None else self.low
        return bool(low <= self.sample <= (np.inf if self.high is None else self.high))


def _pct(what: str, sample, published, low, high, source: str) -> Figure:
    return Figure(what, sample, published, low, high, source, pct=True)


@dataclass
class _Data:
    """The layers as the measures need them."""

    firms: pd.DataFrame  # enterprises without geometry
    parks: gpd.GeoDataFrame  # EPSG:4547, with firm sums and gate
    layers: dict[str, gpd.GeoDataFrame]
    gpkg: Path  # the GeoPackage as written, its rasters beside it

    def year(self, y: int) -> pd.DataFrame:
        return self.firms[self.firms["survey_year"] == y]


def _park_table(layers: dict[str, gpd.GeoDataFrame], firms: pd.DataFrame, irr: Path):
    parks = layers["parks"].to_crs(AREA_CRS)
    y15 = firms[firms["survey_year"] == 2015]
    sums = y15.groupby("park_id").agg(
        n=("uscc", "size"),
        kwh=("electricity_kwh", "sum"),
        water=("water_m3", "sum"),
        ww=("wastewater_t", "sum"),
        cod=("cod_t", "sum"),
        polluting=("industry_code", lambda c: c.map(is_polluting).mean()),
        go=("gross_output", "sum"),
        tax=("tax", "sum"),
    )
    parks = parks.join(sums, on="park_id")
    demolition = layers["parcels"].to_crs(AREA_CRS)
    demolition = demolition[demolition["redevelopment_mode"] == "全面改造"].union_all()
    share = shapely.area(shapely.intersection(parks.geometry.values, demolition)) / parks.area
    parks["eligible"] = (
        (parks.area >= 1e5) & (parks["n"] >= 10) & parks["in_industrial_block"] & (share <= 0.5)
    )
    roof = parks["roof_area_m2"].fillna(parks["building_coverage"] * parks.area)
    with rasterio.open(irr) as src:
        pts = parks.geometry.representative_point().to_crs(src.crs)
        irradiance = np.array([v[0] for v in src.sample(list(zip(pts.x, pts.y, strict=True)))])
    parks["pv_share"] = np.minimum(roof * irradiance * PV_KWH_PER_M2, parks["kwh"]) / parks["kwh"]
    return parks


def _money(d: _Data) -> list[Figure]:
    y15, y14 = d.year(2015), d.year(2014)
    above = y15[y15["above_scale"]]
    in_park = y15["park_id"].notna()
    mu = y15["land_area_m2"] / MU_M2
    low_wage = ((y15["value_added"] - y15["tax"]) / y15["employees"]) < MIN_WAGE_WAN
    growth = y15["value_added"].sum() / y14["value_added"].sum() - 1
    return [
        Figure("gross output 2015, 亿元", y15["gross_output"].sum() / 1e4, 1742, 1500, 1950,
               "[V] 1 968.96 亿元 in 2016 at +13 % (DOMAIN §8)"),
        Figure("above-scale firms 2015", int(y15["above_scale"].sum()), "1 200–1 600", 1200, 1600,
               "[U] Guangzhou 4 644 firms, Panyu ≈ 10 % of output (§8)"),
        _pct("value added 2015 / 2014 − 1", growth, 0.08, 0.05, 0.11,
               "[V] plan target +8 % a year (§6)"),
        Figure("tax per 亩, firms in village parks, 万元", y15.loc[in_park, "tax"].sum()
               / mu[in_park].sum(), 5, 3.5, 7.0, "[V] village parks ≈ 5 万元/亩 (§8)"),
        Figure("tax per 亩, firms outside parks, 万元", y15.loc[~in_park, "tax"].sum()
               / mu[~in_park].sum(), "15–64", 15, 64, "[V] formal land 15–64 万元/亩 (§7–8)"),
        _pct("share of firms with (VA − tax)/worker < minimum wage", low_wage.mean(),
               "a few %", 0.01, 0.08, "[V] 1 895 元/month (2015); [U] a few % (§8)"),
        Figure("above-scale value added per worker, 万元", above["value_added"].sum()
               / above["employees"].sum(), 18.2, 14.5, 22.0, "[V] Guangdong 2013 (§8)"),
        Figure("above-scale energy per value added, tce/万元", energy_tce(above).sum()
               / above["value_added"].sum(), 0.5, 0.35, 0.7, "[V] Guangdong, derived (§8)"),
        Figure("median fresh water per value added, m³/万元", (y15["water_m3"]
               / y15["value_added"]).median(), "10–30", 10, 30, "[U] (§8)"),
    ]  # fmt: skip


def _industry(d: _Data) -> list[Figure]:
    y15, y14 = d.year(2015), d.year(2014)
    above = y15[y15["above_scale"]]

    def auto(y: pd.DataFrame) -> float:
        return (
            y.loc[y["industry_code"].str[:2] == "36", "gross_output"].sum()
            / y["gross_output"].sum()
        )

    rate = y15["value_added"] / y15["gross_output"]
    jewel = y15["industry_code"] == "2438"
    ht = above.loc[above["high_tech"], "gross_output"].sum() / above["gross_output"].sum()
    return [
        _pct("auto (division 36) share of output 2015", auto(y15), 0.107, 0.095, 0.12,
               "[V] 10.7 % in 2015 (§8)"),
        _pct("auto share 2015 minus 2014 (rising)", auto(y15) - auto(y14), "> 0", 1e-4, None,
               "[V] 18.6 % in 2016 (§8)"),
        Figure("jewellery workers 2014", int(d.year(2014).loc[lambda f: f["industry_code"]
               == "2438", "employees"].sum()), 100_000, 80_000, 120_000, "[V] ~100 000 (§8)"),
        _pct("jewellery value-added rate (median)", rate[jewel].median(), "5–12 %", 0.05, 0.12,
               "[U] gold passes through at cost (§8)"),
        _pct("other industries' value-added rate (median)", rate[~jewel].median(), "22–26 %",
               0.20, 0.27, "[U] (§8)"),
        _pct("high-tech share of above-scale output 2015", ht, 0.465, 0.44, 0.49,
               "[V] 48.5 % in 2017 at +1 point a year (§6)"),
    ]  # fmt: skip


def _screen(d: _Data) -> list[Figure]:
    out = []
    for y in SURVEY_YEARS:
        counts = np.bincount(five_flags(d.year(y)).sum(axis=1), minlength=6)
        falling = bool(np.all(np.diff(counts) < 0))
        out.append(
            Figure(
                f"firms by flag count 0/1/2/3/4/5, {y}",
                " / ".join(map(str, counts)),
                "falling",
                None,
                None,
                "[U] flags correlated, not identical (§8)",
            )
        )
        out.append(
            Figure(f"flag counts fall with each flag, {y}", float(falling), "yes", 1, 1, "[U] (§8)")
        )
        out.append(
            _pct(
                f"phase-out candidates (≥ 3 flags), {y}",
                counts[3:].sum() / counts.sum(),
                "5–12 %",
                0.05,
                0.12,
                "[U] a minority (§8)",
            )
        )
    return out  # fmt: skip


def _minmax(v: pd.Series) -> pd.Series:
    span = v.max() - v.min()
    return (v - v.min()) / span if span else v * 0.0


def _treatment_vs_reuse(el: gpd.GeoDataFrame, sewage: gpd.GeoDataFrame) -> float:
    """Pearson r of the 集中治污 and 中水回用 scores of DOMAIN.md §3 (min–max, equal weights)."""
    km2 = el.area / 1e6
    treatment = (_minmax(el["ww"] / km2) + _minmax(el["cod"] / km2) + _minmax(el["polluting"])) / 3
    plants = sewage.to_crs(AREA_CRS).union_all()
    dist_km = el.geometry.distance(plants) / 1000
    reuse = (_minmax(el["water"] / km2) + _minmax((1 - dist_km / 5).clip(lower=0))) / 2
    return float(np.corrcoef(treatment, reuse)[0, 1])


def _park_parcels(d: _Data) -> np.ndarray:
    """How many parcels overlap each park by more than 1 m² (parks' order)."""
    parcels = d.layers["parcels"].to_crs(AREA_CRS)
    left, right = parcels.sindex.query(d.parks.geometry.values, predicate="intersects")
    area = shapely.area(
        shapely.intersection(d.parks.geometry.values[left], parcels.geometry.values[right])
    )
    return np.bincount(left[area > 1.0], minlength=len(d.parks))


def _lots(d: _Data) -> list[Figure]:
    """The 旧厂房 lots of the parks, and the parcels the app's default three picks overlap."""
    counts = pd.Series(_park_parcels(d), index=d.parks["park_id"].to_numpy())
    eligible = counts[d.parks["eligible"].to_numpy()]
    picks = default_picks(d.gpkg)
    parcels = d.layers["parcels"].to_crs(AREA_CRS)
    in_park = shapely.intersects(parcels.geometry.values, d.parks.union_all())
    lots = parcels[(parcels["sanjiu_type"] == "旧厂房").to_numpy() & in_park]
    ha = lots.area / 1e4
    width = 2 * lots.area / lots.length
    listed = d.parks.loc[d.parks["built_year"] <= SANJIU_BUILT_BY, "park_id"]
    sites = d.layers["enterprises"].drop_duplicates("uscc")
    sites = sites[sites["park_id"].isin(listed)].to_crs(AREA_CRS)
    inside = shapely.STRtree(lots.geometry.values).query(sites.geometry.values, "within")[0]
    return [
        Figure("median parcels per eligible park", float(eligible.median()), "—", 8, None,
               "[G] a park's factory lots (图斑), one per firm site"),
        Figure(f"parcels overlapped by the default three picks ({', '.join(picks)})",
               int(counts[list(picks)].sum()), "—", 20, None, "[G] app's default weights"),
        Figure("lot size range (ha), 旧厂房 lots in parks", f"{ha.min():.2f}–{ha.max():.2f}",
               "0.2–3", None, None, "[G] one firm compound each"),
        Figure("smallest lot, ha", float(ha.min()), "—", 0.1, None, "[G] no slivers"),
        Figure("largest lot, ha", float(ha.max()), "—", None, 3.0, "[G] large cells halved"),
        Figure("thinnest lot, 2 × area / perimeter, m", float(width.min()), "—", 8, None,
               "[G] no slivers"),
        Figure("parks built after 2007, not in the 三旧 inventory", len(d.parks) - len(listed),
               "a few", 1, 20, "[U] 三旧 takes land built on before mid-2007"),
        _pct("firm sites in parks built by 2007 lying inside a lot", len(np.unique(inside))
             / len(sites), "all", 1.0, 1.0, "[G] lots follow the firms"),
    ]  # fmt: skip


def _parks(d: _Data) -> list[Figure]:
    p = d.parks
    el = p[p["eligible"]]
    y15 = d.year(2015)
    polluting = y15["industry_code"].map(is_polluting)
    codes = set(y15.loc[polluting, "industry_code"])
    dye = {"1713", "1723", "1733", "1743", "1752", "1762"} & codes
    r = _treatment_vs_reuse(el, d.layers["sewage_plants"])
    village_out = (p["go"] / (p.area / MU_M2)).median()
    return [
        Figure("parks passing the default gate", int(p["eligible"].sum()), "~80", 60, 110,
               "[G] DOMAIN §3 gate"),
        Figure("firms in pollution-intensive classes 2015", int(polluting.sum()), "—", 200, None,
               "[U] DOMAIN §3 classes"),
        Figure("dyeing classes present", len(dye), 6, 4, 6, "[G] DOMAIN §3 lists six"),
        Figure("tanning 1910 and division 32 present", float("1910" in codes and any(
            c[:2] == "32" for c in codes)), "yes", 1, 1, "[G] DOMAIN §3"),
        _pct("eligible parks with no pollution-intensive firm", float((el["polluting"] == 0)
               .mean()), "a minority", 0.0, 0.4, "[G] so the treatment share says something"),
        Figure("r(集中治污 score, 中水回用 score), eligible parks", r, "< 1", None, 0.9,
               "[U] wastewater depends on the industry (§8)"),
        _pct("median rooftop-PV share of park electricity, eligible", el["pv_share"].median(),
               "5–40 %", 0.05, 0.40, "[U] DOMAIN §3"),
        Figure("eligible parks where PV covers all electricity", int((el["pv_share"] >= 1).sum()),
               "rarely", 0, 3, "[U] DOMAIN §3"),
        Figure("village parks: output per 亩 of park (median), 万元", village_out, "14–130", 14,
               130, "[V] Guangzhou and 花都 (§8)"),
    ]  # fmt: skip


def _survey(d: _Data) -> list[Figure]:
    y15 = d.year(2015)
    above = y15[y15["above_scale"]]
    base = above.groupby("town")["gross_output"].sum() / above["gross_output"].sum()
    done = y15.groupby("town")["industrial_investment"].sum() / y15["industrial_investment"].sum()
    completion = (done / base).dropna()
    return [
        _pct("R&D institutions, share of above-scale firms", above["rd_institution"].mean(),
               0.13, 0.11, 0.15, "[V] plan target 2015 (§6)"),
        Figure("technical retrofits done (above-scale)", int(above["tech_retrofit"].sum()), 89,
               75, 100, "[V] plan target 2015 (§6)"),
        Figure("机器换人 firms", int(above["robot_retrofit"].sum()), 10, 7, 12,
               "[V] plan target 2015 (§6)"),
        Figure("industrial investment, 亿元", y15["industrial_investment"].sum() / 1e4, 103.09,
               90, 115, "[V] plan target 2015 (§6)"),
        Figure("technical-retrofit investment, 亿元", y15["tech_retrofit_investment"].sum()
               / 1e4, 26.80, 22, 31, "[V] plan target 2015 (§6)"),
        _pct("clean-production audits, share of above-scale firms", above[
            "clean_production_audit"].mean(), "100 % by 2017", 0.1, 0.6, "[V] 二(五)2; [G] 2015"),
        Figure("towns ahead on investment (≥ 110 % of a base-proportional split)", int(
            (completion >= 1.1).sum()), "some", 3, None, "[G] issue 14"),
        Figure("towns behind on investment (< 90 %)", int((completion < 0.9).sum()), "some", 3,
               None, "[G] issue 14"),
    ]  # fmt: skip


def _geometry(d: _Data) -> list[Figure]:
    from .checks import parcel_overlaps

    towns = d.layers["towns"].to_crs(AREA_CRS)
    sewage = d.layers["sewage_plants"]
    plot = (d.firms["floor_area_m2"] / d.firms["land_area_m2"]).dropna()
    y15 = d.year(2015)
    plot15 = (y15["floor_area_m2"] / y15["land_area_m2"]).dropna()
    return [
        Figure("district area (towns), km²", towns.area.sum() / 1e6, 518, 518 * 0.97, 518 * 1.03,
               "[V] DOMAIN §4"),
        Figure("towns", len(towns), 16, 16, 16, "[V] DOMAIN §4"),
        Figure("sewage plants", len(sewage), 6, 6, 6, "[V] 2019 (§8)"),
        Figure("sewage capacity, 万 t/d", sewage["capacity_m3_d"].sum() / 1e4, 61, 61, 61,
               "[V] 2019 (§8)"),
        Figure("heat sources marked assumed", float(d.layers["heat_sources"]["assumed"].all()),
               "all", 1, 1, "[U] no CHP found (§8)"),
        Figure("most firms sharing one exact plot ratio (2015)", int(plot15.value_counts().max()),
               "no clumps", 0, 10, "[G] no clipping artefacts"),
        Figure("plot ratio range (all rows)", f"{plot.min():.2f}–{plot.max():.2f}", "—", None,
               None, "[G]"),
        Figure("三旧 parcel pairs overlapping > 1 m²", len(parcel_overlaps(d.layers["parcels"])),
               0, 0, 0, "[V] land bureau rejects overlaps"),
    ]  # fmt: skip


def _projects(d: _Data) -> list[Figure]:
    from .project_figures import project_figures  # it builds on Figure

    return project_figures(d.year(2015), d.gpkg)


def _later(d: _Data) -> list[Figure]:
    from .later_figures import later_figures  # it builds on Figure

    return later_figures(d)


MEASURES: tuple[Callable[[_Data], list[Figure]], ...] = (
    _money, _industry, _screen, _parks, _lots, _survey, _projects, _later, _geometry,
)  # fmt: skip


def measure(layers: dict[str, gpd.GeoDataFrame], irradiance: Path, *, gpkg: Path) -> list[Figure]:
    """Every calibration figure of the layers (EPSG:4326 frames as written to ``gpkg``)."""
    firms = pd.DataFrame(layers["enterprises"].drop(columns="geometry"))
    d = _Data(firms, _park_table(layers, firms, irradiance), layers, gpkg)
    return [f for m in MEASURES for f in m(d)]


def _fmt(v: float | str | None, pct: bool = False) -> str:
    if v is None:
        return "…"
    if isinstance(v, str):
        return v
    if pct:
        return f"{v:.1%}"
    if isinstance(v, (int, np.integer)) or (float(v).is_integer() and abs(v) >= 1):
        return f"{int(v):,}".replace(",", " ")
    return f"{v:,.2f}".replace(",", " ") if abs(v) < 10 else f"{v:,.1f}".replace(",", " ")


def write_calibration(
    layers: dict[str, gpd.GeoDataFrame], irradiance: Path, path: Path, *, gpkg: Path
) -> None:
    """Write ``CALIBRATION.md`` next to the sample (``gpkg``: the layers as written)."""
    figures = measure(layers, irradiance, gpkg=gpkg)
    lines = [
        "# Calibration of the bundled Panyu sample",
        "",
        "Generated by `make_sample.py` (do not edit): each published figure, the sample's value",
        "measured on the written layers, the ratio where the figure is one number, the range the",
        "sample holds, and the source. [V] published, [U] estimate, [G] generator choice.",
        "Money in 万元 unless said; 2015 rows unless a year is named.",
        "",
        "| figure | sample | published | ratio | range | ok | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        ratio = ""
        if not isinstance(f.sample, str) and not isinstance(f.published, str) and f.published:
            ratio = f"{f.sample / f.published:.2f}"
        rng = f"{_fmt(f.low, f.pct)}–{_fmt(f.high, f.pct)}" if f.bounded else ""
        cells = [f.what, _fmt(f.sample, f.pct), _fmt(f.published, f.pct), ratio, rng]
        cells += ["yes" if f.ok else "**no**", f.source]
        lines.append("| " + " | ".join(cells) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = [f.what for f in figures if not f.ok]
    if bad:
        log.warning("outside the published range: %s", "; ".join(bad))
    log.info("wrote %s (%d figures, %d outside their range)", path.name, len(figures), len(bad))
