"""The enterprise indicators of DOMAIN.md §2 (亩均效益), vectorised over a frame of firms.

Plain Python. Each indicator is a ratio of two inputs (:data:`INDICATORS`, a registry); one whose
numerator or denominator is missing, or whose denominator is not positive, is *not evaluated*
(NaN), and :func:`missing_input` names the input that was missing, so a flag never passes
silently.

Units: money in 万元, land in 亩 (1 亩 = 10000/15 m²), energy in tce (GB/T 2589, see
:mod:`geo.energy`), emissions in t (COD + NH₃-N + SO₂ + NOx). The electricity factor is the
当量值 (calorific value) by default and the 等价值 (equivalent value) when ``[energy]
electricity_basis = "equivalent"``; :func:`energy_basis` says which, for every output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from config.settings import EnergySettings
from geo.energy import energy_tce

__all__ = [
    "ELECTRICITY_BASES",
    "INDICATORS",
    "INPUT_LABELS",
    "M2_PER_MU",
    "POLLUTANTS",
    "EnergyBasis",
    "Indicator",
    "energy_basis",
    "indicators",
    "inputs",
    "missing_input",
]

M2_PER_MU = 10000.0 / 15.0
POLLUTANTS = ("cod_t", "nh3n_t", "so2_t", "nox_t")

Text = tuple[str, str]


@dataclass(frozen=True)
class EnergyBasis:
    """How electricity is converted to standard coal."""

    key: str
    label: Text
    factor_key: str  # key of the [energy] table holding the kgce/kWh factor


ELECTRICITY_BASES: dict[str, EnergyBasis] = {
    "calorific": EnergyBasis(
        "calorific", ("当量值", "calorific value"), "electricity_kgce_per_kwh"
    ),
    "equivalent": EnergyBasis(
        "equivalent", ("等价值", "equivalent value"), "electricity_equivalent_kgce_per_kwh"
    ),
}


def energy_basis(energy: EnergySettings, *, lang: str = "zh") -> str:
    """The electricity basis in words, e.g. ``"当量值 0.1229 kgce/kWh"``: stated in every output."""
    basis = _basis(energy)
    text = basis.label[0] if lang == "zh" else basis.label[1]
    return f"{text} {_factors(energy)['electricity_kgce_per_kwh']:g} kgce/kWh"


def _basis(energy: EnergySettings) -> EnergyBasis:
    return ELECTRICITY_BASES[energy.electricity_basis]  # the settings allow only these keys


def _factors(energy: EnergySettings) -> dict[str, float]:
    """The [energy] factors with the electricity factor of the chosen basis."""
    factors = {k: v for k, v in energy.model_dump().items() if isinstance(v, float)}
    factors["electricity_kgce_per_kwh"] = factors[_basis(energy).factor_key]
    return factors


@dataclass(frozen=True)
class Indicator:
    """One ratio indicator: ``numerator / denominator × scale``.

    ``display`` multiplies the value for display (a rate shown in %), ``decimals`` is the
    precision shown in reasons (``None``: three significant digits).
    """

    name: str
    numerator: str
    denominator: str
    label: Text
    unit: Text
    scale: float = 1.0
    display: float = 1.0
    decimals: int | None = 1


INDICATORS: dict[str, Indicator] = {
    i.name: i
    for i in (
        Indicator(
            "tax_per_mu", "tax", "land_mu", ("亩均税收", "tax per mu"), ("万元/亩", "10k yuan/mu")
        ),
        Indicator(
            "va_per_mu",
            "value_added",
            "land_mu",
            ("亩均增加值", "value added per mu"),
            ("万元/亩", "10k yuan/mu"),
        ),
        Indicator(
            "labour_productivity",
            "value_added",
            "employees",
            ("全员劳动生产率", "labour productivity"),
            ("万元/人", "10k yuan/person"),
        ),
        Indicator(
            "va_rate",
            "value_added",
            "gross_output",
            ("增加值率", "value-added rate"),
            ("%", "%"),
            display=100.0,
        ),
        Indicator(
            "plot_ratio",
            "floor_area_m2",
            "land_area_m2",
            ("容积率", "plot ratio"),
            ("", ""),
            decimals=2,
        ),
        Indicator(
            "energy_per_va",
            "energy_tce",
            "value_added",
            ("单位增加值能耗", "energy per value added"),
            ("tce/万元", "tce/10k yuan"),
            decimals=None,
        ),
        Indicator(
            "emission_per_va",
            "emissions_t",
            "value_added",
            ("单位增加值排放", "emissions per value added"),
            ("t/万元", "t/10k yuan"),
            decimals=None,
        ),
        Indicator(
            "va_per_energy",
            "value_added",
            "energy_tce",
            ("单位能耗增加值", "value added per energy"),
            ("万元/tce", "10k yuan/tce"),
        ),
        Indicator(
            "va_per_emission",
            "value_added",
            "emissions_t",
            ("单位排放增加值", "value added per emission"),
            ("万元/t", "10k yuan/t"),
        ),
        Indicator(
            "rd_share",
            "rd_spend",
            "revenue",
            ("研发经费占比", "R&D share"),
            ("%", "%"),
            display=100.0,
        ),
        Indicator(
            "tax_per_kwh",
            "tax",
            "electricity_kwh",
            ("单位电耗税收", "tax per kWh"),
            ("元/kWh", "yuan/kWh"),
            scale=1e4,
            decimals=3,
        ),
    )
}

# inputs that are not fields of the enterprises layer
INPUT_LABELS: dict[str, Text] = {
    "land_mu": ("用地面积", "land area"),
    "energy_tce": ("综合能耗（用电量）", "energy (electricity use)"),
    "emissions_t": ("排放量（COD+氨氮+SO₂+NOx）", "emissions (COD+NH3-N+SO2+NOx)"),
}


def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[column], errors="coerce").astype("float64")


def inputs(enterprises: pd.DataFrame, *, energy: EnergySettings) -> pd.DataFrame:
    """The inputs of every indicator, as float columns on the input's index.

    ``land_mu`` = land_area_m2 / 666.67; ``energy_tce`` by GB/T 2589 with the chosen electricity
    basis (missing when ``electricity_kwh`` is); ``emissions_t`` = Σ of the four pollutants, a
    missing one counting 0 (DATA_MODEL), missing only when all four are.
    """
    columns = {
        name: _number(enterprises, name)
        for name in (
            "tax",
            "value_added",
            "employees",
            "gross_output",
            "floor_area_m2",
            "land_area_m2",
            "rd_spend",
            "revenue",
            "electricity_kwh",
            "natural_gas_m3",
            "water_m3",
            "permitted_emissions_t",
        )
    }
    columns["land_mu"] = columns["land_area_m2"] / M2_PER_MU
    tce = energy_tce(enterprises, factors=_factors(energy)).astype("float64")
    columns["energy_tce"] = tce.where(columns["electricity_kwh"].notna())
    pollutants = pd.DataFrame({p: _number(enterprises, p) for p in POLLUTANTS})
    columns["emissions_t"] = pollutants.sum(axis=1, min_count=1)
    return pd.DataFrame(columns, index=enterprises.index, copy=False)


def _ratio(base: pd.DataFrame, ind: Indicator) -> pd.Series:
    num = base[ind.numerator].to_numpy()
    den = base[ind.denominator].to_numpy()
    ok = ~np.isnan(num) & (den > 0)  # NaN > 0 is False
    out = np.full(len(base), np.nan)
    np.divide(num, den, out=out, where=ok)
    return pd.Series(out * ind.scale, index=base.index, name=ind.name)


def indicators(enterprises: pd.DataFrame, *, energy: EnergySettings) -> pd.DataFrame:
    """Every indicator of :data:`INDICATORS`, plus their inputs, on the input's index.

    Parameters
    ----------
    enterprises
        Firms with the fields of the enterprises layer (DATA_MODEL.md).
    energy
        ``[energy]`` of the typed settings.

    Returns
    -------
    pandas.DataFrame
        The input columns of :func:`inputs` followed by one float column per indicator; NaN
        where the indicator is not evaluated (see :func:`missing_input`).
    """
    base = inputs(enterprises, energy=energy)
    columns = {name: base[name] for name in base.columns}
    columns.update({name: _ratio(base, ind) for name, ind in INDICATORS.items()})
    # copy=False: no consolidation of 25 float columns into one block (2 s at 1 M firms)
    return pd.DataFrame(columns, index=base.index, copy=False)


def _input_label(column: str, lang: str) -> str:
    from geo.schema import label

    if column in INPUT_LABELS:
        text = INPUT_LABELS[column]
        return text[0] if lang == "zh" else text[1]
    return label("enterprises", column, lang)


def missing_input(frame: pd.DataFrame, name: str, *, lang: str = "zh") -> pd.Series:
    """Why indicator ``name`` is not evaluated, per firm: the missing input, else ``<NA>``.

    ``frame`` is the output of :func:`indicators`. A zero (or negative) denominator is named
    as such ("用地面积为零或负" / "land area is zero or negative").
    """
    ind = INDICATORS[name]
    num, den = frame[ind.numerator].to_numpy(), frame[ind.denominator].to_numpy()
    num_label, den_label = _input_label(ind.numerator, lang), _input_label(ind.denominator, lang)
    if lang == "zh":
        texts = [f"缺少{num_label}", f"缺少{den_label}", f"{den_label}为零或负"]
    else:
        texts = [f"{num_label} missing", f"{den_label} missing", f"{den_label} is zero or negative"]
    reason = np.select([np.isnan(num), np.isnan(den), den <= 0], texts, default="")
    out = pd.Series(reason, index=frame.index, dtype="string", name=name)
    return out.mask(out == "")
