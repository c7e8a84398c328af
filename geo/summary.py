"""Figures of the district and of its parks, in one place: the home page's headline figures
(:func:`district_figures`, :func:`by_town`, also for ``cli.py info``) and the map's park card
and comparison (:func:`park_measures`, :func:`park_card`): area, firms, energy, water, 三旧
overlap.

Plain Python over GeoDataFrames. Areas and overlaps are measured in EPSG:4547 (DOMAIN.md §4);
firms belong to a park through their stored ``park_id`` (derived from location on import);
energy is the comprehensive energy consumption of GB/T 2589 with the ``[energy]`` factors of
``config/defaults.toml`` (DOMAIN.md §2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from errors import UnknownKeyError
from geo.codes import industry_name
from geo.crs import AREA_CRS, M2_PER_HA, M2_PER_MU, area_m2, m2_to_ha, m2_to_mu, require_crs
from geo.energy import energy_tce
from geo.park_geometry import covered_share

__all__ = [
    "IndustryShare",
    "ParcelOverlap",
    "ParkCard",
    "by_town",
    "district_figures",
    "latest_year",
    "parcel_overlaps",
    "park_card",
    "park_measures",
]


def latest_year(enterprises: pd.DataFrame) -> int:
    """The latest survey year of ``enterprises`` (0 when there are none)."""
    return int(enterprises["survey_year"].max()) if len(enterprises) else 0


def _year(enterprises: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The firms of survey ``year`` (the latest when ``None``)."""
    year = latest_year(enterprises) if year is None else year
    return enterprises[enterprises["survey_year"] == year]


# -- the district --------------------------------------------------------------------------------


def district_figures(
    towns: gpd.GeoDataFrame,
    parks: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    enterprises: gpd.GeoDataFrame,
    *,
    year: int | None = None,
) -> dict[str, float | int]:
    """Headline figures of the district for one survey year (default: the latest)."""
    year = latest_year(enterprises) if year is None else year
    firms = _year(enterprises, year)
    district = float(area_m2(gpd.GeoSeries([towns.union_all()], crs=towns.crs)).iloc[0])
    park_m2 = float(area_m2(parks).sum())
    parcel_m2 = float(area_m2(parcels).sum())
    return {
        "year": year,
        "towns": len(towns),
        "district_km2": district / 1e6,
        "parks": len(parks),
        "parks_ha": float(m2_to_ha(park_m2)),
        "parks_mu": float(m2_to_mu(park_m2)),
        "parcels": len(parcels),
        "parcels_ha": float(m2_to_ha(parcel_m2)),
        "enterprises": len(firms),
        "employees": int(firms["employees"].sum()),
        "gross_output_yi": float(firms["gross_output"].sum()) / 1e4,  # 万元 → 亿元
        "in_parks_share": float(firms["park_id"].notna().mean()) if len(firms) else 0.0,
    }


def by_town(parks: gpd.GeoDataFrame, enterprises: gpd.GeoDataFrame, *, year: int) -> pd.DataFrame:
    """Parks and firms per town for one survey year, towns as the index."""
    firms = _year(enterprises, year)
    out = pd.DataFrame(
        {
            "parks": parks.groupby("town").size(),
            "firms": firms.groupby("town").size(),
        }
    )
    return out.fillna(0).astype(int).sort_values("firms", ascending=False)


# -- the parks -----------------------------------------------------------------------------------


def parcel_overlaps(parks: gpd.GeoDataFrame, parcels: gpd.GeoDataFrame) -> pd.DataFrame:
    """Every park–parcel pair that overlaps, with the overlap area in m² (EPSG:4547).

    Columns: ``park_id``, ``parcel_id``, ``overlap_m2``; pairs touching only along an edge (or
    sharing less than 0.01 m²) are left out.
    """
    require_crs(parks, source="parks")
    require_crs(parcels, source="parcels")
    columns = ["park_id", "parcel_id", "overlap_m2"]
    if parks.empty or parcels.empty:
        return pd.DataFrame(columns=columns)
    pk = parks[["park_id", "geometry"]].to_crs(AREA_CRS)
    pc = parcels[["parcel_id", "geometry"]].to_crs(AREA_CRS)
    left, right = pc.sindex.query(pk.geometry.values, predicate="intersects")
    if len(left) == 0:
        return pd.DataFrame(columns=columns)
    pieces = shapely.intersection(pk.geometry.values[left], pc.geometry.values[right])
    out = pd.DataFrame(
        {
            "park_id": pk["park_id"].to_numpy()[left],
            "parcel_id": pc["parcel_id"].to_numpy()[right],
            "overlap_m2": shapely.area(pieces),
        }
    )
    return out[out["overlap_m2"] > 0.01].reset_index(drop=True)


