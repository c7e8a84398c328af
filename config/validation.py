"""Pydantic's validation errors as the project's one-line problems: each names the dotted key,
the value and what the field allows (the ``description`` of its type)."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

import pydantic
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from config.fields import msg
from errors import Problem, ValidationError

__all__ = ["problems_of", "validate_section"]

M = TypeVar("M", bound=BaseModel)


def _field_info(annotation: Any) -> FieldInfo | None:
    if typing.get_origin(annotation) is Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, FieldInfo):
                return meta
    return None


def _strip(annotation: Any) -> Any:
    return (
        typing.get_args(annotation)[0] if typing.get_origin(annotation) is Annotated else annotation
    )


def _allowed(model: type[BaseModel], loc: tuple[int | str, ...]) -> str | None:
    """What the field at ``loc`` allows: the description of the deepest typed step."""
    current: Any = model
    found: str | None = None
    for part in loc:
        current = _strip(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = current.model_fields
            name = next((n for n, f in fields.items() if part in (n, f.alias)), None)
            if name is None:
                return found
            info = fields[name]
            found = info.description or found
            current = info.annotation
            continue
        args = typing.get_args(current)
        if not args:
            return found
        inner = args[-1]  # list[X] → X, dict[str, X] → X, tuple[X, Y] → Y
        info_inner = _field_info(inner)
        if info_inner is not None and info_inner.description:
            found = info_inner.description
        current = inner
    return found


def _describe(model: type[BaseModel], error: Any) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing" and not (loc and isinstance(loc[-1], int)):
        return msg("缺少此项", "missing")
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
        return msg("须为", "must be one of") + f": {expected.replace(' or ', ', ')}"
    if kind in ("too_short", "too_long"):
        return msg("长度不符", "wrong length") + f" ({error['msg']})"
    allowed = _allowed(model, loc)
    if allowed:
        return allowed
    if kind in ("dict_type", "model_type"):
        return msg("须为表", "must be a table")
    return str(error["msg"])


def _dotted(prefix: str, loc: tuple[int | str, ...]) -> str:
    parts = [prefix] if prefix else []
    for part in loc:
        if isinstance(part, int):
            parts[-1] = f"{parts[-1]}[{part}]" if parts else f"[{part}]"
        else:
            parts.append(str(part))
    return ".".join(parts)


def _is_tag(part: str) -> bool:
    """A union member's tag in an error location ("constrained-float", "list[float]")."""
    return "[" in part or "-" in part


def problems_of(
    model: type[BaseModel], exc: pydantic.ValidationError, *, source: str, prefix: str
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        # a union (prices) tags its members' errors ("constrained-float", "list[...]"): report
        # them once, on the field, with what the field allows
        tag = next((i for i, p in enumerate(loc) if isinstance(p, str) and _is_tag(p)), None)
        if tag is not None:
            loc, error = loc[:tag], {**error, "type": "union", "input": None, "loc": loc[:tag]}
        value = error.get("input")
        if isinstance(value, dict):
            value = None
        problems.append(Problem(source, None, _dotted(prefix, loc), value, _describe(model, error)))
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in problems:
        if (p.field, p.allowed) not in seen:
            seen.add((p.field, p.allowed))
            unique.append(p)
    return unique


def validate_section(
    model: type[M], data: Mapping[str, Any], *, source: str = "config", prefix: str = ""
) -> M:
    """``data`` as ``model``, or one :class:`errors.ValidationError` naming every bad key."""
    try:
        return model.model_validate(dict(data))
    except pydantic.ValidationError as exc:
        problems = problems_of(model, exc, source=source, prefix=prefix)
        raise ValidationError(problems, source=source) from None
