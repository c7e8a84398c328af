"""The bundled sample's 旧厂房 factory lots (图斑) inside the village parks.

Reads the GeoPackage as shipped. Which parks are eligible and which three are picked comes from
the app's own pipeline (``score_parks`` and ``retrofit`` with the default settings), so the
test follows the app; the parcel counts, overlaps, areas and shares are measured here with
shapely in EPSG:4547.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from config import load_settings
from scoring.parks.pipeline import ChoiceRules, retrofit, score_parks
from store.workspace import SAMPLE_GPKG, sample_workspace

AREA_CRS = "EPSG:4547"
SANJIU_BUILT_BY = 2007  # 三旧 标图入库 takes land built on before 30 June 2007 (粤府〔2009〕78号)


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    names = ("parks", "parcels", "enterprises")
    return {
        n: gpd.read_file(SAMPLE_GPKG, layer=n, engine="pyogrio").to_crs(AREA_CRS) for n in names
    }


@pytest.fixture(scope="module")
def app():
    """The app's ranking table and its default choice of three on the bundled sample."""
    settings = load_settings()
    scores = score_parks(sample_workspace(), settings)
    return scores.table, retrofit(scores, ChoiceRules.of(settings)).choice.parks


@pytest.fixture(scope="module")
def per_park(layers) -> pd.DataFrame:
    """Parcels overlapping each park by > 1 m², and the park's share under 全面改造."""
    parks, parcels = layers["parks"], layers["parcels"]
    left, right = parcels.sindex.query(parks.geometry.values, predicate="intersects")
    area = shapely.area(
        shapely.intersection(parks.geometry.values[left], parcels.geometry.values[right])
    )
    count = np.bincount(left[area > 1.0], minlength=len(parks))
    demolition = parcels.geometry.values[(parcels["redevelopment_mode"] == "全面改造").to_numpy()]
    in_demolition = shapely.intersection(parks.geometry.values, shapely.union_all(demolition))
    share = shapely.area(in_demolition) / parks.area.to_numpy()
    return pd.DataFrame({"parcels": count, "demolition": share}, index=parks["park_id"])


@pytest.fixture(scope="module")
def lots(layers) -> gpd.GeoDataFrame:
    """旧厂房 parcels inside the parks."""
    parcels = layers["parcels"]
    inside = shapely.intersects(parcels.geometry.values, layers["parks"].union_all())
    return parcels[(parcels["sanjiu_type"] == "旧厂房").to_numpy() & inside]


def test_eligible_parks_hold_many_lots(app, per_park):
    table, _ = app
    eligible = table.loc[table["eligible"], "park_id"]
    assert len(eligible) >= 10
    assert per_park.loc[eligible, "parcels"].median() >= 8


def test_the_default_three_picks_overlap_at_least_twenty_parcels(app, per_park):
    _, picks = app
    assert len(picks) == 3
    assert per_park.loc[list(picks), "parcels"].sum() >= 20


def test_mostly_demolished_parks_are_still_gated_out(app, per_park):
    table, _ = app
    table = table.set_index("park_id")
    heavy = per_park.index[per_park["demolition"] > 0.5]
    assert len(heavy) >= 10  # the gate still bites …
    assert not table.loc[heavy, "eligible"].any()
    assert table.loc[heavy, "ineligible_reason"].str.contains("全面改造").all()
    assert (per_park["demolition"] < 0.2).mean() >= 0.4  # … and many parks demolish little


def test_no_two_parcels_overlap(layers):
    geoms = layers["parcels"].geometry.values
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert int((overlap > 1.0).sum()) == 0


def test_lots_are_factory_compounds_not_slivers(lots):
    assert len(lots) >= 2000
    ha = lots.area / 1e4
    assert ha.between(0.1, 3.0).all(), (ha.min(), ha.max())
    assert ha.median() == pytest.approx(0.7, abs=0.4)
    width_m = 2 * lots.area / lots.length  # mean width of a strip
    assert width_m.min() >= 8.0
    # no thin arms: opening by 3 m keeps nearly all of every lot
    opened = shapely.buffer(shapely.buffer(lots.geometry.values, -3.0), 3.0)
    assert (shapely.area(opened) / lots.area.to_numpy()).min() >= 0.9
    assert (lots["land_class_code"] == "0601").all()
    assert lots["name"].str.endswith("号地块").all()


def test_lots_tile_the_parks_built_by_2007(layers, lots, per_park):
    parks = layers["parks"]
    covered = shapely.area(shapely.intersection(parks.geometry.values, lots.union_all()))
    share = pd.Series(covered / parks.area.to_numpy(), index=parks["park_id"])
    listed = (parks["built_year"] <= SANJIU_BUILT_BY).to_numpy()
    assert share[listed].min() >= 0.99
    # 三旧 takes land built on before mid-2007: later parks have no parcel at all
    assert 1 <= (~listed).sum() <= 20
    assert (per_park.loc[~listed, "parcels"] == 0).all()


def test_every_firm_in_a_listed_park_lies_in_a_lot(layers, lots):
    parks = layers["parks"]
    listed = parks.loc[parks["built_year"] <= SANJIU_BUILT_BY, "park_id"]
    firms = layers["enterprises"].drop_duplicates("uscc")
    in_park = firms[firms["park_id"].isin(listed)]
    hit, lot = shapely.STRtree(lots.geometry.values).query(
        in_park.geometry.values, predicate="within"
    )
    assert len(np.unique(hit)) == len(in_park)
    # roughly one lot per firm site: most lots hold exactly one firm
    per_lot = np.bincount(lot, minlength=len(lots))
    assert (per_lot == 1).mean() >= 0.8
    assert len(lots) >= 0.8 * len(in_park)
