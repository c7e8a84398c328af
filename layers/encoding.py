"""Safe compact JSON for the browser, and the bilingual text pairs every layer labels with.

Data reach the browser only as JSON inside a script, with ``<``, ``>`` and ``&`` escaped, and
server-built HTML is escaped with :func:`esc`, so a name like ``<img src=x onerror=alert(1)>``
is shown as text. Columns travel as lists (not one object per feature) to stay small.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = [
    "COORD_SCALE",
    "Text",
    "coded",
    "dequantise",
    "esc",
    "json_column",
    "pick",
    "polygon_coords",
    "quantise",
    "safe_json",
]

Text = tuple[str, str]  # (中文, English)


def pick(text: Text, lang: str) -> str:
    """The Chinese or English half of ``text``."""
    return text[0] if lang == "zh" else text[1]


def esc(text: object) -> str:
    """HTML-escape ``text`` for server-built HTML (legend, labels)."""
    return html.escape(str(text), quote=True)


_JS_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def safe_json(obj: Any) -> str:
    """Compact JSON (UTF-8, not ``\\u`` escapes) that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` … so no data value can close the script or open a
    tag; NaN is refused (it is not JSON).
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JS_UNSAFE)


def json_column(values: pd.Series | Sequence[Any]) -> list[Any]:
    """A column as a JSON-ready list: NaN/NA become ``None``, NumPy scalars plain Python."""
    out: list[Any] = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            out.append(None)
        elif isinstance(v, np.generic):
            item = v.item()
            out.append(None if isinstance(item, float) and math.isnan(item) else item)
        else:
            out.append(v)
    return out


def coded(values: pd.Series) -> tuple[list[int | None], list[str]]:
    """A text column as small integer codes plus the lookup list (saves bytes on the wire)."""
    text = values.astype("string")
    lookup = sorted(str(v) for v in text.dropna().unique())
    index = {v: i for i, v in enumerate(lookup)}
    return [None if pd.isna(v) else index[str(v)] for v in text], lookup


# polygon coordinates travel as integers of 1e-6 degree (the 6-decimal grid the display layers
# are snapped to, about 0.1 m), each ring's first vertex whole and the others as differences
# from the vertex before: "113376538,22967296,-512,377,…" instead of "[113.376538,22.967296],…"
COORD_SCALE = 1_000_000


def quantise(coords: list[Any]) -> list[Any]:
    """:func:`polygon_coords` output as delta-encoded integers of ``1 / COORD_SCALE`` degree:
    per feature, per part, per ring a flat list ``[x0, y0, dx1, dy1, …]`` (decoded in the
    browser by the layer's script; :func:`dequantise` is the same in Python)."""
    out: list[Any] = []
    for feature in coords:
        parts = []
        for part in feature:
            rings = []
            for ring in part:
                xy = np.rint(np.asarray(ring, dtype=float).reshape(-1, 2) * COORD_SCALE)
                steps = np.diff(xy, axis=0, prepend=np.zeros((1, 2)))
                rings.append(steps.astype(np.int64).ravel().tolist())
            parts.append(rings)
        out.append(parts)
    return out


def dequantise(encoded: list[Any]) -> list[Any]:
    """The coordinates :func:`quantise` encoded, as ``[[[[x, y], …], …], …]`` per feature."""
    out: list[Any] = []
    for feature in encoded:
        parts = []
        for part in feature:
            rings = []
            for ring in part:
                xy = np.cumsum(np.asarray(ring, dtype=np.int64).reshape(-1, 2), axis=0)
                rings.append((xy / COORD_SCALE).tolist())
            parts.append(rings)
        out.append(parts)
    return out


def polygon_coords(geoms: gpd.GeoSeries) -> list[Any]:
    """MultiPolygon coordinate arrays (every feature as a MultiPolygon), for compact JSON."""
    out = []
    for geom in geoms:
        parts = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
        out.append(
            [
                [[[x, y] for x, y in ring.coords] for ring in (part.exterior, *part.interiors)]
                for part in parts
                if not part.is_empty
            ]
        )
    return out
