"""The parks the app itself picks on the sample as written, with its default settings.

The calibration reports how many 三旧 parcels the three default picks overlap; the picks come
from the app's own pipeline (:func:`scoring.parks.pipeline.score_parks` and
:func:`scoring.parks.pipeline.retrofit`), read from the GeoPackage as written, with the
irradiance raster written beside it, so the figure is the one a planner sees.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from .common import IRRADIANCE_NAME, LANDUSE_NAME

__all__ = ["default_picks"]


class _Written:
    """The written sample as the park pipeline reads a workspace (layers and rasters)."""

    def __init__(self, gpkg: Path) -> None:
        self.gpkg = gpkg

    def read(self, layer: str, *, columns: list[str] | None = None) -> gpd.GeoDataFrame:
        return gpd.read_file(self.gpkg, layer=layer, columns=columns, engine="pyogrio")

    def raster_path(self, kind: str) -> Path:
        names = {"irradiance": IRRADIANCE_NAME, "landuse": LANDUSE_NAME}
        return self.gpkg.with_name(names[kind])


def default_picks(gpkg: Path) -> tuple[str, ...]:
    """The park ids the app picks on ``gpkg`` with ``config/defaults.toml``, in rank order."""
    from config import load_settings
    from scoring.parks.pipeline import ChoiceRules, retrofit, score_parks

    settings = load_settings()
    scores = score_parks(_Written(gpkg), settings)
    return retrofit(scores, ChoiceRules.of(settings)).choice.parks
