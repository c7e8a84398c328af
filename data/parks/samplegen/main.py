"""Assemble the sample: draw the layers, check them, write GeoPackage, rasters, calibration."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .calibration import write_calibration
from .checks import check_layers, layer_frame, validate_layers
from .common import (
    ADMIN_CODES,
    AREA_CRS,
    CALIBRATION_NAME,
    GPKG_NAME,
    HERE,
    IRRADIANCE_NAME,
    LANDUSE_CLASSES_NAME,
    LANDUSE_NAME,
    SEED,
    STORE_CRS,
)
from .firms import make_firms
from .identity import assign_identities
from .indicators import draw_indicators
from .later import later_firm_years, later_survey
from .parcels import make_parcels
from .parks import make_parks, make_zones
from .projects import make_projects, write_projects
from .rasters import make_irradiance, make_landuse
from .survey import survey_items
from .utilities import make_heat_sources, make_sewage_plants
from .world import World, load_outline, load_villages, make_world
from .years import entries_and_exits, firm_years_and_growth

__all__ = ["generate", "main"]

log = logging.getLogger(__name__)
# new streams go at the end: the first ones (and so the layers) stay as they were
STREAMS = (
    "world", "parks", "parcels", "firms", "years", "points", "rasters", "survey", "projects",
    "later",
)  # fmt: skip


def _towns_of(world: World, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    pts = gpd.GeoSeries(gpd.points_from_xy(x, y), crs=AREA_CRS)
    towns = gpd.GeoDataFrame(
        {"name": list(world.town_poly)}, geometry=list(world.town_poly.values()), crs=AREA_CRS
    )
    hit = gpd.sjoin(gpd.GeoDataFrame(geometry=pts), towns, how="left", predicate="within")
    return hit[~hit.index.duplicated()]["name"].to_numpy()


def _locate(rows: pd.DataFrame, firms: pd.DataFrame, world: World, parks) -> gpd.GeoDataFrame:
    """Survey ``rows`` (``idx`` into ``firms``) as points in EPSG:4326 with their identity,
    and town and park_id from a spatial join."""
    rows = rows.copy()
    i = rows["idx"].to_numpy()
    for col in ("uscc", "name", "industry_code", "founded_year"):
        rows[col] = firms[col].to_numpy()[i]
    rows["record_id"] = rows["uscc"] + "-" + rows["survey_year"].astype(str)
    ent = gpd.GeoDataFrame(
        rows, geometry=gpd.points_from_xy(firms["x"].to_numpy()[i], firms["y"].to_numpy()[i])
    ).set_crs(AREA_CRS)
    ent = ent.to_crs(STORE_CRS)
    town_of = gpd.sjoin(ent[["geometry"]], world.towns[["name", "geometry"]], predicate="within")
    park_of = gpd.sjoin(
        ent[["geometry"]], parks.to_crs(STORE_CRS)[["park_id", "geometry"]], predicate="within"
    )
    ent["town"] = town_of[~town_of.index.duplicated()]["name"].reindex(ent.index).astype(object)
    park_id = park_of[~park_of.index.duplicated()]["park_id"].reindex(ent.index).astype(object)
    ent["park_id"] = park_id.where(park_id.notna(), None)
    return ent


def _enterprises(
    streams, world: World, parks: gpd.GeoDataFrame, zones
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """The enterprises layer in EPSG:4326 and the project library (drawn from the 2014–2015
    firms, before the later years, so that no firm with a project closes or moves)."""
    firms = make_firms(streams["firms"], world, parks, zones)
    firms = draw_indicators(streams["firms"], firms)
    firms = entries_and_exits(streams["firms"], firms)
    firms = assign_identities(streams["firms"], firms)
    firms["town"] = _towns_of(world, firms["x"].to_numpy(), firms["y"].to_numpy())
    early, g15 = firm_years_and_growth(streams["years"], firms)
    early = survey_items(streams["survey"], early, firms)
    written = layer_frame(_locate(early, firms, world, parks), "enterprises")
    projects = make_projects(streams["projects"], written, layer_frame(parks, "parks"))
    block = shapely.union_all(parks.geometry.values).buffer(15)
    keep = set(projects["uscc"])  # a firm with a project stays where it is
    firms, late = later_firm_years(streams["later"], firms, early, g15, block, keep=keep)
    new = firms["town"].isna().to_numpy()
    x, y = firms["x"].to_numpy()[new], firms["y"].to_numpy()[new]
    firms.loc[new, "town"] = _towns_of(world, x, y)
    early = early.assign(uscc=firms["uscc"].to_numpy()[early["idx"].to_numpy()])
    late = later_survey(streams["later"], late, firms, early)
    rows = pd.concat([early.drop(columns="uscc"), late], ignore_index=True)
    return _locate(rows, firms, world, parks), projects


def _firm_sites(ent: gpd.GeoDataFrame) -> dict[str, np.ndarray]:
    """Park id → the points (n × 2, EPSG:4547) of the firms inside the park, any survey year."""
    early = ent["survey_year"] <= 2015  # later firms take sites the earlier ones had
    sites = ent[early & ent["park_id"].notna()].drop_duplicates("uscc").to_crs(AREA_CRS)
    xy = shapely.get_coordinates(sites.geometry.values)
    ids = sites["park_id"].to_numpy()
    return {str(p): xy[ids == p] for p in pd.unique(ids)}


def _write(layers: dict[str, gpd.GeoDataFrame], out_dir: Path) -> None:
    gpkg = out_dir / GPKG_NAME
    if gpkg.exists():
        gpkg.unlink()
    for name, gdf in layers.items():
        gdf.to_file(gpkg, layer=name, driver="GPKG", engine="pyogrio")


def generate(out_dir: Path, *, admin_codes: Path = ADMIN_CODES) -> dict[str, gpd.GeoDataFrame]:
    """Make every output into ``out_dir``; return the vector layers (EPSG:4326)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    streams = dict(zip(STREAMS, np.random.default_rng(SEED).spawn(len(STREAMS)), strict=True))
    outline = load_outline()
    world = make_world(streams["world"], outline, load_villages(admin_codes))
    parks = make_parks(streams["parks"], world)
    zones = make_zones(streams["parks"], world, parks)
    enterprises, projects = _enterprises(streams, world, parks, zones)
    parcels = make_parcels(streams["parcels"], world, parks, _firm_sites(enterprises))
    sewage = make_sewage_plants(streams["points"], world)
    layers = {
        "towns": layer_frame(world.towns, "towns"),
        "parks": layer_frame(parks, "parks"),
        "parcels": layer_frame(parcels, "parcels"),
        "enterprises": layer_frame(enterprises, "enterprises"),
        "heat_sources": layer_frame(
            make_heat_sources(streams["points"], world, sewage), "heat_sources"
        ),
        "sewage_plants": layer_frame(sewage, "sewage_plants"),
    }
    # town edges along the outline are computed intersections, off by ~1e-15°: allow 1 mm
    district = outline.buffer(1e-8)
    check_layers(layers, district)
    validate_layers(layers, district)
    _write(layers, out_dir)
    write_projects(projects, out_dir / GPKG_NAME)
    make_irradiance(streams["rasters"], world, out_dir / IRRADIANCE_NAME)
    make_landuse(
        streams["rasters"],
        world,
        (parks, parcels, zones),
        out_dir / LANDUSE_NAME,
        out_dir / LANDUSE_CLASSES_NAME,
    )
    write_calibration(
        layers, out_dir / IRRADIANCE_NAME, out_dir / CALIBRATION_NAME, gpkg=out_dir / GPKG_NAME
    )
    _summary(layers, projects)
    return layers


