"""Typed, frozen settings: one pydantic model per section of ``config/defaults.toml``.

:func:`validate` checks a merged configuration (``config.load_config``) once, at load, and
refuses every bad value at once as one :class:`errors.ValidationError` whose problems name the
dotted key, the value and what is allowed. No field has a default here: every default lives in
``config/defaults.toml`` and nowhere else.

The ``[import]`` section belongs to the import readers (``geo.readers_guard`` keeps its typed
limits); it passes through here, only ``lock_timeout_s`` is read.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import pydantic
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.fields import FieldInfo

from errors import Problem, ValidationError

__all__ = [
    "AhpSettings",
    "ChoiceSettings",
    "EnergySettings",
    "FiveExcessSettings",
    "FlagSettings",
    "GateSettings",
    "GradeClasses",
    "GradeSettings",
    "ImportSection",
    "IndicatorSettings",
    "MapSettings",
    "ParkScoreSettings",
    "ParkWeights",
    "PricesSettings",
    "RecyclingPair",
    "RobustnessSettings",
    "RouteSettings",
    "Settings",
    "TargetDistrict",
    "TargetPanel",
    "TargetsSettings",
    "as_settings",
    "load_settings",
    "settings_problems",
    "validate",
    "validate_section",
]

M = TypeVar("M", bound=BaseModel)

MAX_DRAWS = 100_000  # SMAA-2 weight draws: 10 000 take ~1 s on the sample; 1e9 would run for hours


def _msg(zh: str, en: str) -> str:
    return f"{zh} / {en}"


Positive = Annotated[
    float,
    Field(
        gt=0,
        allow_inf_nan=False,
        description=_msg("须为有限数值 > 0", "must be a finite number > 0"),
    ),
]
NonNegative = Annotated[
    float,
    Field(
        ge=0,
        allow_inf_nan=False,
        description=_msg("须为有限数值 ≥ 0", "must be a finite number ≥ 0"),
    ),
]
Share = Annotated[
    float,
    Field(
        ge=0,
        le=1,
        allow_inf_nan=False,
        description=_msg("须为 0–1 之间的比例", "must be a share from 0 to 1"),
    ),
]
OpenShare = Annotated[
    float,
    Field(
        gt=0,
        le=1,
        allow_inf_nan=False,
        description=_msg("须为 (0, 1] 之间的比例", "must be a share in (0, 1]"),
    ),
]
Finite = Annotated[
    float, Field(allow_inf_nan=False, description=_msg("须为有限数值", "must be a finite number"))
]
Code = Annotated[
    str,
    Field(
        pattern=r"^\d{2,4}$",
        description=_msg(
            "须为 GB/T 4754 代码（2–4 位数字的字符串）",
            "must be a GB/T 4754 code (a string of 2–4 digits)",
        ),
    ),
]
Division = Annotated[
    str,
    Field(
        pattern=r"^\d{2}$",
        description=_msg('须为两位大类代码，如 "26"', 'must be a 2-digit division, e.g. "26"'),
    ),
]
Year = Annotated[
    int, Field(ge=1900, le=2100, description=_msg("须为年份 1900–2100", "must be a year 1900–2100"))
]

_CODES = _msg(
    '须为 GB/T 4754 代码列表，如 ["26", "3360"]',
    'must be a list of GB/T 4754 codes, e.g. ["26", "3360"]',
)
_DIVISIONS = _msg(
    '须为两位大类代码列表，如 ["44", "45"]',
    'must be a list of 2-digit divisions, e.g. ["44", "45"]',
)


class Section(BaseModel):
    """A settings table: frozen, no unknown keys, no silent conversion ("26" is not a list)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


# -- the screen ---------------------------------------------------------------------------------


class EnergySettings(Section):
    """``[energy]``: kgce per unit (GB/T 2589) and the electricity basis."""

    electricity_basis: Literal["calorific", "equivalent"]
    electricity_kgce_per_kwh: Positive
    electricity_equivalent_kgce_per_kwh: Positive
    natural_gas_kgce_per_m3: Positive
    coal_kgce_per_kg: Positive
    diesel_kgce_per_kg: Positive
    fuel_oil_kgce_per_kg: Positive
    lpg_kgce_per_kg: Positive
    heat_kgce_per_gj: Positive


