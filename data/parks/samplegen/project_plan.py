"""Small helpers of the project library: types, short firm names, stage timelines [G]."""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np

__all__ = [
    "END",
    "EQUIPMENT_SHARE",
    "STAGES",
    "TYPES",
    "firm_short_name",
    "later_types",
    "timeline",
]

END = date(2017, 12, 31)  # the library is as of this day
# the plan's 三(一) list of supported projects [V]
TYPES = (
    "设备更新", "机器换人", "智能化改造", "两化融合", "园区循环化改造", "扩产增效", "企业技术中心",
    "首台套",
)  # fmt: skip
STAGES = ("储备", "落地", "开工", "投产", "终止")
# equipment's share of a project's investment, by type [U]
EQUIPMENT_SHARE = {
    "设备更新": (0.65, 0.92),
    "机器换人": (0.6, 0.9),
    "智能化改造": (0.5, 0.8),
    "两化融合": (0.3, 0.6),
    "园区循环化改造": (0.35, 0.65),
    "扩产增效": (0.4, 0.7),
    "企业技术中心": (0.3, 0.6),
    "首台套": (0.2, 0.5),
}
# the types of the projects filed in 2016 and 2017, besides two 园区循环化改造 a year [G]
LATER_WEIGHTS = {
    "设备更新": 0.28,
    "机器换人": 0.08,
    "智能化改造": 0.22,
    "两化融合": 0.10,
    "扩产增效": 0.17,
    "企业技术中心": 0.09,
    "首台套": 0.06,
}
_PREFIX = re.compile(r"^(广州市番禺区|广州市|广州)")
_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司)$")
_STEPS = ("reserve_date", "landing_date", "start_date", "production_date")


def firm_short_name(name: str) -> str:
    """``广州市番禺区越沃服装有限公司`` → ``越沃服装``."""
    return _SUFFIX.sub("", _PREFIX.sub("", name)) or name


def later_types(rng: np.random.Generator, n: int) -> list[str]:
    kinds = list(LATER_WEIGHTS)
    w = np.array(list(LATER_WEIGHTS.values()))
    out = ["园区循环化改造"] * 2 + [str(k) for k in rng.choice(kinds, size=n - 2, p=w / w.sum())]
    return [out[i] for i in rng.permutation(n)]


def _day(rng, low: float, high: float) -> timedelta:
    return timedelta(days=int(rng.uniform(low, high)))


def timeline(rng: np.random.Generator, year: int, *, done_in: int | None) -> dict:
    """Stage dates of a project filed in ``year`` (completed in ``done_in`` if given), cut at
    ``END``: the stage is the last one reached, later dates are empty."""
    jan = date(year, 1, 5)
    if done_in is not None:  # filed early, completed before the year's end
        reserve = jan + _day(rng, 0, 85)
        landing = reserve + _day(rng, 10, 40)
        planned_start = landing + _day(rng, 10, 40)
        start = max(planned_start + _day(rng, -5, 15), landing + timedelta(days=3))
        planned_production = planned_start + _day(rng, 90, 200)
        production = min(start + _day(rng, 60, 220), date(done_in, 12, 20))
    else:
        late_in_year = 150 if year == 2015 else 330
        reserve = jan + _day(rng, 0, late_in_year)
        landing = reserve + _day(rng, 10, 120)
        planned_start = landing + _day(rng, 20, 120)
        start = max(
            planned_start + timedelta(days=int(rng.normal(10, 30))), landing + _day(rng, 5, 15)
        )
        if year == 2015:  # the 2015 spend of the survey: started within the year
            start = min(start, date(2015, 11, 30))
        duration = rng.uniform(150, 600)
        planned_production = planned_start + timedelta(days=int(duration))
        production = start + timedelta(days=int(duration * rng.uniform(0.9, 1.3)))
        if year == 2015:  # only the survey's retrofit firms completed one in 2015
            production = max(production, date(2016, 1, 10) + _day(rng, 0, 120))
    steps = dict(zip(_STEPS, (reserve, landing, start, production), strict=True))
    reached = [k for k, d in steps.items() if d <= END]
    out: dict = {k: (d.isoformat() if k in reached else None) for k, d in steps.items()}
    out["stage"] = STAGES[len(reached) - 1]
    out["terminated_date"] = None
    out["planned_start_date"] = planned_start.isoformat()
    out["planned_production_date"] = planned_production.isoformat()
    return out
