"""The default screen of the bundled sample's 2015 firms looks like a real screen (DOMAIN §8):
the number of firms falls with the number of flags, and 5–12 % are phase-out candidates."""

from __future__ import annotations

import geopandas as gpd
import pytest

from scoring.screen.run import screen
from store.workspace import SAMPLE_GPKG


@pytest.fixture(scope="module")
def sample_screen():
    firms = gpd.read_file(SAMPLE_GPKG, layer="enterprises", engine="pyogrio", use_arrow=True)
    return screen(firms, year=2015).table


def test_flag_count_distribution_falls(sample_screen):
    counts = sample_screen["flag_count"].value_counts().reindex(range(6), fill_value=0)
    assert list(counts) == sorted(counts, reverse=True), dict(counts)
    assert counts.is_monotonic_decreasing
    assert counts.iloc[0] > counts.iloc[1]


def test_five_to_twelve_percent_are_phase_out_candidates(sample_screen):
    share = sample_screen["phase_out"].mean()
    assert 0.05 <= share <= 0.12, share


def test_every_flagged_firm_has_a_reason_per_flag(sample_screen):
    flagged = sample_screen[sample_screen["flag_count"] > 0]
    labels = {"flag_labour": "用工过多：", "flag_land": "占地过大：", "flag_low_va": "附加值过低：",
              "flag_energy": "耗能过高：", "flag_pollution": "排污过量："}  # fmt: skip
    for column, label in labels.items():
        hit = flagged[flagged[column]]
        assert hit["reasons"].str.contains(label, regex=False).all(), column