class FlagSettings(Section):
    """One flag of the five-excess screen: relative (factor × group median) or absolute."""

    mode: Literal["relative", "absolute"]
    factor: Positive
    threshold: NonNegative


class FiveExcessSettings(Section):
    """``[five_excess]``: the flags, how many make a phase-out candidate, the group size."""

    min_flags: Annotated[
        int, Field(ge=1, le=5, description=_msg("须为整数 1–5", "must be an integer 1–5"))
    ]
    group_min_size: Annotated[
        int, Field(ge=1, description=_msg("须为整数 ≥ 1", "must be an integer ≥ 1"))
    ]
    labour: FlagSettings
    land: FlagSettings
    low_va: FlagSettings
    energy: FlagSettings
    pollution: FlagSettings

    def rule(self, key: str) -> FlagSettings:
        """The rule of flag ``key``: labour, land, low_va, energy or pollution."""
        value = getattr(self, key)
        assert isinstance(value, FlagSettings)
        return value


class GradeClasses(Section):
    """``[grade.classes]``: cumulative shares of A, B, C; the T (not graded) rules."""

    A: OpenShare
    B: OpenShare
    C: OpenShare
    min_age_years: NonNegative
    utility_divisions: list[Division] = Field(description=_DIVISIONS)

    @model_validator(mode="after")
    def _increasing(self) -> GradeClasses:
        if not self.A < self.B < self.C:
            raise ValueError(_msg("须 0 < A < B < C ≤ 1", "must be 0 < A < B < C ≤ 1"))
        return self


Weights = dict[str, NonNegative]


def _positive_sum(weights: Mapping[str, float], what: str) -> None:
    if sum(weights.values()) <= 0:
        raise ValueError(
            _msg(f"{what} 权重之和须 > 0", f"the {what} weights must sum to more than 0")
        )


class GradeSettings(Section):
    """``[grade]``: 亩均效益 weights above and below scale, and the classes."""

    weights_above_scale: Weights
    weights_below_scale: Weights
    classes: GradeClasses

    @model_validator(mode="after")
    def _weights(self) -> GradeSettings:
        _positive_sum(self.weights_above_scale, "weights_above_scale")
        _positive_sum(self.weights_below_scale, "weights_below_scale")
        return self


Price = NonNegative | Annotated[list[NonNegative], Field(min_length=1)]


class PricesSettings(Section):
    """``[prices]``: D-class surcharges, a number or one per consecutive year in D."""

    electricity_yuan_per_kwh: Price = Field(
        description=_msg(
            "须为 ≥ 0 的数值或按年的数值列表", "must be a number ≥ 0 or a list of them by year in D"
        )
    )
    gas_yuan_per_m3: Price = Field(
        description=_msg(
            "须为 ≥ 0 的数值或按年的数值列表", "must be a number ≥ 0 or a list of them by year in D"
        )
    )
    water_yuan_per_m3: Price = Field(
        description=_msg(
            "须为 ≥ 0 的数值或按年的数值列表", "must be a number ≥ 0 or a list of them by year in D"
        )
    )


# -- parks ----------------------------------------------------------------------------------------


class ParkWeights(Section):
    """``[park_score.weights]``: relative weights of the six measures (normalised to sum 1)."""

    heat: NonNegative
    treatment: NonNegative
    water: NonNegative
    recycling: NonNegative
    pv: NonNegative
    chain: NonNegative

    @model_validator(mode="after")
    def _some(self) -> ParkWeights:
        _positive_sum(self.model_dump(), "park_score")
        return self


class AhpSettings(Section):
    """``[park_score.ahp]``: a Saaty pairwise matrix (empty = not used) and the CR limit."""

    matrix: list[list[Positive]] = Field(
        description=_msg(
            "须为 6×6 的正数矩阵（或空）", "must be a 6 × 6 matrix of positive numbers, or empty"
        )
    )
    max_cr: OpenShare


class GateSettings(Section):
    """``[park_score.gate]``: eligibility before ranking."""

    min_area_ha: Positive
    min_enterprises: Annotated[
        int,
        Field(
            ge=0, le=100_000, description=_msg("须为整数 0–100 000", "must be an integer 0–100 000")
        ),
    ]
    require_industrial_block: bool
    max_demolition_share: Share


