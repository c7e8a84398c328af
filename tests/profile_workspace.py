"""A small built workspace for the firm profile's tests: the sample's towns and parks, and
twelve hand-made firms (tests.scoring.screen_firms) in three survey years.

Firm 0 ("profile_firm") lies at a point of a park of 化龙 (its stored ``town``/``park_id`` are
stale on purpose: the profile must follow its location). In 2015 it pays tax 6 万元 on 15 亩
(0.4 万元/亩, below 0.5 × the median 2.0) with a floor area of 5 000 m² (plot ratio 0.33 < 1.0):
占地过大. It completed a retrofit and 机器换人 in 2015, a clean-production audit in 2014, and asks
for 2 000 m² (3 亩) more land in 2015. It was not surveyed in 2016. The other firms lie in a
park of another town.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from store.workspace import Workspace
from tests.scoring.screen_firms import firms

__all__ = ["YEARS", "build_profile_workspace", "profile_firm"]

YEARS = (2014, 2015, 2016)


def profile_firm() -> str:
    return str(firms(1)["uscc"].iloc[0])


def build_profile_workspace(location: str) -> tuple[Workspace, pd.Series]:
    """The workspace at ``location`` (from the sample) with the hand-made firms; and the park
    firm 0 lies in (its row of the parks layer)."""
    ws = Workspace.open(location)
    parks = ws.read("parks").sort_values("park_id")
    park = parks[parks["town"] == "化龙"].iloc[0]
    inside = park.geometry.representative_point()
    other = parks[parks["town"] != "化龙"].iloc[0].geometry.representative_point()
    years = []
    for year in YEARS:
        frame = firms(12, survey_year=year, town="旧镇", park_id="OLD-PARK")
        frame["record_id"] = frame["uscc"] + "-" + str(year)
        for column in ("tech_retrofit", "robot_retrofit", "clean_production_audit"):
            frame[column] = False
        frame["land_demand_m2"] = float("nan")
        frame["tech_retrofit_investment"] = 0.0
        if year == 2014:
            frame.loc[0, "clean_production_audit"] = True
        if year == 2015:
            frame.loc[0, ["tax", "floor_area_m2", "land_demand_m2"]] = [6.0, 5000.0, 2000.0]
            frame.loc[0, ["tech_retrofit", "robot_retrofit"]] = True
            frame.loc[0, "tech_retrofit_investment"] = 120.0
        if year == 2016:
            frame = frame.iloc[1:]
        years.append(frame)
    table = pd.concat(years, ignore_index=True)
    points = [inside if u == profile_firm() else other for u in table["uscc"]]
    ws.write("enterprises", gpd.GeoDataFrame(table, geometry=points, crs="EPSG:4326"))
    return ws, park
