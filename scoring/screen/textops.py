"""Column-wise text for reasons: numbers to strings, concatenation, scatter and join.

Everything works on whole Arrow arrays (``pyarrow.compute``), so building the reasons of a
million firms is a handful of C++ kernels, not a Python loop over rows. A null element means
"no text here" and is skipped when lines are joined.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "Part",
    "concat",
    "from_series",
    "number_text",
    "scatter",
    "take_text",
    "to_series",
]

Part: TypeAlias = pa.Array | pa.ChunkedArray | str


def number_text(values: np.ndarray, decimals: int | None = 1) -> pa.Array:
    """Numbers as short text: rounded to ``decimals`` (``None``: three significant digits),
    without trailing zeros ("7.4", "212", "0.00123"); NaN gives null."""
    x = np.asarray(values, dtype="float64")
    if decimals is None:
        with np.errstate(divide="ignore", invalid="ignore"):
            mag = np.floor(np.log10(np.abs(x)))
        digits = np.where(np.isfinite(mag), 2 - mag, 0).clip(-15, 15)
        scale = np.power(10.0, digits)
        x = np.round(x * scale) / scale
    else:
        x = np.round(x, decimals)
    arr = pa.array(x, from_pandas=True)  # NaN → null
    return pc.cast(arr, pa.string())


def concat(*parts: Part) -> pa.Array:
    """Element-wise concatenation of arrays and literal strings; null if any part is null."""
    arrays = [pa.scalar(p, pa.string()) if isinstance(p, str) else p for p in parts]
    if not any(isinstance(a, pa.Array | pa.ChunkedArray) for a in arrays):
        raise ValueError("concat needs at least one array")
    return pc.binary_join_element_wise(*arrays, "", null_handling="emit_null")


def take_text(texts: Sequence[str], slots: np.ndarray) -> pa.Array:
    """``texts[slot]`` for each slot, as a string array (a few texts broadcast to many rows)."""
    return pc.take(pa.array(list(texts), pa.string()), pa.array(slots))


def scatter(n: int, positions: np.ndarray, values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """A length-``n`` array holding ``values`` at ``positions`` and null elsewhere."""
    index = np.full(n, -1, dtype=np.int64)
    index[positions] = np.arange(len(positions))
    taken = pc.take(values, pa.array(index, mask=index < 0))
    return taken.combine_chunks() if isinstance(taken, pa.ChunkedArray) else taken


def assemble(
    n: int, parts: Sequence[tuple[np.ndarray, pa.Array | pa.ChunkedArray]], sep: str
) -> pa.Array:
    """Length-``n`` texts: each row's parts, in the order given, joined by ``sep`` (``""`` for
    a row with none).

    ``parts`` are ``(positions, texts)`` pairs: the rows a part speaks for (ascending, no row
    twice within one pair) and its text there. The parts are merged into one list per row
    (rows, then part order) and joined by Arrow's ``binary_join``: three passes over the parts'
    text, none over rows without one. (pyarrow 26's ``binary_join_element_wise`` with
    ``null_handling="skip"`` drops rows that are null in every column, so it is not used.)
    """
    if not parts:
        return pa.array([""] * n, pa.string())
    rows = np.concatenate([np.asarray(pos, dtype=np.int64) for pos, _ in parts])
    which = np.concatenate([np.full(len(pos), k, dtype=np.int64) for k, (pos, _) in
                            enumerate(parts)])  # fmt: skip
    order = np.lexsort((which, rows))
    chunks = [t.combine_chunks() if isinstance(t, pa.ChunkedArray) else t for _, t in parts]
    values = pc.take(pa.concat_arrays([c.cast(pa.string()) for c in chunks]), pa.array(order))
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=offsets[1:])
    lists = pa.ListArray.from_arrays(pa.array(offsets), values)
    return pc.binary_join(lists, sep)


def from_series(series: pd.Series) -> pa.Array:
    """A pandas text Series (missing values as null) as an Arrow string array."""
    arr = pa.array(series.astype("string[pyarrow]").array)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string())


def to_series(values: pa.Array | pa.ChunkedArray, index: pd.Index, name: str) -> pd.Series:
    """An Arrow string array as a pandas string Series on ``index``."""
    return pd.Series(
        pd.arrays.ArrowStringArray(
            pa.chunked_array([values]) if isinstance(values, pa.Array) else values
        ),
        index=index,
        name=name,
    )