class IndicatorSettings(Section):
    """``[park_score.indicators]``: distances, PV constants and pollution-intensive codes."""

    heat_source_cutoff_km: Positive
    sewage_plant_cutoff_km: Positive
    irradiance_kwh_m2: Positive
    pv_usable_share: OpenShare
    pv_module_efficiency: OpenShare
    pv_performance_ratio: OpenShare
    pollution_intensive: list[Code] = Field(description=_CODES)


class RecyclingPair(Section):
    """One waste-to-input pair (``from`` prefixes → ``to`` prefixes)."""

    model_config = ConfigDict(populate_by_name=True)

    name: str
    from_: list[Code] = Field(alias="from", min_length=1, description=_CODES)
    to: list[Code] = Field(min_length=1, description=_CODES)


class RobustnessSettings(Section):
    """``[park_score.robustness]``: SMAA-2 draws, seed, Dirichlet concentration, fragility."""

    draws: Annotated[
        int,
        Field(
            ge=1,
            le=MAX_DRAWS,
            description=_msg(f"须为整数 1–{MAX_DRAWS:,}", f"must be an integer 1–{MAX_DRAWS:,}"),
        ),
    ]
    seed: Annotated[int, Field(ge=0, description=_msg("须为整数 ≥ 0", "must be an integer ≥ 0"))]
    concentration: Positive
    min_p_top3: Share


class ChoiceSettings(Section):
    """``[park_score.choice]``: how many parks, at most one per town."""

    n: Annotated[
        int, Field(ge=1, le=50, description=_msg("须为整数 1–50", "must be an integer 1–50"))
    ]
    one_per_town: bool


class RouteSettings(Section):
    """``[park_score.route]``: the shares that suggest 淘汰关停."""

    phase_out_share: Share
    d_share: Share


class ParkScoreSettings(Section):
    """``[park_score]``: the circular-retrofit score, its gate, robustness, choice and route."""

    method: Literal["wsm", "topsis"]
    normalization: Literal["minmax", "cdf"]
    weighting: Literal["given", "equal", "entropy", "ahp"]
    survey_year: Annotated[
        int,
        Field(
            ge=0, le=2100, description=_msg("须为年份，0 = 最新", "must be a year, 0 = the latest")
        ),
    ]
    weights: ParkWeights
    ahp: AhpSettings
    gate: GateSettings
    indicators: IndicatorSettings
    chains: dict[str, Annotated[list[Code], Field(min_length=1, description=_CODES)]]
    recycling_pairs: list[RecyclingPair]
    robustness: RobustnessSettings
    choice: ChoiceSettings
    route: RouteSettings

    def with_overrides(self, **overrides: Any) -> ParkScoreSettings:
        """A validated copy with dotted overrides, e.g. ``{"gate.min_area_ha": 5}``."""
        data = self.model_dump(by_alias=True)
        for dotted, value in overrides.items():
            *path, key = dotted.split(".")
            node = data
            for part in path:
                node = node[part]
            node[key] = value
        return validate_section(ParkScoreSettings, data, prefix="park_score")

    def dump(self) -> dict[str, Any]:
        """As the TOML table (``recycling_pairs`` keep their ``from`` key)."""
        return self.model_dump(by_alias=True)


# -- targets --------------------------------------------------------------------------------------


class TargetDistrict(Section):
    """``[targets.district]``: the plan's base-year district figures."""

    industrial_investment: NonNegative
    tech_retrofit_investment: NonNegative
    tech_retrofit_firms: NonNegative
    robot_firms: NonNegative
    rd_share: Annotated[
        float,
        Field(
            ge=0, le=100, allow_inf_nan=False, description=_msg("须为 0–100 %", "must be 0–100 %")
        ),
    ]
    clean_production_share: Annotated[
        float,
        Field(
            ge=0, le=100, allow_inf_nan=False, description=_msg("须为 0–100 %", "must be 0–100 %")
        ),
    ]


class TargetPanel(Section):
    """``[targets.panel]``: district goals for the goal year the survey can measure."""

    high_tech_share: NonNegative
    high_tech_points_per_year: Finite
    value_added_growth: Finite
    patent_applications: NonNegative
    patent_growth: Finite
    new_high_tech_firms: NonNegative


