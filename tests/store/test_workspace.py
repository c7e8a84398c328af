"""The working database: created from the sample, the sample never written, writes atomic.

The tests taking ``fresh_workspace``/``session_workspace`` run on the suite's back end (both, in
CI); those about files name a GeoPackage themselves.
"""

from __future__ import annotations

import hashlib
import os

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from errors import UnknownKeyError, WorkspaceError
from store import gpkg as gpkg_mod
from store.workspace import SAMPLE_GPKG, Workspace, resolve_workspace, sample_workspace

EXPECTED_LAYERS = {"towns", "parks", "parcels", "enterprises", "heat_sources", "sewage_plants"}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample_digest() -> str:
    return digest(SAMPLE_GPKG)


def test_missing_workspace_is_created_from_the_sample(tmp_path, sample_digest):
    target = tmp_path / "sub" / "new.gpkg"
    ws = Workspace.open(target)
    assert target.exists()
    assert digest(target) == sample_digest
    assert set(ws.layers()) >= EXPECTED_LAYERS
    assert ws.raster_path("irradiance").exists()
    assert ws.raster_path("landuse").exists()
    assert ws.raster_classes_path("landuse").exists()
    with pytest.raises(UnknownKeyError, match="known: irradiance, landuse"):
        ws.raster_path("dem")


def test_environment_variable_names_the_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("PARKPLAN_WORKSPACE", str(tmp_path / "env.gpkg"))
    assert resolve_workspace() == (tmp_path / "env.gpkg").resolve()
    assert resolve_workspace(tmp_path / "arg.gpkg") == (tmp_path / "arg.gpkg").resolve()


def test_the_bundled_sample_is_never_opened_for_writing(sample_digest):
    with pytest.raises(WorkspaceError, match="read-only"):
        Workspace.open(SAMPLE_GPKG)
    with pytest.raises(WorkspaceError, match="read-only"):
        sample_workspace().write("towns", sample_workspace().read("towns"))
    assert digest(SAMPLE_GPKG) == sample_digest


def test_not_a_geopackage_is_refused(tmp_path):
    with pytest.raises(WorkspaceError, match=r"must be a \.gpkg file or a postgresql://"):
        Workspace.open(tmp_path / "ws.sqlite")


def test_write_replaces_one_layer_and_keeps_the_others(fresh_workspace):
    ws = fresh_workspace
    before = {name: len(ws.read(name)) for name in ws.layers()}
    plants = ws.read("sewage_plants").head(2)
    ws.write("sewage_plants", plants)
    after = {name: len(ws.read(name)) for name in ws.layers()}
    assert after["sewage_plants"] == 2
    assert {k: v for k, v in after.items() if k != "sewage_plants"} == {
        k: v for k, v in before.items() if k != "sewage_plants"
    }
    assert list(ws.read("sewage_plants")["plant_id"]) == list(plants["plant_id"])


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    ws = Workspace.open(tmp_path / "ws.gpkg")
    before = digest(ws.path)
    real_write = pyogrio.write_dataframe
    calls = []

    def fail_on_second(*args, **kwargs):
        calls.append(kwargs["layer"])
        if len(calls) == 2:
            raise OSError("disk full")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(gpkg_mod.pyogrio, "write_dataframe", fail_on_second)
    towns, parks = ws.read("towns"), ws.read("parks")
    with pytest.raises(WorkspaceError, match="disk full"):
        ws.write_many({"towns": towns.head(1), "parks": parks.head(1)})
    assert calls == ["towns", "parks"]  # the first layer was written to the copy…
    assert digest(ws.path) == before  # …but the workspace is untouched
    assert sorted(os.listdir(ws.path.parent)) == sorted(
        p.name for p in ws.path.parent.iterdir() if not p.name.startswith("tmp")
    )


def test_layers_must_be_in_epsg4326_before_storing(fresh_workspace):
    gk = fresh_workspace.read("heat_sources").to_crs("EPSG:4547")
    with pytest.raises(WorkspaceError, match="EPSG:4326"):
        fresh_workspace.write("heat_sources", gk)


def test_unknown_layer_lists_the_known_ones(session_workspace):
    with pytest.raises(UnknownKeyError, match=r"unknown layer 'firms'; known: .*enterprises"):
        session_workspace.read("firms")


def test_info_reports_counts_years_crs_and_district(session_workspace):
    info = session_workspace.info()
    assert info["crs"] == "EPSG:4326"
    assert info["layers"]["towns"] == 16
    assert info["survey_years"] == [2014, 2015, 2016, 2017]
    assert 518 * 0.97 <= info["district_area_km2"] <= 518 * 1.03
    assert len(info["data_version"]) == 12


def test_district_is_the_union_of_the_towns(session_workspace):
    district = session_workspace.district()
    towns = session_workspace.read("towns")
    area = gpd.GeoSeries([district], crs="EPSG:4326").to_crs("EPSG:4547").area.iloc[0]
    assert area == pytest.approx(towns.to_crs("EPSG:4547").area.sum(), rel=1e-6)
    assert district.covers(shapely.Point(113.361, 22.951))  # 市桥


def test_attribute_tables_round_trip_and_are_not_layers(fresh_workspace):
    table = pd.DataFrame({"name": ["三园方案", "=cmd"], "weight": [0.5, 1.0]})
    fresh_workspace.write_table("scenarios", table)
    assert "scenarios" in fresh_workspace.tables()
    assert "scenarios" not in fresh_workspace.layers()
    assert "scenarios" not in fresh_workspace.info()["layers"]
    back = fresh_workspace.read_table("scenarios")
    assert back["name"].tolist() == ["三园方案", "=cmd"]
    assert back["weight"].tolist() == [0.5, 1.0]


def test_unknown_table_lists_the_known_ones(fresh_workspace):
    fresh_workspace.write_table("history", pd.DataFrame({"a": [1]}))
    # the sample ships one table, projects (issue 24)
    with pytest.raises(UnknownKeyError, match=r"unknown table 'scenarios'; known: ") as caught:
        fresh_workspace.read_table("scenarios")
    # both tables named, in the back end's own order
    listed = str(caught.value).split("known: ")[1].split(";")[0]
    assert sorted(listed.split(", ")) == ["history", "projects"]


def test_data_version_follows_the_data_not_the_tables(fresh_workspace):
    before = fresh_workspace.data_version()
    fresh_workspace.write_table("scenarios", pd.DataFrame({"name": ["a"]}))
    assert fresh_workspace.data_version() == before
    plants = fresh_workspace.read("sewage_plants")
    plants.loc[plants.index[0], "capacity_m3_d"] = 1.0
    fresh_workspace.write("sewage_plants", plants)
    after = fresh_workspace.data_version()
    assert after != before
    assert len(after) == 12


def test_undo_snapshots_are_bookkeeping_not_data(fresh_workspace):
    plants = fresh_workspace.read("sewage_plants")
    fresh_workspace.write("_undo_sewage_plants", plants)
    assert "_undo_sewage_plants" not in fresh_workspace.layers()
    assert "_undo_sewage_plants" in fresh_workspace.layers(internal=True)
    assert "_undo_sewage_plants" not in fresh_workspace.info()["layers"]
    assert len(fresh_workspace.read("_undo_sewage_plants")) == len(plants)
