"""The screen's settings: a user's TOML validated (every problem at once), diffed, written back.

``config.merge`` reports unknown keys and wrong types; :func:`check_screen_config` adds the
values the screen needs to make sense (a mode that exists, a positive factor, class shares that
increase …). :func:`parse_user_config` runs both and raises one
:class:`errors.ValidationError` listing everything. :func:`config_diff` is what the page shows
("difference from the defaults") and :func:`overrides_toml` what it offers for download: a
TOML holding only the changed keys, which :func:`parse_user_config` reads back.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import tomli_w

from config import DEFAULTS_PATH, merge
from config.settings import settings_problems
from errors import Problem, ValidationError
from scoring.screen.five_excess import FLAG_RULES, MODES
from scoring.screen.indicators import ELECTRICITY_BASES

__all__ = [
    "check_screen_config",
    "config_diff",
    "load_screen_config",
    "overrides",
    "overrides_toml",
    "parse_user_config",
]


def _defaults() -> dict[str, Any]:
    with DEFAULTS_PATH.open("rb") as fh:
        return tomllib.load(fh)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


class _Checks:
    """Collects the problems of one configuration."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, field: str, value: object, allowed: str) -> None:
        self.problems.append(Problem(self.source, None, field, value, allowed))

    def number(self, field: str, value: object, *, low: float, strict: bool = False) -> None:
        ok = _is_number(value) and (value > low if strict else value >= low)  # type: ignore[operator]
        if not ok:
            sign = ">" if strict else "≥"
            self.add(field, value, f"须为数值 {sign} {low:g} / must be a number {sign} {low:g}")

    def integer(self, field: str, value: object, *, low: int, high: int | None = None) -> None:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= low
        ok = ok and (high is None or value <= high)  # type: ignore[operator]
        if not ok:
            span = f"{low}–{high}" if high is not None else f"≥ {low}"
            self.add(field, value, f"须为整数 {span} / must be an integer {span}")


def _check_five_excess(fx: Mapping[str, Any], c: _Checks) -> None:
    c.integer("five_excess.min_flags", fx.get("min_flags"), low=1, high=len(FLAG_RULES))
    c.integer("five_excess.group_min_size", fx.get("group_min_size"), low=1)
    for key in FLAG_RULES:
        part = fx.get(key, {})
        if part.get("mode") not in MODES:
            c.add(
                f"five_excess.{key}.mode",
                part.get("mode"),
                "须为 / must be one of: " + ", ".join(MODES),
            )
        c.number(f"five_excess.{key}.factor", part.get("factor"), low=0, strict=True)
        c.number(f"five_excess.{key}.threshold", part.get("threshold"), low=0)


def _check_plot_ratio(table: Mapping[str, Any], c: _Checks) -> None:
    from geo.codes import industry_table

    codes = industry_table()
    for key, value in table.items():
        entry = codes.get(str(key))
        if key != "default" and (entry is None or entry[1] != "division"):
            c.add(
                f"plot_ratio_min.{key}",
                value,
                "键须为 default 或 GB/T 4754 两位大类 / key must be default or a "
                "2-digit GB/T 4754 division",
            )
        c.number(f"plot_ratio_min.{key}", value, low=0, strict=True)


def _check_grade(grade: Mapping[str, Any], c: _Checks) -> None:
    for table in ("weights_above_scale", "weights_below_scale"):
        weights = grade.get(table, {})
        for key, value in weights.items():
            c.number(f"grade.{table}.{key}", value, low=0)
        if all(_is_number(v) for v in weights.values()) and sum(weights.values()) <= 0:
            c.add(f"grade.{table}", None, "权重之和须 > 0 / the weights must sum to more than 0")
    classes = grade.get("classes", {})
    shares = [classes.get(k) for k in "ABC"]
    for k, v in zip("ABC", shares, strict=True):
        c.number(f"grade.classes.{k}", v, low=0, strict=True)
    a, b, cc = (float(v) if _is_number(v) else float("nan") for v in shares)
    if all(_is_number(v) for v in shares) and not (0 < a < b < cc <= 1):
        c.add("grade.classes", shares, "须 0 < A < B < C ≤ 1 / must be 0 < A < B < C ≤ 1")
    c.number("grade.classes.min_age_years", classes.get("min_age_years"), low=0)
    utilities = classes.get("utility_divisions", [])
    if not isinstance(utilities, list) or not all(
        isinstance(d, str) and len(d) == 2 and d.isdigit() for d in utilities
    ):
        c.add(
            "grade.classes.utility_divisions",
            utilities,
            '须为两位大类代码列表，如 ["44", "45"] / must be a list of 2-digit divisions',
        )


