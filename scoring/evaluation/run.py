"""One yearly evaluation: cohorts, scores, classes, vetoes, exemptions and surcharges.

:func:`evaluate` is what ``cli.py evaluate`` and the evaluation page call (through a batch,
:mod:`store.evaluation`). The order of the rules, and so the ``rule`` each grade names:

1. an exemption (``exempt:young|utility|key_retrofit``) → T, not scored;
2. a veto of the year (``veto:safety_accident|environmental_penalty|illegal_land``) → D, scored
   (shown) but neither ranked nor counted in the benchmarks;
3. the cohort's class rule (``quota`` or ``threshold``) → A/B/C/D among the cohort's ranked firms.

``overrides`` (uscc → {field: value}) are the accepted objections' corrected values: an input
field of the survey (``tax``, ``land_area_m2`` …) replaces the firm's value before the
indicators are computed; an indicator (``tax_per_mu`` …) replaces the computed indicator.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from config.settings import Settings
from scoring.evaluation.classes import classes
from scoring.evaluation.cohorts import cohorts
from scoring.evaluation.exemptions import exemptions
from scoring.evaluation.labels import TERM_LABELS, cohort_label, rule_text, text
from scoring.evaluation.scores import cohort_scores, with_rented
from scoring.evaluation.surcharge_water import surcharges
from scoring.evaluation.vetoes import vetoes
from scoring.screen.indicators import indicators

__all__ = ["INPUT_FIELDS", "TABLE_COLUMNS", "Evaluation", "evaluate", "objection_fields"]

# survey fields an objection may correct (the inputs of the terms and of the surcharges)
INPUT_FIELDS = (
    "tax",
    "value_added",
    "employees",
    "gross_output",
    "revenue",
    "rd_spend",
    "land_area_m2",
    "floor_area_m2",
    "electricity_kwh",
    "natural_gas_m3",
    "water_m3",
)
TABLE_COLUMNS = (
    "uscc", "name", "town", "cohort", "cohort_label", "score", "rank", "cohort_n", "grade",
    "rule", "rule_text", "missing", "veto_date", "veto_doc",
    "surcharge_electricity_yuan", "surcharge_gas_yuan", "surcharge_water_yuan", "surcharge_yuan",
)  # fmt: skip


def objection_fields() -> tuple[str, ...]:
    """What an objection may name: a survey input or a term of a cohort."""
    return (*INPUT_FIELDS, *TERM_LABELS)


@dataclass(frozen=True)
class Evaluation:
    """``table`` (:data:`TABLE_COLUMNS` then the terms), the ``benchmarks``, the year."""

    table: pd.DataFrame
    benchmarks: pd.DataFrame
    year: int


def _apply_inputs(
    firms: pd.DataFrame, overrides: Mapping[str, Mapping[str, float]]
) -> pd.DataFrame:
    out = firms.copy()
    uscc = out["uscc"].astype(str)
    for firm, values in overrides.items():
        for name, value in values.items():
            if name in INPUT_FIELDS:
                if name not in out.columns:
                    out[name] = np.nan
                out[name] = pd.to_numeric(out[name], errors="coerce").astype("float64")
                out.loc[uscc == firm, name] = float(value)
    return out


def _apply_terms(
    ind: pd.DataFrame, uscc: pd.Series, overrides: Mapping[str, Mapping[str, float]]
) -> pd.DataFrame:
    out = ind.copy()
    for firm, values in overrides.items():
        for name, value in values.items():
            if name in TERM_LABELS:
                out.loc[(uscc == firm).to_numpy(), name] = float(value)
    return out


def evaluate(
    enterprises: pd.DataFrame,
    violations: pd.DataFrame | None = None,
    *,
    settings: Settings,
    year: int,
    retrofit: Iterable[str] = (),
    overrides: Mapping[str, Mapping[str, float]] | None = None,
    lang: str = "zh",
) -> Evaluation:
    """Evaluate the firms of survey ``year`` (the other years' rows are ignored).

    Parameters
    ----------
    enterprises
        The enterprises layer (any years).
    violations
        The violations table (:data:`scoring.evaluation.vetoes.VIOLATION_COLUMNS`), or ``None``.
    settings
        The typed settings (``[evaluation]``, ``[energy]`` and ``[prices]`` are read).
    retrofit
        USCCs with a key retrofit project completed in ``year``
        (:func:`scoring.evaluation.exemptions.retrofit_firms`).
    overrides
        Accepted objections: uscc → {field: corrected value}.
    """
    cfg = settings.evaluation
    years = pd.to_numeric(enterprises["survey_year"], errors="coerce")
    firms = pd.DataFrame(enterprises.loc[years == year]).drop(columns="geometry", errors="ignore")
    firms = firms.reset_index(drop=True)
    overrides = overrides or {}
    firms = _apply_inputs(firms, overrides)
    uscc = firms["uscc"].astype(str)
    ind = with_rented(indicators(firms, energy=settings.energy), firms)
    ind = _apply_terms(ind, uscc, overrides)
    cohort = cohorts(firms, settings=cfg)
    exempt = exemptions(firms, settings=cfg, retrofit=retrofit)
    veto = vetoes(firms, violations, year=year, settings=cfg)
    is_exempt = exempt.notna().to_numpy()
    is_veto = veto["veto"].notna().to_numpy() & ~is_exempt
    scored = ~is_exempt
    ranked = scored & ~is_veto
    result = cohort_scores(ind, cohort, scored=scored, ranked=ranked, settings=cfg)
    n = len(firms)
    grade = np.full(n, "T", dtype=object)
    rule = np.full(n, "", dtype=object)
    rank = np.full(n, -1, dtype=np.int64)
    size = np.zeros(n, dtype=np.int64)
    keys = cohort.astype(object).to_numpy()
    for key in cohort.cat.categories:
        pos = np.flatnonzero((keys == key) & ranked)
        if not len(pos):
            continue
        cohort_cfg = cfg.cohort(str(key))
        got, place = classes(result.score[pos], cohort_cfg)
        grade[pos], rank[pos], size[pos] = got, place, len(pos)
        rule[pos] = cohort_cfg.method
    grade[is_veto] = "D"
    rule[is_veto] = ["veto:" + str(v) for v in veto["veto"].to_numpy()[is_veto]]
    rule[is_exempt] = ["exempt:" + str(e) for e in exempt.to_numpy()[is_exempt]]
    grade_s = pd.Series(grade, index=firms.index, dtype=object)
    paid = surcharges(firms, grade_s, settings=cfg, prices=settings.prices)
    texts = []
    for i in range(n):
        doc = " ".join(str(v) for v in (veto.at[i, "veto_doc"], veto.at[i, "veto_date"]) if v)
        texts.append(
            rule_text(
                str(rule[i]),
                grade=str(grade[i]),
                lang=lang,
                score=None if np.isnan(result.score[i]) else float(result.score[i]),
                rank=int(rank[i]) if rank[i] > 0 else None,
                n=int(size[i]) or None,
                detail=doc,
            )
        )
    sep = "、" if lang == "zh" else ", "
    table = pd.DataFrame(
        {
            "uscc": uscc,
            "name": firms.get("name", pd.Series(None, index=firms.index)),
            "town": firms.get("town", pd.Series(None, index=firms.index)),
            "cohort": keys,
            "cohort_label": [
                cohort_label(str(k), lang, own_land_min_mu=cfg.own_land_min_mu) for k in keys
            ],
            "score": result.score,
            "rank": pd.array(np.where(rank > 0, rank, 0), dtype="Int64"),
            "cohort_n": pd.array(size, dtype="Int64"),
            "grade": grade,
            "rule": rule,
            "rule_text": texts,
            "missing": [
                sep.join(text(TERM_LABELS[t], lang) for t in m) or None for m in result.missing
            ],
            "veto_date": veto["veto_date"],
            "veto_doc": veto["veto_doc"],
            **{c: paid[c] for c in paid.columns},
        }
    )
    table.loc[rank <= 0, "rank"] = pd.NA
    table.loc[size <= 0, "cohort_n"] = pd.NA
    terms = sorted({t for k in cfg.cohorts.values() for t in k.weights})
    table = pd.concat([table, ind[terms].reset_index(drop=True)], axis=1)
    return Evaluation(table, result.benchmarks, int(year))
