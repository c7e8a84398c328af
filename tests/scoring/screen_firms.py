"""Hand-made firms for the screen tests: identical "neutral" firms, then one column changed.

A neutral firm (C33 金属制品业, above scale, founded 2000, surveyed 2015):
employees 10, land 10 000 m² (= 15 亩 exactly), floor 15 000 m² (plot ratio 1.5),
gross output 400, value added 100, revenue 400, tax 30 万元 (2 万元/亩), R&D 4,
electricity 100 000 kWh (12.29 tce 当量值), water 1 000 m³, COD 0.1 t + NH3-N 0.01 t.
Identical firms raise no flag: no value is below half (or above twice) the shared median.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.codes import uscc_check_char

NEUTRAL: dict[str, object] = {
    "industry_code": "3311",
    "above_scale": True,
    "founded_year": 2000,
    "survey_year": 2015,
    "employees": 10,
    "land_area_m2": 10000.0,
    "floor_area_m2": 15000.0,
    "gross_output": 400.0,
    "value_added": 100.0,
    "revenue": 400.0,
    "tax": 30.0,
    "rd_spend": 4.0,
    "electricity_kwh": 100000.0,
    "natural_gas_m3": 0.0,
    "coal_t": 0.0,
    "diesel_t": 0.0,
    "fuel_oil_t": 0.0,
    "lpg_t": 0.0,
    "heat_gj": 0.0,
    "water_m3": 1000.0,
    "wastewater_t": 800.0,
    "cod_t": 0.1,
    "nh3n_t": 0.01,
    "so2_t": 0.0,
    "nox_t": 0.0,
    "permitted_emissions_t": np.nan,
    "years_in_d": 0,
    "town": "市桥",
    "park_id": "P1",
}


def uscc(i: int) -> str:
    stem = f"91440113{i:09d}"
    return stem + uscc_check_char(stem)


def firms(n: int, **columns: object) -> pd.DataFrame:
    """``n`` neutral firms; each keyword replaces a column (a scalar or ``n`` values)."""
    data = {k: [v] * n for k, v in NEUTRAL.items()}
    for key, value in columns.items():
        data[key] = list(value) if isinstance(value, list | tuple | np.ndarray) else [value] * n
    frame = pd.DataFrame(data)
    frame.insert(0, "uscc", [uscc(i) for i in range(n)])
    frame.insert(1, "name", [f"企业{i}" for i in range(n)])
    frame["record_id"] = frame["uscc"] + "-" + frame["survey_year"].astype(str)
    return frame


def config(**five_excess: object) -> dict:
    """The default configuration with ``[five_excess]`` keys replaced (tables merged)."""
    from config import load_config

    cfg = load_config()
    for key, value in five_excess.items():
        if isinstance(value, dict):
            cfg["five_excess"][key] = {**cfg["five_excess"][key], **value}
        else:
            cfg["five_excess"][key] = value
    return cfg
