"""Cached loaders: the only place the UI caches (STYLE.md habit 15).

Cache keys are the workspace location and its change token (the modification times and sizes of
the GeoPackage and its rasters, or the database's revision), so a write to the workspace
invalidates every cached layer without hashing GeoDataFrames. The map page's display frames,
rasters and park cards, and the park scores, are cached here too; what they compute lives in
``layers/``, ``geo/`` and ``scoring/``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from config import load_settings
from config.settings import EnergySettings, Settings
from geo.schema import LAYERS
from geo.summary import ParkCard, park_card
from layers.compose import MapData, MapOptions, build_map, frame_only_colourings
from layers.frames import Frames, prepare_frames, survey_years
from layers.rasters import RasterImage, render_irradiance, render_landuse
from scoring.parks.indicators import IndicatorTable
from scoring.parks.pipeline import (
    ChoiceRules,
    Retrofit,
    indicators_of,
    retrofit,
    score_parks,
    survey_year,
)
from scoring.parks.score import ParkScores
from store.workspace import Workspace, resolve_workspace

__all__ = [
    "data_version",
    "district_summary",
    "load_layer",
    "map_frames",
    "map_of",
    "map_rasters",
    "park_card_of",
    "park_indicators_of",
    "park_scores",
    "retrofit_result",
    "scenario_scores",
    "screen_inputs",
    "screen_result",
    "survey_years_of_workspace",
    "town_target_completion",
    "workspace",
    "workspace_key",
]


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(location: str) -> Workspace:
    return Workspace.open(location)


def workspace() -> Workspace:
    """The workspace named by ``PARKPLAN_WORKSPACE`` (created from the sample when missing or
    empty); a GeoPackage file or a PostGIS database."""
    return _open(str(resolve_workspace()))


def workspace_key() -> tuple[str, str]:
    """Cache key of the current workspace: its location and change token (file modification
    time, or the database's revision counter: an import by anyone invalidates the caches)."""
    ws = workspace()
    return ws.location, ":".join(str(v) for v in ws.change_token())


@st.cache_data(show_spinner=False, max_entries=32)
def _read(path: str, stamp: str, layer: str) -> gpd.GeoDataFrame:
    return workspace().read(layer)


def load_layer(layer: str) -> gpd.GeoDataFrame:
    """A layer of the current workspace, cached until its data change: a data layer's key is
    the data version (a sign-in's audit row does not make the next visitor read the firms
    again), anything else's the workspace's stamp."""
    if layer in LAYERS:
        return _read(workspace().location, data_version(), layer)
    return _read(*workspace_key(), layer)


@st.cache_data(show_spinner=False, max_entries=8)
def _info(path: str, stamp: str) -> dict[str, Any]:
    return workspace().info()


def district_summary() -> dict[str, Any]:
    """``Workspace.info()`` of the current workspace, cached."""
    return _info(*workspace_key())


@st.cache_data(show_spinner=False, max_entries=8)
def _version(path: str, stamp: str) -> str:
    return workspace().data_version()


def data_version() -> str:
    """The workspace's content hash, computed once per change of the file (not every rerun)."""
    return _version(*workspace_key())


@st.cache_resource(show_spinner=False, max_entries=4)
def _frames(path: str, version: str, year: int) -> Frames:
    stored = workspace().layers()
    return prepare_frames(
        towns=load_layer("towns"),
        parks=load_layer("parks"),
        parcels=load_layer("parcels"),
        enterprises=load_layer("enterprises"),
        year=year,
        heat_sources=load_layer("heat_sources") if "heat_sources" in stored else None,
        sewage_plants=load_layer("sewage_plants") if "sewage_plants" in stored else None,
    )


def map_frames(year: int) -> Frames:
    """The map's display frames of ``year`` (cached, not copied, until the data change).

    Keyed by the data version, not the file's stamp: a sign-in, an audit row or a saved scenario
    writes the workspace but not its data, and must not make every new visitor rebuild the map
    (issue 22's load test: 4 s of server time per visitor)."""
    return _frames(workspace().location, data_version(), int(year))


@st.cache_resource(show_spinner=False, max_entries=16)
def _map(path: str, version: str, key: str, _data: MapData, _options: MapOptions) -> folium.Map:
    return build_map(_data, _options)


def map_of(data: MapData, options: MapOptions, *, key: str) -> folium.Map:
    """The folium map of ``data`` as ``options`` say, built once for every user while the
    workspace is unchanged; ``key`` names what ``data`` was made from (survey year, filters).

    Only maps whose colourings read the data alone are shared (a colouring with a ``compute``
    may read the session, e.g. the screen's thresholds); each caller gets a copy, because
    ``st_folium`` adds the page's selection layer to the map it is given.
    """
    if not frame_only_colourings(options):
        return build_map(data, options)
    shared = _map(workspace().location, data_version(), f"{key}|{options!r}", data, options)
    return copy.deepcopy(shared)


@st.cache_resource(show_spinner=False, max_entries=4)
def _rasters(path: str, stamp: str) -> dict[str, RasterImage]:
    ws = workspace()
    out: dict[str, RasterImage] = {}
    irradiance = ws.raster_path("irradiance")
    if irradiance.exists():
        out["irradiance"] = render_irradiance(irradiance)
    landuse, classes = ws.raster_path("landuse"), ws.raster_classes_path("landuse")
    if landuse.exists() and classes.exists():
        out["landuse"] = render_landuse(landuse, classes)
    return out


def map_rasters() -> dict[str, RasterImage]:
    """The workspace's rasters as overlay images (cached until the workspace changes)."""
    return _rasters(*workspace_key())


@st.cache_data(show_spinner=False, max_entries=64)
def _card(path: str, stamp: str, year: int, park_id: str) -> ParkCard:
    return park_card(
        park_id,
        load_layer("parks"),
        load_layer("enterprises"),
        load_layer("parcels"),
        year=year,
    )


def park_card_of(park_id: str, *, year: int) -> ParkCard:
    """The card of park ``park_id`` in survey ``year`` (cached until the workspace changes)."""
    return _card(*workspace_key(), int(year), str(park_id))


def survey_years_of_workspace() -> list[int]:
    """Survey years of the workspace's enterprises, oldest first."""
    return survey_years(load_layer("enterprises"))


# -- parks: one scoring pipeline (scoring.parks.pipeline), its heavy stage cached -------------


@st.cache_data(show_spinner=False, max_entries=8)
def _park_indicators(
    path: str, stamp: str, year: int, key: str, _settings: Settings
) -> IndicatorTable:
    return indicators_of(workspace(), _settings, year)


def park_indicators_of(settings: Settings, *, year: int | None = None) -> IndicatorTable:
    """The weight-independent indicators of every park (spatial join, sums, distances, 三旧
    overlap, zonal irradiance), cached per workspace change, survey year and the settings they
    read (``[energy]``, ``[park_score]`` indicators, chains, recycling pairs), so a weight change
    only re-ranks."""
    ps = settings.park_score
    key = json.dumps(
        [
            settings.energy.model_dump(),
            ps.indicators.model_dump(),
            ps.chains,
            ps.dump()["recycling_pairs"],
        ],
        sort_keys=True,
        ensure_ascii=False,
    )
    chosen = survey_year(settings, year) or 0
    return _park_indicators(*workspace_key(), chosen, key, settings)


def park_scores(settings: Settings, *, year: int | None = None) -> ParkScores:
    """:func:`scoring.parks.pipeline.score_parks` of the current workspace (indicators cached)."""
    indicators = park_indicators_of(settings, year=year)
    return score_parks(workspace(), settings, year, indicators=indicators)


@st.cache_data(show_spinner=False, max_entries=8)
def _scenario_scores(path: str, stamp: str, parameters_json: str) -> pd.DataFrame:
    from scoring.parks.scenario import settings_from_parameters

    settings = load_settings()
    park_score = settings_from_parameters(json.loads(parameters_json), settings.park_score)
    return park_scores(settings.with_park_score(park_score)).table


def scenario_scores(parameters: Mapping[str, Any]) -> pd.DataFrame:
    """The park table (measure scores, rank, rank acceptability) a saved scenario's settings
    give on the current data, for its briefing and the map's retrofit colouring; cached per
    workspace change and parameters, so a map rerun does not draw the 10 000 weights again."""
    parameters_json = json.dumps(parameters, sort_keys=True, ensure_ascii=False, default=str)
    return _scenario_scores(*workspace_key(), parameters_json)


def retrofit_result(
    settings: Settings, rules: ChoiceRules, screen_config: Mapping[str, Any], lang: str
) -> Retrofit:
    """The retrofit page's one call: the parks scored with ``settings``, chosen by ``rules``,
    and their suggested routes read from the five-excess screen of the same survey year with
    ``screen_config`` (the screen page's current settings; cached, see :func:`screen_result`)."""
    scores = park_scores(settings)
    screened = screen_result(scores.indicators.year, dict(screen_config), lang).table
    return retrofit(scores, rules, screen=screened)


@st.cache_data(show_spinner=False, max_entries=4)
def _completion(path: str, stamp: str) -> tuple[int | None, dict[str, float]]:
    from scoring.targets.report import latest_completion
    from store.targets import load_split, read_survey

    ws = workspace()
    config = load_settings().targets
    firms, towns = read_survey(ws)
    split = load_split(ws, config=config).frame
    year, completion = latest_completion(firms, split, towns=towns, config=config)
    return year, {str(k): float(v) for k, v in completion.items()}


def town_target_completion() -> tuple[int | None, dict[str, float]]:
    """Each town's overall target completion (%) in the latest year with targets and a survey,
    with that year (cached until the workspace changes, e.g. when targets are saved)."""
    return _completion(*workspace_key())


# -- the screen (issue 8) -----------------------------------------------------------------------


def _json(section: Any) -> str:
    return json.dumps(section, sort_keys=True, ensure_ascii=False)


@st.cache_resource(show_spinner=False, max_entries=8)
def _screen_inputs(path: str, stamp: str, year: int, energy: str) -> tuple[Any, Any]:
    from scoring.screen.indicators import indicators
    from scoring.screen.run import select_year

    firms, _ = select_year(load_layer("enterprises"), year)
    return firms, indicators(firms, energy=EnergySettings.model_validate_json(energy))


def screen_inputs(year: int, energy: dict[str, Any]) -> tuple[gpd.GeoDataFrame, Any]:
    """The firms of survey ``year`` and their indicators (cached, not copied, until the
    workspace or the energy settings change): a threshold change recomputes only the flags."""
    path, stamp = workspace_key()
    return _screen_inputs(path, stamp, int(year), _json(energy))


@st.cache_resource(show_spinner=False, max_entries=8)
def _earlier_grades(path: str, stamp: str, year: int, grading: str) -> Any:
    """The earlier years' grades (cached per workspace, year and grade/energy settings: a
    threshold change does not regrade the history)."""
    from config.settings import as_settings
    from scoring.screen.surcharge import earlier_grades

    typed = as_settings(json.loads(grading))
    return earlier_grades(load_layer("enterprises"), year, typed)


@st.cache_resource(show_spinner=False, max_entries=16)
def _screen(path: str, stamp: str, year: int, config: str, lang: str) -> Any:
    from config import load_config
    from scoring.screen.run import screen

    settings = json.loads(config)
    _firms, ind = screen_inputs(year, settings["energy"])
    # every year: the earlier years' grades give the consecutive years in D (issue 23)
    everything = load_layer("enterprises")
    grading = load_config() | {k: settings[k] for k in ("grade", "energy") if k in settings}
    history = _earlier_grades(path, stamp, year, _json(grading))
    return screen(
        everything, config=settings, year=year, lang=lang, precomputed=ind, history=history
    )


def screen_result(year: int, config: dict[str, Any], lang: str = "zh") -> Any:
    """:func:`scoring.screen.run.screen` of the workspace's firms of ``year`` with ``config``
    (cached per settings until the workspace changes; the map's colourings and park card reuse
    the page's result)."""
    path, stamp = workspace_key()
    return _screen(path, stamp, int(year), _json(config), lang)
