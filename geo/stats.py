"""District figures for the home page and ``cli.py info``: counts, areas, totals."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.crs import area_m2, m2_to_ha, m2_to_mu

__all__ = ["by_town", "district_figures"]


def district_figures(
    towns: gpd.GeoDataFrame,
    parks: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    enterprises: gpd.GeoDataFrame,
    *,
    year: int | None = None,
) -> dict[str, float | int]:
    """Headline figures of the district for one survey year (default: the latest)."""
    if year is None:
        year = int(enterprises["survey_year"].max())
    firms = enterprises[enterprises["survey_year"] == year]
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
    firms = enterprises[enterprises["survey_year"] == year]
    out = pd.DataFrame(
        {
            "parks": parks.groupby("town").size(),
            "firms": firms.groupby("town").size(),
        }
    )
    return out.fillna(0).astype(int).sort_values("firms", ascending=False)
