"""The bundled sample against the published figures of DOMAIN.md §6–8 (issue 6).

Every figure is computed here from the GeoPackage and rasters as shipped, never from the
generator's parameters or code; ranges come from DOMAIN.md. The five-flag screen is a short
independent implementation of the DOMAIN.md §2 defaults (not the app's, not the generator's).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "parks"
GPKG = SAMPLE / "panyu_sample.gpkg"
AREA_CRS = "EPSG:4547"
MU_M2 = 10_000 / 15
MIN_WAGE_WAN = 1895 * 12 / 1e4  # Guangzhou, from May 2015
POLLUTING = {"3360", "1713", "1723", "1733", "1743", "1752", "1762", "1910", "2211", "2212", "2221"}
DYEING = {"1713", "1723", "1733", "1743", "1752", "1762"}
KGCE = {
    "electricity_kwh": 0.1229,
    "natural_gas_m3": 1.2143,
    "coal_t": 714.3,
    "diesel_t": 1457.1,
    "fuel_oil_t": 1428.6,
    "lpg_t": 1714.3,
    "heat_gj": 34.12,
}
PLOT_MIN = {"17": 0.8, "18": 0.8, "21": 0.8, "26": 0.6, "27": 0.7, "29": 1.0, "30": 0.7}
PLOT_MIN |= {"31": 0.6, "32": 0.6}


def _polluting(codes: pd.Series) -> pd.Series:
    codes = codes.astype(str)
    return codes.isin(POLLUTING) | codes.str[:2].isin(["26", "32"])


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    names = ("towns", "parks", "parcels", "enterprises", "heat_sources", "sewage_plants")
    return {n: gpd.read_file(GPKG, layer=n, engine="pyogrio") for n in names}


@pytest.fixture(scope="module")
def firms(layers) -> pd.DataFrame:
    return pd.DataFrame(layers["enterprises"].drop(columns="geometry"))


@pytest.fixture(scope="module")
def y15(firms) -> pd.DataFrame:
    return firms[firms["survey_year"] == 2015]


@pytest.fixture(scope="module")
def parks(layers, y15) -> gpd.GeoDataFrame:
    """Parks in EPSG:4547 with 2015 sums, the DOMAIN §3 default gate and the PV share."""
    parks = layers["parks"].to_crs(AREA_CRS)
    g = y15.groupby("park_id")
    sums = pd.DataFrame(
        {
            "n": g.size(),
            "kwh": g["electricity_kwh"].sum(),
            "water": g["water_m3"].sum(),
            "ww": g["wastewater_t"].sum(),
            "cod": g["cod_t"].sum(),
            "polluting": g["industry_code"].agg(lambda c: _polluting(c).mean()),
        }
    )
    parks = parks.join(sums, on="park_id")
    parcels = layers["parcels"].to_crs(AREA_CRS)
    demolition = parcels[parcels["redevelopment_mode"] == "全面改造"].union_all()
    share = shapely.area(shapely.intersection(parks.geometry.values, demolition)) / parks.area
    parks["eligible"] = (
        (parks.area >= 100_000)
        & (parks["n"] >= 10)
        & parks["in_industrial_block"].astype(bool)
        & (share <= 0.5)
    )
    roof = parks["roof_area_m2"].fillna(parks["building_coverage"] * parks.area)
    with rasterio.open(SAMPLE / "panyu_irradiance.tif") as src:
        pts = parks.geometry.representative_point().to_crs(src.crs)
        sun = np.array([v[0] for v in src.sample(list(zip(pts.x, pts.y, strict=True)))])
    generation = roof * sun * 0.6 * 0.20 * 0.8
    parks["pv_share"] = np.minimum(generation, parks["kwh"]) / parks["kwh"]
    return parks


def _flag_counts(year: pd.DataFrame) -> np.ndarray:
    """Firms by number of DOMAIN §2 default flags (relative thresholds), 0..5."""
    div = year["industry_code"].astype(str).str[:2]
    energy = sum(year[c].fillna(0) * k for c, k in KGCE.items()) / 1000
    emission = year[["cod_t", "nh3n_t", "so2_t", "nox_t"]].fillna(0).sum(axis=1)
    ind = pd.DataFrame(
        {
            "labour": year["value_added"] / year["employees"],
            "tax_mu": year["tax"] / (year["land_area_m2"] / MU_M2),
            "va_rate": year["value_added"] / year["gross_output"],
            "energy": energy / year["value_added"],
            "emission": emission / year["value_added"],
        }
    )
    small = div.map(div.value_counts()) < 10
    med = {c: ind[c].groupby(div).transform("median").where(~small, ind[c].median()) for c in ind}
    plot = year["floor_area_m2"] / year["land_area_m2"]
    low_plot = (plot < div.map(lambda d: PLOT_MIN.get(d, 1.0))) | plot.isna()
    flags = (
        (ind["labour"] < 0.5 * med["labour"]).astype(int)
        + ((ind["tax_mu"] < 0.5 * med["tax_mu"]) & low_plot).astype(int)
        + (ind["va_rate"] < 0.5 * med["va_rate"]).astype(int)
        + (ind["energy"] > 2 * med["energy"]).astype(int)
        + ((ind["emission"] > 2 * med["emission"]) | (emission > year["permitted_emissions_t"]))
    )
    return np.bincount(flags.astype(int), minlength=6)


# ------------------------------------------------------------------------------------ money


def test_village_park_firms_pay_far_less_tax_per_mu(y15):
    in_park = y15["park_id"].notna()
    mu = y15["land_area_m2"] / MU_M2
    village = y15.loc[in_park, "tax"].sum() / mu[in_park].sum()
    formal = y15.loc[~in_park, "tax"].sum() / mu[~in_park].sum()
    assert 3.5 <= village <= 7.0  # ≈ 5 万元/亩
    assert 15 <= formal <= 64  # 15–64 万元/亩
    assert formal / village >= 3


def test_few_firms_cannot_pay_the_minimum_wage(y15):
    per_worker = (y15["value_added"] - y15["tax"]) / y15["employees"]
    share = (per_worker < MIN_WAGE_WAN).mean()
    assert 0.01 <= share <= 0.08, f"{share:.1%}"


def test_above_scale_value_added_per_worker_near_guangdong(y15):
    above = y15[y15["above_scale"]]
    ratio = above["value_added"].sum() / above["employees"].sum()
    assert 18.2 * 0.8 <= ratio <= 18.2 * 1.2, ratio


def test_totals_kept(y15, firms):
    assert 1600 <= y15["gross_output"].sum() / 1e4 <= 1850  # ≈ 1 725 亿元
    assert 1300 <= y15["above_scale"].sum() <= 1550  # ≈ 1 400
    above = y15[y15["above_scale"]]
    energy = sum(above[c].fillna(0) * k for c, k in KGCE.items()) / 1000
    assert 0.35 <= energy.sum() / above["value_added"].sum() <= 0.7  # ≈ 0.5 tce/万元
    y14 = firms[firms["survey_year"] == 2014]
    assert 0.05 <= y15["value_added"].sum() / y14["value_added"].sum() - 1 <= 0.11  # +8 %


# ------------------------------------------------------------------------------------ industry


def test_auto_share_near_published_and_rising(firms):
    def share(y: int) -> float:
        year = firms[firms["survey_year"] == y]
        auto = year["industry_code"].astype(str).str[:2] == "36"
        return year.loc[auto, "gross_output"].sum() / year["gross_output"].sum()

    assert 0.095 <= share(2015) <= 0.12  # 10.7 %
    assert share(2015) > share(2014)


def test_jewellery_employs_about_100_000(firms):
    y14 = firms[firms["survey_year"] == 2014]
    workers = y14.loc[y14["industry_code"] == "2438", "employees"].sum()
    assert 80_000 <= workers <= 120_000


def test_high_tech_share_of_above_scale_output(y15):
    above = y15[y15["above_scale"]]
    share = above.loc[above["high_tech"].astype(bool), "gross_output"].sum()
    assert 0.44 <= share / above["gross_output"].sum() <= 0.49  # ≈ 46.5 %


# ------------------------------------------------------------------------------------ screen


@pytest.mark.parametrize("survey_year", [2014, 2015, 2016, 2017])
def test_flag_counts_fall_and_phase_out_is_a_minority(firms, survey_year):
    counts = _flag_counts(firms[firms["survey_year"] == survey_year].reset_index(drop=True))
    assert np.all(np.diff(counts) < 0), counts  # 0 > 1 > 2 > 3 > 4 > 5
    share = counts[3:].sum() / counts.sum()
    assert 0.05 <= share <= 0.12, f"{share:.1%}"


# ------------------------------------------------------------------------------------ water


def test_wastewater_and_cod_depend_on_the_industry(y15):
    code = y15["industry_code"].astype(str)
    ratio = y15["wastewater_t"] / y15["water_m3"]
    cod_mg_l = y15["cod_t"] / y15["wastewater_t"] * 1e6
    wet = code.isin(DYEING | {"3360"})
    dry = code.str[:2].isin(["39"]) | (code == "2438")
    assert ratio[wet].median() >= 0.75
    assert ratio[dry].median() <= 0.5
    assert cod_mg_l[code.isin(DYEING)].median() > 1.5 * cod_mg_l[dry].median()
    assert ratio.std() > 0.15  # not one ratio for all


def test_pollution_intensive_classes_are_spread(y15, parks):
    code = y15["industry_code"].astype(str)
    polluting = _polluting(code)
    assert polluting.sum() >= 200
    assert (code == "1910").any()
    assert (code.str[:2] == "32").any()
    assert len(set(code) & DYEING) >= 4
    eligible = parks[parks["eligible"]]
    assert 60 <= len(eligible) <= 110
    assert (eligible["polluting"] == 0).mean() <= 0.4


def _minmax(v: pd.Series) -> pd.Series:
    return (v - v.min()) / (v.max() - v.min())


def test_treatment_and_water_reuse_measure_different_things(parks, layers):
    with_firms = parks[parks["n"].notna()]
    area = with_firms.area
    r_ww = np.corrcoef(with_firms["water"] / area, with_firms["ww"] / area)[0, 1]
    assert r_ww < 0.97  # wastewater density is not fresh water × one ratio
    assert (with_firms["ww"] / with_firms["water"]).std() > 0.1
    el = parks[parks["eligible"]]
    km2 = el.area / 1e6
    treatment = (_minmax(el["ww"] / km2) + _minmax(el["cod"] / km2) + _minmax(el["polluting"])) / 3
    plants = layers["sewage_plants"].to_crs(AREA_CRS).union_all()
    near = (1 - el.geometry.distance(plants) / 5000).clip(lower=0)
    reuse = (_minmax(el["water"] / km2) + _minmax(near)) / 2
    assert np.corrcoef(treatment, reuse)[0, 1] < 0.9


def test_rooftop_pv_covers_part_of_a_parks_electricity(parks):
    el = parks[parks["eligible"]]
    assert 0.05 <= el["pv_share"].median() <= 0.40
    assert (el["pv_share"] >= 1).sum() <= 3  # rarely all of it
    assert el["pv_share"].between(0.05, 0.40).mean() >= 0.5


# ------------------------------------------------------------------------------------ places


def test_six_sewage_plants_and_heat_sources_at_them(layers):
    sewage = layers["sewage_plants"].to_crs(AREA_CRS)
    assert len(sewage) == 6
    assert sewage["capacity_m3_d"].sum() == pytest.approx(610_000)
    assert "洛溪岛净水厂" in set(sewage["name"])
    heat = layers["heat_sources"].to_crs(AREA_CRS)
    assert heat["assumed"].all()
    assert heat["name"].str.contains("（假设）").all()
    boilers = heat[heat["kind"] == "集中锅炉"]
    assert len(boilers) >= 3
    assert (boilers.geometry.distance(sewage.union_all()) < 500).all()  # the documented rule


def test_no_clumps_of_equal_plot_ratios(y15):
    plot = (y15["floor_area_m2"] / y15["land_area_m2"]).dropna()
    assert plot.value_counts().max() <= 10


def test_no_two_parcels_overlap(layers):
    parcels = layers["parcels"].to_crs(AREA_CRS).reset_index(drop=True)
    geoms = parcels.geometry.values
    left, right = parcels.sindex.query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert (overlap <= 1.0).all(), f"{int((overlap > 1).sum())} pairs overlap by > 1 m²"


# ------------------------------------------------------------------------------------ survey


def test_2015_survey_near_the_plans_targets(y15):
    above = y15[y15["above_scale"]]
    assert 0.11 <= above["rd_institution"].mean() <= 0.15  # 13 %
    assert 75 <= above["tech_retrofit"].sum() <= 100  # 89
    assert 7 <= above["robot_retrofit"].sum() <= 12  # 10
    assert 90 <= y15["industrial_investment"].sum() / 1e4 <= 115  # 103.09 亿元
    assert 22 <= y15["tech_retrofit_investment"].sum() / 1e4 <= 31  # 26.80 亿元
    audited = above["clean_production_audit"].astype(bool).mean()
    assert 0.1 <= audited <= 0.6


def test_some_towns_ahead_and_some_behind(y15):
    above = y15[y15["above_scale"]]
    base = above.groupby("town")["gross_output"].sum() / above["gross_output"].sum()
    done = y15.groupby("town")["industrial_investment"].sum()
    completion = (done / done.sum() / base).dropna()
    assert (completion >= 1.1).sum() >= 3
    assert (completion < 0.9).sum() >= 3


def test_calibration_file_lists_every_figure_within_range():
    text = (SAMPLE / "CALIBRATION.md").read_text(encoding="utf-8")
    assert "| figure | sample | published | ratio | range | ok | source |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) > 30
    assert "**no**" not in text