def _summary(layers: dict[str, gpd.GeoDataFrame], projects: pd.DataFrame) -> None:
    ent = pd.DataFrame(layers["enterprises"].drop(columns="geometry"))
    for year, g in ent.groupby("survey_year"):
        log.info(
            "%d: %d firms (%d above scale), %.0f 亿元 gross output, %.0f 亿元 value added, "
            "%.0f %% in parks, %d employees",
            year,
            len(g),
            int(g["above_scale"].sum()),
            g["gross_output"].sum() / 1e4,
            g["value_added"].sum() / 1e4,
            100 * g["park_id"].notna().mean(),
            int(g["employees"].sum()),
        )
    for name, gdf in layers.items():
        log.info("layer %s: %d features", name, len(gdf))
    log.info("table projects: %d rows", len(projects))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python data/parks/make_sample.py [--out DIR] [--admin-codes CSV]``."""
    parser = argparse.ArgumentParser(description="Make the bundled Panyu sample.")
    parser.add_argument(
        "--out", type=Path, default=HERE, help="output folder (default: data/parks)"
    )
    parser.add_argument(
        "--admin-codes",
        type=Path,
        default=ADMIN_CODES,
        help="the 2016 statistical code list (panyu_admin_codes_2016.csv)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    start = time.perf_counter()
    generate(args.out.resolve(), admin_codes=args.admin_codes)
    log.info("done in %.1f s", time.perf_counter() - start)
    return 0
