"""Text encodings of the land-bureau files: UTF-8, or GBK for the many Chinese GIS tools that
assume the Windows code page 936 (DOMAIN.md §5).

A value that GBK cannot hold (a rare character outside GB 18030's two-byte range) would be
written as "?" by most writers, silently; :func:`encoding_problems` finds every such cell
first, so the planner can switch to UTF-8 or fix the name.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from errors import Problem, UnknownKeyError

__all__ = ["ENCODINGS", "TextEncoding", "encoding_problems", "text_encoding"]


@dataclass(frozen=True)
class TextEncoding:
    """One text encoding and how each format names it."""

    key: str
    codec: str  # Python / GDAL name
    cpg: str  # what the Shapefile .cpg says (Esri, GDAL and QGIS read both values)
    ldid: int  # dBASE language driver id (byte 29 of the .dbf); 0 = none


ENCODINGS: dict[str, TextEncoding] = {
    "utf-8": TextEncoding("utf-8", "UTF-8", "UTF-8", 0x00),
    # code page 936 is GBK; 0x4D is the dBASE language driver of code page 936
    "gbk": TextEncoding("gbk", "GBK", "936", 0x4D),
}


def text_encoding(key: str) -> TextEncoding:
    """The encoding called ``key`` (``utf-8`` or ``gbk``, any case); unknown keys list the known."""
    norm = key.strip().lower().replace("_", "-")
    norm = {"utf8": "utf-8", "cp936": "gbk", "936": "gbk"}.get(norm, norm)
    if norm not in ENCODINGS:
        raise UnknownKeyError("text encoding", key, list(ENCODINGS))
    return ENCODINGS[norm]


def encoding_problems(
    frame: pd.DataFrame, encoding: TextEncoding, *, source: str, id_column: str
) -> list[Problem]:
    """Every text cell of ``frame`` that ``encoding`` cannot represent (row = list position)."""
    problems: list[Problem] = []
    if encoding.key == "utf-8":
        return problems
    ids = frame[id_column].astype(str).to_numpy()
    for column in frame.columns:
        series = frame[column]
        if column == "geometry" or not (
            pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)
        ):
            continue
        for pos, value in enumerate(series.to_numpy()):
            if not isinstance(value, str) or value.isascii():
                continue
            try:
                value.encode(encoding.codec)
            except UnicodeEncodeError as exc:
                problems.append(
                    Problem(
                        source,
                        pos + 1,
                        str(column),
                        value,
                        f"parcel {ids[pos]}: {exc.object[exc.start : exc.end]!r} cannot be "
                        f"written in {encoding.codec}; choose UTF-8",
                    )
                )
    return problems
