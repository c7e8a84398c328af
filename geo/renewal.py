"""Contiguous renewal areas (连片改造区, plan clause 二(二)4): neighbouring village parks and 三旧
parcels grouped into areas that are planned together.

Two members (a park or a 三旧 parcel) belong to one area when they lie within ``gap_m`` of each
other in EPSG:4547, directly or through a chain of members (A–B and B–C put A, B and C in one
area). This is the grouping of buffering every member by ``gap_m / 2`` and taking the connected
parts of the union, computed exactly and without buffered arcs: an STRtree query of the pairs
within the distance, then the connected components of that graph (scipy). An area holds at least
one park: 三旧 parcels away from every park are no village park's renewal area.

For each area :func:`renewal_areas` gives the merged outline (the union of its members'
geometries: several parts when members lie apart within the gap), its area in m², 亩 and 公顷
measured in EPSG:4547, its parks and parcels, its towns, the firms of one survey year whose point
lies in a member, the land held by the phase-out candidates among them (when they are given), and
the owners: the parks' villages (a 村级工业园's land belongs to its village collective) and the
parcels' ``owner`` when the layer has one. Areas are ranked by area, largest first: ``RA-001`` is
the largest. Plain Python (never imports Streamlit).
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from errors import Problem, ValidationError
from geo.crs import AREA_CRS, M2_PER_HA, M2_PER_MU, STORE_CRS, require_crs
from geo.summary import latest_year

__all__ = [
    "AREA_PREFIX",
    "DECIMALS_M",
    "TABLE_COLUMNS",
    "RenewalAreas",
    "area_code",
    "renewal_areas",
]

log = logging.getLogger(__name__)

AREA_PREFIX = "RA"
# metric coordinates are rounded to the mm (the 精度 of the land bureau's coordinates): members
# that share an edge merge into one part even after a round trip through EPSG:4326
DECIMALS_M = 3
TABLE_COLUMNS = (
    "area_id",
    "name",
    "area_m2",
    "area_mu",
    "area_ha",
    "n_parks",
    "park_ids",
    "park_area_m2",
    "n_parcels",
    "parcel_ids",
    "towns",
    "owners",
    "firms",
    "phase_out_firms",
    "phase_out_land_m2",
    "phase_out_land_mu",
    "sanjiu_types",
    "ownerships",
    "land_class_codes",
    "redevelopment_modes",
)
# member attribute → table column of its distinct values (";"-joined, sorted)
_JOINED = {
    "town": "towns",
    "owner": "owners",
    "sanjiu_type": "sanjiu_types",
    "ownership": "ownerships",
    "land_class_code": "land_class_codes",
    "redevelopment_mode": "redevelopment_modes",
}


@dataclass(frozen=True)
class RenewalAreas:
    """The renewal areas and how they were made.

    Attributes
    ----------
    table
        One row per area (columns :data:`TABLE_COLUMNS`), ranked by area, largest first; lists
        of ids and names are ``;``-joined and sorted. ``phase_out_*`` are missing (not zero) when
        no phase-out candidates were given.
    outlines
        ``area_id``, ``name``, the three areas and the merged outline, EPSG:4326, in table order.
    members
        ``kind`` (park / parcel), ``member_id`` and ``area_id`` of every member of an area.
    firm_areas
        The area id of each firm of the survey year (``None`` outside every area), on the
        enterprises' index.
    gap_m, year
        The distance (m, EPSG:4547) and the survey year used.
    """

    table: pd.DataFrame
    outlines: gpd.GeoDataFrame
    members: pd.DataFrame
    firm_areas: pd.Series
    gap_m: float
    year: int

    def area_of(self, kind: str) -> pd.Series:
        """Area id by member id for ``kind`` ("park" or "parcel")."""
        rows = self.members[self.members["kind"] == kind]
        ids = rows["member_id"].to_numpy()
        return pd.Series(rows["area_id"].to_numpy(), index=ids, name="area_id")


def area_code(rank: int, count: int) -> str:
    """The id of the area ranked ``rank`` (1 = largest) among ``count``: ``RA-001`` …"""
    return f"{AREA_PREFIX}-{rank:0{max(3, len(str(count)))}d}"


def _text(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), "", dtype=object)
    values = frame[column]
    return values.astype(object).where(values.notna(), "").astype(str).to_numpy()


def _members(parks: gpd.GeoDataFrame, parcels: gpd.GeoDataFrame) -> pd.DataFrame:
    """Parks then parcels: kind, id, name and the attributes the table joins, without geometry."""
    frames = []
    for kind, layer, id_col, owner_col, own_col in (
        ("park", parks, "park_id", "village", "land_ownership"),
        ("parcel", parcels, "parcel_id", "owner", "ownership"),
    ):
        frames.append(
            pd.DataFrame(
                {
                    "kind": kind,
                    "member_id": _text(layer, id_col),
                    "name": _text(layer, "name"),
                    "town": _text(layer, "town"),
                    "owner": _text(layer, owner_col),
                    "ownership": _text(layer, own_col),
                    "sanjiu_type": _text(layer, "sanjiu_type"),
                    "land_class_code": _text(layer, "land_class_code"),
                    "redevelopment_mode": _text(layer, "redevelopment_mode"),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _metric(layer: gpd.GeoDataFrame) -> np.ndarray:
    geoms = layer.geometry.to_crs(AREA_CRS).to_numpy()
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, DECIMALS_M))
    bad = ~shapely.is_valid(geoms)
    if bad.any():
        geoms = geoms.copy()
        geoms[bad] = shapely.make_valid(geoms[bad])
    return np.asarray(geoms)


def _components(geoms: np.ndarray, gap_m: float) -> np.ndarray:
    """Component label of each geometry: members within ``gap_m`` of each other, transitively."""
    tree = shapely.STRtree(geoms)
    if gap_m > 0:
        left, right = tree.query(geoms, predicate="dwithin", distance=gap_m)
    else:
        left, right = tree.query(geoms, predicate="intersects")
    n = len(geoms)
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph.tocsr(), directed=False)
    return np.asarray(labels)


def _unions(geoms: np.ndarray, labels: np.ndarray, n: int) -> np.ndarray:
    """The union of each label's geometries (labels 0 … n-1); one member is its own outline."""
    out = np.empty(n, dtype=object)
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
    ends = np.r_[starts[1:], len(order)]
    single = ends - starts == 1
    out[sorted_labels[starts[single]]] = geoms[order[starts[single]]]
    for s, e in zip(starts[~single], ends[~single], strict=True):  # one union per area
        out[sorted_labels[s]] = shapely.union_all(geoms[order[s:e]])
    return out