def park_measures(
    parks: gpd.GeoDataFrame,
    enterprises: pd.DataFrame,
    parcels: gpd.GeoDataFrame,
    *,
    year: int | None = None,
    factors: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """One row per park (on the parks' index): the figures the map colours and compares by.

    Columns: ``area_m2``, ``area_mu``, ``area_ha``; ``firms``, ``above_scale``, ``employees``,
    ``gross_output`` (万元), ``energy_tce``, ``water_m3`` of the park's firms in ``year`` (the
    latest survey year when omitted); ``parcels`` (三旧 parcels overlapping the park),
    ``sanjiu_m2`` (park land covered by them, each square metre once) and ``sanjiu_share``
    (:func:`geo.park_geometry.covered_share`, the share the retrofit score uses too).
    """
    area = area_m2(require_crs(parks, source="parks"))
    firms = _year(enterprises, year)
    firms = firms[firms["park_id"].notna()]
    sums = pd.DataFrame(
        {
            "firms": firms.groupby("park_id").size(),
            "above_scale": firms.groupby("park_id")["above_scale"].sum(),
            "employees": firms.groupby("park_id")["employees"].sum(),
            "gross_output": firms.groupby("park_id")["gross_output"].sum(),
            "energy_tce": energy_tce(firms, factors=factors).groupby(firms["park_id"]).sum(),
            "water_m3": firms.groupby("park_id")["water_m3"].sum(),
        }
    )
    by_park = sums.reindex(parks["park_id"].to_numpy()).fillna(0.0)
    by_park.index = parks.index
    overlaps = parcel_overlaps(parks, parcels)
    n_parcels = overlaps.groupby("park_id")["parcel_id"].nunique()
    share = covered_share(parks, parcels).to_numpy()
    ids = parks["park_id"].to_numpy()
    out = pd.DataFrame(
        {
            "area_m2": area,
            "area_mu": area / M2_PER_MU,
            "area_ha": area / M2_PER_HA,
            "firms": by_park["firms"].astype(int),
            "above_scale": by_park["above_scale"].astype(int),
            "employees": by_park["employees"].astype(int),
            "gross_output": by_park["gross_output"].astype(float),
            "energy_tce": by_park["energy_tce"].astype(float),
            "water_m3": by_park["water_m3"].astype(float),
            "parcels": n_parcels.reindex(ids).fillna(0).astype(int).to_numpy(),
            "sanjiu_m2": share * area,
            "sanjiu_share": share,
        },
        index=parks.index,
    )
    return out


@dataclass(frozen=True)
class IndustryShare:
    """An industry (GB/T 4754 division) among a park's firms."""

    division: str
    name: str
    firms: int
    share: float


@dataclass(frozen=True)
class ParcelOverlap:
    """A 三旧 parcel that overlaps a park."""

    parcel_id: str
    name: str
    sanjiu_type: str
    redevelopment_mode: str
    status: str
    overlap_m2: float

    @property
    def overlap_mu(self) -> float:
        return self.overlap_m2 / M2_PER_MU


@dataclass(frozen=True)
class ParkCard:
    """What the park card shows. Areas in m² with 亩 and 公顷 properties; money in 万元."""

    park_id: str
    name: str
    town: str
    village: str
    year: int
    area_m2: float
    firms: int
    above_scale: int
    employees: int
    gross_output: float
    energy_tce: float
    water_m3: float
    industries: tuple[IndustryShare, ...] = ()
    parcels: tuple[ParcelOverlap, ...] = ()
    sanjiu_m2: float = 0.0

    @property
    def area_mu(self) -> float:
        return self.area_m2 / M2_PER_MU

    @property
    def area_ha(self) -> float:
        return self.area_m2 / M2_PER_HA

    @property
    def sanjiu_share(self) -> float:
        return min(self.sanjiu_m2 / self.area_m2, 1.0) if self.area_m2 > 0 else 0.0


def park_card(
    park_id: str,
    parks: gpd.GeoDataFrame,
    enterprises: pd.DataFrame,
    parcels: gpd.GeoDataFrame,
    *,
    year: int | None = None,
    factors: Mapping[str, float] | None = None,
    top: int = 5,
) -> ParkCard:
    """The card of park ``park_id``: its area, its firms in ``year`` (latest when omitted) with
    their top ``top`` industries, employees, output, energy and water, and its 三旧 parcels."""
    match = parks[parks["park_id"] == park_id]
    if match.empty:
        raise UnknownKeyError("park", park_id, parks["park_id"].astype(str).head(20).tolist())
    park = match.iloc[[0]]
    row = park.iloc[0]
    year = latest_year(enterprises) if year is None else year
    firms = _year(enterprises, year)
    firms = firms[firms["park_id"] == park_id]
    area = float(area_m2(park).iloc[0])
    divisions = firms["industry_code"].astype(str).str[:2]
    counts = divisions.value_counts()
    industries = tuple(
        IndustryShare(str(d), industry_name(str(d)), int(n), float(n) / len(firms))
        for d, n in counts.head(top).items()
    )
    overlaps = parcel_overlaps(park, parcels)
    details = parcels.set_index("parcel_id")
    items = []
    for rec in overlaps.sort_values("overlap_m2", ascending=False).itertuples():
        info = details.loc[rec.parcel_id]
        items.append(
            ParcelOverlap(
                parcel_id=str(rec.parcel_id),
                name=str(info.get("name", "")),
                sanjiu_type=str(info.get("sanjiu_type", "")),
                redevelopment_mode=str(info.get("redevelopment_mode", "")),
                status="" if pd.isna(info.get("status")) else str(info.get("status")),
                overlap_m2=float(rec.overlap_m2),  # type: ignore[arg-type]
            )
        )
    covered = float(covered_share(park, parcels).iloc[0]) * area
    return ParkCard(
        park_id=str(park_id),
        name=str(row["name"]),
        town=str(row.get("town", "")),
        village="" if pd.isna(row.get("village")) else str(row.get("village")),
        year=int(year),
        area_m2=area,
        firms=len(firms),
        above_scale=int(firms["above_scale"].sum()),
        employees=int(firms["employees"].sum()),
        gross_output=float(firms["gross_output"].sum()),
        energy_tce=float(energy_tce(firms, factors=factors).sum()),
        water_m3=float(firms["water_m3"].sum()),
        industries=industries,
        parcels=tuple(items),
        sanjiu_m2=covered,
    )