class TargetsSettings(Section):
    """``[targets]``: plan years, completion cap, rounding, key divisions, figures, growth."""

    base_year: Year
    goal_year: Year
    cap: Positive
    amount_unit: Positive
    key_divisions: list[Division] = Field(description=_DIVISIONS)
    district: TargetDistrict
    growth: dict[
        str,
        Annotated[
            list[Finite],
            Field(description=_msg("须为每年一个增长率的列表", "must be a list of yearly rates")),
        ],
    ]
    panel: TargetPanel

    @model_validator(mode="after")
    def _years(self) -> TargetsSettings:
        if self.goal_year < self.base_year:
            raise ValueError(_msg("goal_year 须 ≥ base_year", "goal_year must be ≥ base_year"))
        return self


# -- map, imports, the whole --------------------------------------------------------------------


class MapSettings(Section):
    """``[map]``: what a map shows before the planner chooses."""

    raster_opacity: Annotated[
        float,
        Field(ge=0.1, le=1, allow_inf_nan=False, description=_msg("须为 0.1–1", "must be 0.1–1")),
    ]
    district_bounds: tuple[tuple[Finite, Finite], tuple[Finite, Finite]] = Field(
        description=_msg(
            "须为 [[南纬, 西经], [北纬, 东经]]", "must be [[south, west], [north, east]] in degrees"
        )
    )

    @model_validator(mode="before")
    @classmethod
    def _tuples(cls, data: Any) -> Any:  # TOML has arrays, not tuples
        if isinstance(data, dict) and isinstance(data.get("district_bounds"), list):
            bounds = data["district_bounds"]
            data = {
                **data,
                "district_bounds": tuple(tuple(p) if isinstance(p, list) else p for p in bounds),
            }
        return data


class ImportSection(BaseModel):
    """``[import]``: passes through (its limits are typed by ``geo.readers_guard``)."""

    model_config = ConfigDict(frozen=True, extra="allow", strict=True)

    lock_timeout_s: Positive


class Settings(Section):
    """The whole configuration, validated.

    A section of ``config/defaults.toml`` without a model here (another package's, typed where
    it is read) is left out rather than refused: a user file cannot add one, since
    ``config.merge`` refuses every key the defaults do not have.
    """

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    energy: EnergySettings
    five_excess: FiveExcessSettings
    plot_ratio_min: dict[str, Positive]
    grade: GradeSettings
    prices: PricesSettings
    park_score: ParkScoreSettings
    targets: TargetsSettings
    map: MapSettings
    import_: ImportSection = Field(alias="import")

    def with_park_score(self, park_score: ParkScoreSettings) -> Settings:
        """These settings with another (already validated) ``[park_score]``."""
        return self.model_copy(update={"park_score": park_score})

    @model_validator(mode="after")
    def _plot_default(self) -> Settings:
        if "default" not in self.plot_ratio_min:
            raise ValueError(_msg("plot_ratio_min 须有 default", "plot_ratio_min needs a default"))
        return self


# -- validation and its messages ----------------------------------------------------------------


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
        return _msg("缺少此项", "missing")
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", "")).replace("'", "")
        return _msg("须为", "must be one of") + f": {expected.replace(' or ', ', ')}"
    if kind in ("too_short", "too_long"):
        return _msg("长度不符", "wrong length") + f" ({error['msg']})"
    allowed = _allowed(model, loc)
    if allowed:
        return allowed
    if kind in ("dict_type", "model_type"):
        return _msg("须为表", "must be a table")
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


def _problems(
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
        problems = _problems(model, exc, source=source, prefix=prefix)
        raise ValidationError(problems, source=source) from None


def settings_problems(config: Mapping[str, Any], *, source: str = "config") -> list[Problem]:
    """Every problem of a merged configuration (empty when it is fine)."""
    try:
        Settings.model_validate(dict(config))
    except pydantic.ValidationError as exc:
        return _problems(Settings, exc, source=source, prefix="")
    return []


def as_settings(config: Settings | Mapping[str, Any], *, source: str = "config") -> Settings:
    """``config`` typed: a :class:`Settings` as it is, a merged mapping validated."""
    return config if isinstance(config, Settings) else validate(config, source=source)


def validate(config: Mapping[str, Any], *, source: str = "config") -> Settings:
    """A merged configuration as :class:`Settings`, validated once."""
    return validate_section(Settings, config, source=source)


def load_settings(path: str | Path | None = None) -> Settings:
    """The defaults with the TOML at ``path`` (if any) merged over them, typed."""
    from config import merged_config

    return validate(merged_config(path), source=Path(path).name if path else "defaults.toml")
