"""Safe compact JSON for the browser, and the bilingual text pairs every layer labels with.

Data reach the browser only as JSON inside a script, with ``<``, ``>`` and ``&`` escaped, and
server-built HTML is escaped with :func:`esc`, so a name like ``<img src=x onerror=alert(1)>``
is shown as text. Columns travel as lists (not one object per feature) to stay small.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = [
    "COORD_SCALE",
    "QUANTISE_FROM",
    "Text",
    "affix_coded",
    "coded",
    "decode_points",
    "dequantise",
    "esc",
    "json_column",
    "pick",
    "points_json",
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


def _sent_size(text: str) -> int:
    """Bytes of ``text`` as Streamlit sends it (JSON with non-ASCII as ``\\uXXXX``)."""
    return len(json.dumps(text)) - 2


def _common(values: list[str], *, ends: bool, most: int) -> list[str]:
    """Up to ``most`` beginnings (or endings) of 2–8 characters shared by many values, those
    that save most first; each value later takes the longest one it has."""
    scores: dict[str, int] = {}
    for size in range(2, 9):
        cut = pd.Series([v[-size:] if ends else v[:size] for v in values if len(v) > size])
        counts = cut.value_counts()
        for affix, n in counts[counts >= 20].items():
            scores[str(affix)] = int(n) * (_sent_size(str(affix)) - 2)  # minus the code's bytes
    ranked = sorted(scores, key=lambda a: -scores[a])
    return [a for a in ranked[:most] if scores[a] > 0]


def affix_coded(values: Sequence[Any], *, most: int = 32) -> list[Any] | dict[str, Any]:
    """A text column with its common beginnings and endings as small codes (firm names:
    广州市番禺区…有限公司): ``{"P": beginnings, "S": endings, "p": codes, "m": middles, "s":
    codes}``, decoded in the browser as ``P[p] + m + S[s]`` (``m`` null: no value). The plain
    list when the column is not all text or coding saves less than 1 kB."""
    plain = json_column(values)
    text = [v for v in plain if v is not None]
    if not text or not all(isinstance(v, str) for v in text):
        return plain
    starts = ["", *sorted(_common(text, ends=False, most=most), key=len, reverse=True)]
    endings = ["", *sorted(_common(text, ends=True, most=most), key=len, reverse=True)]
    p_codes: list[int] = []
    middles: list[str | None] = []
    s_codes: list[int] = []
    for v in plain:
        p = s_ = 0
        middle = None
        if v is not None:  # the longest beginning, then the longest ending of what is left
            p = next((i for i, a in enumerate(starts) if a and v.startswith(a)), 0)
            rest = v[len(starts[p]) :]
            s_ = next(
                (i for i, a in enumerate(endings) if a and len(rest) > len(a) and rest.endswith(a)),
                0,
            )
            middle = rest[: len(rest) - len(endings[s_])]
        p_codes.append(p)
        middles.append(middle)
        s_codes.append(s_)
    coded_form = {"P": starts, "S": endings, "p": p_codes, "m": middles, "s": s_codes}
    if len(json.dumps(coded_form)) > len(json.dumps(plain)) - 1000:
        return plain
    return coded_form


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


# From this many points on, a layer's points travel sorted by longitude as integers of
# 1 / COORD_SCALE degree: x as steps from the point before, y from the layer's lowest
# (``q`` and ``y0`` tell the script; about 5 bytes a point instead of 21)
QUANTISE_FROM = 100


def points_json(xy: pd.DataFrame, props: Mapping[str, Sequence[Any]]) -> str:
    """Points as columns: ``{"x": [...], "y": [...], "p": {prop: [...]}}``, safe for a script;
    text properties affix-coded (:func:`layers.encoding.affix_coded`), the points of a large
    layer quantised (:data:`QUANTISE_FROM`; :func:`decode_points` reads both back)."""
    if len(xy) < QUANTISE_FROM:
        data: dict[str, Any] = {"x": json_column(xy["x"]), "y": json_column(xy["y"])}
        data["p"] = {k: affix_coded(v) for k, v in props.items()}
        return safe_json(data)
    x = np.rint(xy["x"].to_numpy(dtype=float) * COORD_SCALE).astype(np.int64)
    y = np.rint(xy["y"].to_numpy(dtype=float) * COORD_SCALE).astype(np.int64)
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    y0 = int(y.min())
    data = {
        "q": COORD_SCALE,
        "y0": y0,
        "x": np.diff(x, prepend=0).tolist(),
        "y": (y - y0).tolist(),
        "p": {
            k: affix_coded(np.asarray(v, dtype=object)[order].tolist()) for k, v in props.items()
        },
    }
    return safe_json(data)


def decode_points(data: Mapping[str, Any]) -> tuple[list[float], list[float], dict[str, list]]:
    """The points and properties of a point layer's ``data_json`` as the browser reads them
    (the Python twin of the script's decoding)."""
    x, y = list(data["x"]), list(data["y"])
    if data.get("q"):
        q, y0 = data["q"], data["y0"]
        x = (np.cumsum(np.asarray(x, dtype=np.int64)) / q).tolist()
        y = ((np.asarray(y, dtype=np.int64) + y0) / q).tolist()
    props = {}
    for key, column in data["p"].items():
        if isinstance(column, dict):
            column = [
                None if m is None else column["P"][p] + m + column["S"][s]
                for p, m, s in zip(column["p"], column["m"], column["s"], strict=True)
            ]
        props[key] = list(column)
    return x, y, props