def _check_prices(prices: Mapping[str, Any], c: _Checks) -> None:
    for key, value in prices.items():
        steps = value if isinstance(value, list) else [value]
        if not steps or not all(_is_number(v) and v >= 0 for v in steps):
            c.add(
                f"prices.{key}",
                value,
                "须为 ≥ 0 的数值或按年的数值列表 / must be a number ≥ 0 or a list of them "
                "by year in D",
            )


def _check_energy(energy: Mapping[str, Any], c: _Checks) -> None:
    basis = energy.get("electricity_basis")
    if basis not in ELECTRICITY_BASES:
        c.add(
            "energy.electricity_basis",
            basis,
            "须为 calorific（当量值）或 equivalent（等价值）/ must be calorific or equivalent",
        )
    for key, value in energy.items():
        if key != "electricity_basis":
            c.number(f"energy.{key}", value, low=0, strict=True)


def check_screen_config(config: Mapping[str, Any], *, source: str = "config") -> list[Problem]:
    """Every problem of the screen's sections of a merged configuration (empty when fine)."""
    c = _Checks(source)
    _check_five_excess(config.get("five_excess", {}), c)
    _check_plot_ratio(config.get("plot_ratio_min", {}), c)
    _check_grade(config.get("grade", {}), c)
    _check_prices(config.get("prices", {}), c)
    _check_energy(config.get("energy", {}), c)
    return c.problems


def _drop(user: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """``user`` without the dotted keys ``fields`` (the ones merge refused)."""
    clean = copy.deepcopy(user)
    for dotted in fields:
        node: Any = clean
        *parents, last = dotted.split(".")
        for p in parents:
            node = node.get(p, {}) if isinstance(node, dict) else {}
        if isinstance(node, dict):
            node.pop(last, None)
    return clean


def parse_user_config(text: str | bytes, *, source: str = "config.toml") -> dict[str, Any]:
    """The defaults with the user's TOML ``text`` merged over them, every problem at once.

    Raises
    ------
    errors.ValidationError
        Listing TOML syntax errors, or else every unknown key, wrong type and bad value.
    """
    raw = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    try:
        user = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        problem = Problem(source, None, "TOML", None, f"TOML 语法错误 / invalid TOML: {exc}")
        raise ValidationError([problem], source=source) from exc
    defaults = _defaults()
    problems: list[Problem] = []
    try:
        merged = merge(defaults, user, source=source)
    except ValidationError as exc:  # collected, then raised with the value problems below
        problems.extend(exc.problems)
        merged = merge(defaults, _drop(user, [p.field for p in exc.problems]), source=source)
    problems.extend(check_screen_config(merged, source=source))
    # the typed settings (config.settings) check every other section too (park score, targets)
    reported = {p.field.split("[")[0] for p in problems}
    problems.extend(
        p
        for p in settings_problems(merged, source=source)
        if not any(p.field == f or p.field.startswith(f + ".") for f in reported)
    )
    if problems:
        raise ValidationError(problems, source=source)
    return merged


def load_screen_config(path: str | Path | None = None) -> dict[str, Any]:
    """The configuration for a screen: the defaults, with the TOML at ``path`` merged over."""
    if path is None:
        return _defaults()
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem(path.name, None, "file", str(path), "文件不存在或不可读 / cannot be read")
        raise ValidationError([problem], source=path.name) from exc
    return parse_user_config(data, source=path.name)


def _flatten(node: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in node.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def _changes(
    config: Mapping[str, Any], defaults: Mapping[str, Any] | None
) -> list[tuple[str, Any, Any]]:
    base = _flatten(defaults if defaults is not None else _defaults())
    mine = _flatten(config)
    return [(k, base.get(k), v) for k, v in mine.items() if k not in base or base[k] != v]


def config_diff(
    config: Mapping[str, Any], defaults: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """The keys whose value differs from the defaults: ``key``, ``default``, ``value``."""
    return pd.DataFrame(
        _changes(config, defaults), columns=["key", "default", "value"], dtype=object
    )


def overrides(
    config: Mapping[str, Any], defaults: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Only the changed keys of ``config``, nested as in the TOML file."""
    nested: dict[str, Any] = {}
    for key, _default, value in _changes(config, defaults):
        node = nested
        *parents, last = key.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = value
    return nested


def overrides_toml(config: Mapping[str, Any], defaults: Mapping[str, Any] | None = None) -> str:
    """A TOML file holding the keys of ``config`` that differ from the defaults."""
    head = (
        "# ParkPlan 筛查配置（仅与默认值不同的项）/ screen settings that differ from the defaults\n"
    )
    return head + tomli_w.dumps(overrides(config, defaults))
