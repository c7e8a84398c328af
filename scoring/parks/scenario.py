"""Park-choice scenarios: the parameters to save, re-running a saved one, comparing two.

Storage is :mod:`store.scenarios` (a table in the workspace); this module only knows what a
park-choice scenario holds. Anything with ``parks`` and ``parameters`` attributes (a
``store.scenarios.Scenario``) can be compared or re-run.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from config.settings import ParkScoreSettings, validate_section

__all__ = [
    "ScenarioDiff",
    "choice_parameters",
    "compare_scenarios",
    "settings_from_parameters",
    "stale_note",
]

# parameters of a saved scenario that are [park_score] settings, re-applied as they were
_SETTING_KEYS = (
    "method",
    "normalization",
    "weighting",
    "gate",
    "robustness",
    "indicators",
    "chains",
    "recycling_pairs",
)


class _Saved(Protocol):
    @property
    def parks(self) -> tuple[str, ...]: ...

    @property
    def parameters(self) -> Mapping[str, Any]: ...

    @property
    def data_version(self) -> str: ...

    @property
    def name(self) -> str: ...


def choice_parameters(
    *, n: int, one_per_town: bool, pins: Sequence[str], excludes: Sequence[str]
) -> dict[str, Any]:
    """The choice rules, as recorded in a scenario."""
    return {
        "n": int(n),
        "one_per_town": bool(one_per_town),
        "pins": [str(p) for p in pins],
        "excludes": [str(p) for p in excludes],
    }


def settings_from_parameters(
    parameters: Mapping[str, Any], base: ParkScoreSettings
) -> ParkScoreSettings:
    """The ``[park_score]`` settings a scenario was computed with, over ``base`` (validated).

    The saved weights are re-applied as given weights when the scheme was "given" (or the
    page's sliders); equal, entropy and AHP are recomputed from their inputs.
    """
    out = base.dump()
    for key in _SETTING_KEYS:
        if key in parameters:
            saved = copy.deepcopy(parameters[key])
            # a table saved in part (an older or hand-written scenario) keeps the other keys
            both_tables = isinstance(saved, Mapping) and isinstance(out.get(key), Mapping)
            out[key] = {**out[key], **saved} if both_tables else saved
    if "weights_given" in parameters:
        out["weights"] = dict(parameters["weights_given"])
    if "ahp" in parameters:
        out["ahp"] = {**out["ahp"], "matrix": parameters["ahp"]["matrix"]}
    if "survey_year" in parameters:
        out["survey_year"] = int(parameters["survey_year"])
    return validate_section(ParkScoreSettings, out, source="scenario", prefix="park_score")


@dataclass(frozen=True)
class ScenarioDiff:
    """What differs between two scenarios: parks and the parameters behind the change."""

    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    both: tuple[str, ...]
    changed: tuple[tuple[str, Any, Any], ...]  # (dotted parameter, value in a, value in b)

    @property
    def same_parks(self) -> bool:
        return not self.only_a and not self.only_b


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}{k}."))
        return out
    return {prefix.rstrip("."): value}


_IGNORED = ("notes",)


def compare_scenarios(a: _Saved, b: _Saved) -> ScenarioDiff:
    """Which parks changed between ``a`` and ``b``, and which parameters explain it."""
    fa, fb = _flatten(dict(a.parameters)), _flatten(dict(b.parameters))
    changed = []
    for key in sorted(set(fa) | set(fb)):
        if key.split(".")[0] in _IGNORED:
            continue
        va, vb = fa.get(key), fb.get(key)
        if isinstance(va, float) and isinstance(vb, float) and abs(va - vb) < 1e-9:
            continue
        if va != vb:
            changed.append((key, va, vb))
    if a.data_version != b.data_version:
        changed.append(("data_version", a.data_version, b.data_version))
    return ScenarioDiff(
        only_a=tuple(p for p in a.parks if p not in b.parks),
        only_b=tuple(p for p in b.parks if p not in a.parks),
        both=tuple(p for p in a.parks if p in b.parks),
        changed=tuple(changed),
    )


def stale_note(scenario: _Saved, current_version: str) -> str:
    """A warning when the scenario was computed on other data ("" when it is current)."""
    if scenario.data_version == current_version:
        return ""
    return (
        f"方案「{scenario.name}」基于旧数据（数据版本 {scenario.data_version}，当前 "
        f"{current_version}）：重新计算的结果可能不同 — scenario {scenario.name!r} was computed "
        f"on data version {scenario.data_version}; the workspace is now {current_version}"
    )
