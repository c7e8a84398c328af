"""The bundled sample's survey columns and towns, read once per session."""

from __future__ import annotations

import pandas as pd
import pyogrio
import pytest

from scoring.targets.split import SURVEY_COLUMNS
from store.workspace import SAMPLE_GPKG


@pytest.fixture(scope="session")
def sample_survey() -> tuple[pd.DataFrame, list[str]]:
    firms = pyogrio.read_dataframe(
        SAMPLE_GPKG, layer="enterprises", columns=list(SURVEY_COLUMNS), read_geometry=False
    )
    towns = pyogrio.read_dataframe(SAMPLE_GPKG, layer="towns", read_geometry=False)
    return firms, [str(n) for n in towns.sort_values("town_code")["name"]]
