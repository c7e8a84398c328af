"""The one configuration: ``config/defaults.toml`` with a user's TOML merged over it.

Settings are read when called (osmnx ``settings`` habit), never cached at import, so a test or a
page can pass its own file. Unknown keys are an error that lists the known ones; every value is
validated once, here, by the typed models of :mod:`config.settings` (``load_settings`` gives
them typed).
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from errors import Problem, ValidationError

if TYPE_CHECKING:
    from config.settings import Settings

__all__ = ["DEFAULTS_PATH", "load_config", "load_settings", "merge", "merged_config"]

DEFAULTS_PATH = Path(__file__).with_name("defaults.toml")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        problem = Problem(path.name, None, "file", str(path), "文件不存在 / file does not exist")
        raise ValidationError([problem], source=path.name) from exc
    except tomllib.TOMLDecodeError as exc:
        problem = Problem(path.name, None, "TOML", None, f"TOML 语法错误 / invalid TOML: {exc}")
        raise ValidationError([problem], source=path.name) from exc


def merge(
    base: dict[str, Any],
    override: dict[str, Any],
    *,
    source: str = "config",
    open_tables: tuple[str, ...] = (
        "plot_ratio_min",
        "park_score.chains",
        "projects.district_budget_wan",
    ),
) -> dict[str, Any]:
    """Merge ``override`` over ``base`` key by key; report every unknown key at once.

    Tables named in ``open_tables`` accept new keys (e.g. a plot-ratio minimum for another
    GB/T 4754 division).
    """
    problems: list[Problem] = []
    result = copy.deepcopy(base)

    def walk(dst: dict[str, Any], src: dict[str, Any], prefix: str) -> None:
        for key, value in src.items():
            dotted = f"{prefix}{key}"
            if key not in dst:
                if prefix.rstrip(".") in open_tables:
                    dst[key] = value
                    continue
                known = ", ".join(sorted(dst))
                problems.append(
                    Problem(source, None, dotted, value, f"unknown key; known: {known}")
                )
            elif isinstance(dst[key], dict):
                if isinstance(value, dict):
                    walk(dst[key], value, dotted + ".")
                else:
                    problems.append(
                        Problem(source, None, dotted, value, "须为表 / must be a table")
                    )
            elif isinstance(value, dict) or (
                isinstance(dst[key], (int, float)) and not isinstance(value, (int, float))
            ):
                problems.append(
                    Problem(
                        source,
                        None,
                        dotted,
                        value,
                        f"须为 {type(dst[key]).__name__} / must be {type(dst[key]).__name__}",
                    )
                )
            else:
                dst[key] = value

    walk(result, override, "")
    if problems:
        raise ValidationError(problems, source=source)
    return result


def merged_config(path: str | Path | None = None) -> dict[str, Any]:
    """The defaults, with the TOML file at ``path`` (if any) merged over them; keys and types
    checked, values not (see :func:`load_config`)."""
    config = _read(DEFAULTS_PATH)
    if path is None:
        return config
    path = Path(path)
    return merge(config, _read(path), source=path.name)


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """:func:`merged_config`, every value validated (:func:`config.settings.validate`).

    Raises
    ------
    errors.ValidationError
        Naming every unknown key, wrong type and value out of bounds at once.
    """
    from config.settings import validate

    config = merged_config(path)
    validate(config, source=Path(path).name if path is not None else DEFAULTS_PATH.name)
    return config


def load_settings(path: str | Path | None = None) -> Settings:
    """The typed :class:`config.settings.Settings` of :func:`load_config`."""
    from config.settings import load_settings as typed

    return typed(path)
