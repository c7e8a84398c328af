"""What a reader returns: the file's table as typed, and what the user should be told."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from errors import Problem

__all__ = ["RawFile"]


@dataclass(frozen=True)
class RawFile:
    """A file read as it is, before the layer contract is checked.

    ``frame`` is a DataFrame of text cells (tables) or a GeoDataFrame (vector files);
    ``warnings`` are problems that did not stop the read (an encoding guessed); ``row_offset``
    turns a 0-based position into the row the user sees (2 for a spreadsheet with a header
    line, 1 for features).
    """

    frame: pd.DataFrame | gpd.GeoDataFrame
    warnings: tuple[Problem, ...] = ()
    row_offset: int = 2
