"""What an import would change against what is stored: new, changed (which fields), removed.

Features are matched by their key — an enterprise by (uscc, survey_year), a park by park_id, a
parcel by parcel_id — and compared field by field, vectorised per column: numbers equal within
1e-9 relative, text and flags exactly, blanks equal to blanks; a geometry has "moved" when its
Hausdorff distance to the stored one exceeds :data:`MOVE_TOLERANCE_DEG` (about 0.1 m).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import STORE_CRS
from geo.schema import layer_schema

__all__ = ["CHANGE_KINDS", "KEYS", "MOVE_TOLERANCE_DEG", "Changes", "compare"]

KEYS: dict[str, tuple[str, ...]] = {
    "enterprises": ("uscc", "survey_year"),
    "parks": ("park_id",),
    "parcels": ("parcel_id",),
}
CHANGE_KINDS = ("new", "changed", "removed")
MOVE_TOLERANCE_DEG = 1e-6


@dataclass(frozen=True)
class Changes:
    """The difference between the stored features and a file's.

    ``table`` has one row per new, changed or removed feature: ``key``, ``name``, ``change``
    (new / changed / removed) and ``fields`` (the changed fields, "geometry" when it moved).
    ``features`` holds the new and moved features (the file's geometry) and the removed ones
    (the stored geometry), with ``key``, ``name`` and ``change`` (new / moved / removed).
    """

    table: pd.DataFrame
    features: gpd.GeoDataFrame
    counts: dict[str, int]

    def summary(self) -> str:
        """One line of counts, e.g. ``new 3 · changed 2 · removed 0 · unchanged 10``."""
        return " · ".join(f"{k} {v:,}" for k, v in self.counts.items())


def _key(frame: pd.DataFrame, layer: str) -> pd.Series:
    parts = [frame[k].astype("string").str.strip() for k in KEYS[layer]]
    key = parts[0]
    for part in parts[1:]:
        key = key + "-" + part
    return key.fillna("")


def _same(kind: str, a: pd.Series, b: pd.Series) -> np.ndarray:
    """Element-wise equality of one field, blanks equal to blanks."""
    if kind in ("int", "float"):
        x = pd.to_numeric(a, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        y = pd.to_numeric(b, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        return np.isclose(x, y, rtol=1e-9, atol=0.0) | (np.isnan(x) & np.isnan(y))
    if kind == "bool":
        x = a.astype("boolean").fillna(False).to_numpy(dtype=bool)
        y = b.astype("boolean").fillna(False).to_numpy(dtype=bool)
        return x == y
    s, t = a.astype("string"), b.astype("string")
    blank_s = s.isna() | s.str.strip().eq("").fillna(True)
    blank_t = t.isna() | t.str.strip().eq("").fillna(True)
    return ((s == t).fillna(False) | (blank_s & blank_t)).to_numpy(dtype=bool)


def _moved(a: gpd.GeoSeries, b: gpd.GeoSeries) -> np.ndarray:
    x, y = np.asarray(a.values), np.asarray(b.values)
    gone_x, gone_y = shapely.is_missing(x), shapely.is_missing(y)
    both = ~gone_x & ~gone_y
    dist = np.zeros(len(x))
    dist[both] = shapely.hausdorff_distance(x[both], y[both])
    return (gone_x != gone_y) | (dist > MOVE_TOLERANCE_DEG)


def compare(stored: gpd.GeoDataFrame, incoming: gpd.GeoDataFrame, *, layer: str) -> Changes:
    """Compare ``incoming`` with the ``stored`` features it would replace (same layer, EPSG:4326).

    For enterprises, pass only the stored rows of the survey years the file holds: the import
    replaces those years and keeps the others.
    """
    schema = layer_schema(layer)
    old = pd.DataFrame(stored.drop(columns="geometry")).assign(_k=_key(stored, layer))
    new = pd.DataFrame(incoming.drop(columns="geometry")).assign(_k=_key(incoming, layer))
    old["_g"], new["_g"] = np.asarray(stored.geometry.values), np.asarray(incoming.geometry.values)
    both = new.merge(old, on="_k", how="inner", suffixes=("", "_old"))
    fields = [f for f in schema.fields if f.name in new.columns and f.name in old.columns]
    changed_fields = pd.Series("", index=both.index, dtype=object)
    for f in fields:
        diff = ~_same(f.kind, both[f.name + "_old"], both[f.name])
        changed_fields = changed_fields.where(~diff, changed_fields + f.name + ", ")
    moved = _moved(gpd.GeoSeries(both["_g_old"]), gpd.GeoSeries(both["_g"]))
    changed_fields = changed_fields.where(~moved, changed_fields + "geometry, ")
    changed_fields = changed_fields.str.rstrip(", ")
    is_changed = changed_fields.ne("").to_numpy()

    added = new[~new["_k"].isin(old["_k"])]
    removed = old[~old["_k"].isin(new["_k"])]

    def rows(frame: pd.DataFrame, change: str, what: pd.Series | str) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "key": frame["_k"].to_numpy(),
                "name": frame["name"].to_numpy() if "name" in frame else "",
                "change": change,
                "fields": what if isinstance(what, str) else what.to_numpy(),
            }
        )

    table = pd.concat(
        [
            rows(added, "new", ""),
            rows(both[is_changed], "changed", changed_fields[is_changed]),
            rows(removed, "removed", ""),
        ],
        ignore_index=True,
    )
    shown = pd.concat(
        [
            added[["_k", "name", "_g"]].assign(change="new"),
            both.loc[moved, ["_k", "name", "_g"]].assign(change="moved"),
            removed[["_k", "name", "_g"]].assign(change="removed"),
        ],
        ignore_index=True,
    )
    features = gpd.GeoDataFrame(
        shown.rename(columns={"_k": "key"}).drop(columns="_g"),
        geometry=gpd.GeoSeries(shown["_g"].to_numpy(), crs=STORE_CRS),
        crs=STORE_CRS,
    )
    counts = {
        "new": len(added),
        "changed": int(is_changed.sum()),
        "removed": len(removed),
        "unchanged": int((~is_changed).sum()),
    }
    return Changes(table, features, counts)