def _joined(members: pd.DataFrame, column: str, index: pd.Index) -> pd.Series:
    """Distinct non-empty values of ``column`` per area, sorted and ``;``-joined."""
    values = members.loc[members[column] != "", ["area_id", column]].drop_duplicates()
    values = values.sort_values(["area_id", column])
    # object concatenation per group in Cython (a Python join per area takes seconds at 30 000)
    joined = (values[column] + ";").groupby(values["area_id"]).sum().str[:-1]
    return joined.reindex(index, fill_value="")


def _firms_of(
    enterprises: gpd.GeoDataFrame | None, year: int | None
) -> tuple[gpd.GeoDataFrame, int]:
    if enterprises is None:
        return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=STORE_CRS), 0
    require_crs(enterprises, source="enterprises")
    year = latest_year(enterprises) if year is None else int(year)
    return enterprises[enterprises["survey_year"] == year], year


def _phase_out_flags(
    firms: pd.DataFrame, phase_out: pd.Series | Collection[str] | None
) -> pd.Series | None:
    if phase_out is None:
        return None
    if isinstance(phase_out, pd.Series):
        flags = phase_out.reindex(firms.index)
        missing = int(flags.isna().sum())
        if missing:
            log.info("%s firms of the survey year have no phase-out flag: not counted", missing)
        return flags.fillna(False).astype(bool)
    return firms["uscc"].astype(str).isin({str(u) for u in phase_out})


def _check_gap(gap_m: float) -> float:
    if not np.isfinite(gap_m) or gap_m < 0:
        problem = Problem("land", None, "renewal_gap_m", gap_m, "must be a finite number ≥ 0 (m)")
        raise ValidationError([problem], source="renewal areas")
    return float(gap_m)


def renewal_areas(
    parks: gpd.GeoDataFrame,
    parcels: gpd.GeoDataFrame,
    enterprises: gpd.GeoDataFrame | None = None,
    *,
    gap_m: float | None = None,
    year: int | None = None,
    phase_out: pd.Series | Collection[str] | None = None,
) -> RenewalAreas:
    """Group parks and 三旧 parcels within ``gap_m`` of each other into renewal areas.

    Parameters
    ----------
    parks, parcels
        The workspace layers (any CRS; EPSG:4326 as stored); ids ``park_id``, ``parcel_id``.
    enterprises
        The firms (points, ``survey_year``, ``uscc``, ``land_area_m2``); ``None``: none counted.
    gap_m
        Members this close (m, EPSG:4547) join; default ``[land] renewal_gap_m`` of the settings.
    year
        Survey year of the firms counted (default: the latest).
    phase_out
        The phase-out candidates among the firms: a boolean Series on the enterprises' index
        (e.g. the screen's ``phase_out``) or a collection of USCCs. Their ``land_area_m2`` summed
        per area is ``phase_out_land_m2``.

    Returns
    -------
    RenewalAreas
        The table, the outlines (EPSG:4326), the members and each firm's area.
    """
    require_crs(parks, source="parks")
    require_crs(parcels, source="parcels")
    if gap_m is None:
        from config import load_settings

        gap_m = load_settings().land.renewal_gap_m
    gap = _check_gap(gap_m)
    members = _members(parks, parcels)
    geoms = np.concatenate([_metric(parks), _metric(parcels)])
    labels = _components(geoms, gap) if len(geoms) else np.zeros(0, dtype=int)
    is_park = (members["kind"] == "park").to_numpy()
    with_park = np.bincount(labels[is_park], minlength=labels.max(initial=-1) + 1) > 0
    keep = with_park[labels]
    # the kept components renumbered 0 … n-1
    kept, local = np.unique(labels[keep], return_inverse=True)
    n = len(kept)
    members = members[keep].reset_index(drop=True)
    geoms = geoms[keep]
    members["m2"] = shapely.area(geoms)
    outlines = _unions(geoms, local, n)
    area = np.asarray(shapely.area(outlines), dtype=float)
    # rank: largest first (to the 0.01 m² the lists show); ties by the smallest member id
    first_id = members.groupby(local)["member_id"].min().to_numpy()
    ranking = pd.DataFrame({"a": -np.round(area, 2), "k": first_id}).sort_values(["a", "k"])
    order = ranking.index.to_numpy()
    rank = np.empty(n, dtype=int)
    rank[order] = np.arange(1, n + 1)
    codes = np.array([area_code(int(r), n) for r in rank], dtype=object)
    members["area_id"] = codes[local]

    firms, used_year = _firms_of(enterprises, year)
    firm_local = _firm_positions(firms, geoms, local)
    inside = firm_local >= 0
    firm_areas = pd.Series(
        codes[np.maximum(firm_local, 0)] if n else [], index=firms.index, name="area_id",
        dtype=object,
    ).where(inside, None)  # fmt: skip
    flags = _phase_out_flags(firms, phase_out)

    by_code = pd.Index(codes, name="area_id")
    table = pd.DataFrame({"area_id": codes, "area_m2": area}, index=by_code)
    table["area_mu"] = table["area_m2"] / M2_PER_MU
    table["area_ha"] = table["area_m2"] / M2_PER_HA
    parks_m = members[members["kind"] == "park"]
    parcels_m = members[members["kind"] == "parcel"]
    table["n_parks"] = parks_m.groupby("area_id").size().reindex(by_code, fill_value=0)
    table["park_ids"] = _joined(parks_m, "member_id", by_code)
    table["park_area_m2"] = parks_m.groupby("area_id")["m2"].sum().reindex(by_code)
    table["n_parcels"] = parcels_m.groupby("area_id").size().reindex(by_code, fill_value=0)
    table["parcel_ids"] = _joined(parcels_m, "member_id", by_code)
    table["firms"] = np.bincount(firm_local[inside], minlength=n)
    if flags is None:
        table["phase_out_firms"] = pd.array([pd.NA] * n, dtype="Int64")
        table["phase_out_land_m2"] = np.nan
    else:
        hit = inside & flags.to_numpy()
        land = pd.to_numeric(firms["land_area_m2"], errors="coerce").fillna(0.0).to_numpy()
        table["phase_out_firms"] = pd.array(
            np.bincount(firm_local[hit], minlength=n), dtype="Int64"
        )
        table["phase_out_land_m2"] = np.bincount(firm_local[hit], weights=land[hit], minlength=n)
    table["phase_out_land_mu"] = table["phase_out_land_m2"] / M2_PER_MU
    for column, target in _JOINED.items():
        table[target] = _joined(members, column, by_code)
    table["name"] = _names(parks_m, by_code)
    table = table.iloc[order][list(TABLE_COLUMNS)].reset_index(drop=True)

    outline = gpd.GeoSeries(outlines[order], crs=AREA_CRS).to_crs(STORE_CRS)
    shapes = gpd.GeoDataFrame(
        table[["area_id", "name", "area_m2", "area_mu", "area_ha"]].copy(),
        geometry=outline.to_numpy(),
        crs=STORE_CRS,
    )
    log.info(
        "%s renewal areas from %s parks and %s parcels (gap %s m)",
        f"{n:,}", f"{len(parks):,}", f"{len(parcels):,}", gap,
    )  # fmt: skip
    kept_members = members[["kind", "member_id", "area_id"]]
    return RenewalAreas(table, shapes, kept_members, firm_areas, gap, used_year)


def _firm_positions(firms: gpd.GeoDataFrame, geoms: np.ndarray, local: np.ndarray) -> np.ndarray:
    """The area (0 … n-1) of the first member each firm's point lies in; -1 outside all."""
    out = np.full(len(firms), -1)
    if not len(firms) or not len(geoms):
        return out
    points = np.asarray(firms.geometry.to_crs(AREA_CRS).to_numpy())
    point, member = shapely.STRtree(geoms).query(points, predicate="intersects")
    hit, first = np.unique(point, return_index=True)
    out[hit] = local[member[first]]
    return out


def _names(parks_m: pd.DataFrame, index: pd.Index) -> pd.Series:
    """The name "<its largest park's name>连片改造区" (its id when it has no name)."""
    ranked = parks_m.assign(m2=parks_m["m2"].round(2))  # to the 0.01 m² the lists show
    largest = ranked.sort_values(["m2", "member_id"], ascending=[False, True])
    first = largest.groupby("area_id").first()
    name = first["name"].where(first["name"] != "", first["member_id"])
    return (name + "连片改造区").reindex(index, fill_value="连片改造区")
