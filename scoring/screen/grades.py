"""亩均效益 score and the A/B/C/D/T grades (DOMAIN.md §2).

Score (Huangyan, Taizhou 2023): Σ weight × value / benchmark over the terms of the firm's group,
above-scale (规上) or below-scale (规下) firms, with the weights of ``[grade.weights_*]``. The
benchmark is the mean of the evaluated firms of the group, so a firm at the benchmark on every
term scores Σ weights (100 with the defaults). A term that is not evaluated for a firm (e.g. no
emission figure) scores the group average (value/benchmark = 1) and is reported as missing.

Grades (Huai'an 2024): by rank within the group, **A** the top 20 %, **B** to 60 %, **C** to
95 %, **D** the rest (``[grade.classes]``). Firms younger than ``min_age_years`` (survey year −
founded year) and utilities (``utility_divisions``) are **T**: not graded, no score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from config.settings import GradeClasses, Settings
from scoring.screen.groups import divisions
from scoring.screen.indicators import INDICATORS
from scoring.screen.textops import to_series

__all__ = ["GRADES", "GROUPS", "grades", "t_class"]

GRADES = ("A", "B", "C", "D", "T")
# grade group → (weights table of [grade], label)
GROUPS: dict[bool, tuple[str, tuple[str, str]]] = {
    True: ("weights_above_scale", ("规上", "above scale")),
    False: ("weights_below_scale", ("规下", "below scale")),
}
_EPS = 1e-9


def _number(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64")


def t_class(enterprises: pd.DataFrame, *, classes: GradeClasses) -> pd.Series:
    """True for firms that are not graded: younger than ``min_age_years`` or utilities.

    A firm without a founding year is graded (its age is unknown, not young).
    """
    age = _number(enterprises, "survey_year") - _number(enterprises, "founded_year")
    young = age < classes.min_age_years  # NaN → False
    groups = divisions(enterprises["industry_code"])
    wanted = set(classes.utility_divisions)
    is_utility = np.array([c in wanted for c in groups.categories] + [False])
    codes = np.asarray(groups.codes)
    utility = is_utility[np.where(codes < 0, len(groups.categories), codes)]
    return pd.Series(young | utility, index=enterprises.index)


def _term_ratio(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """value / group mean, 1 where the value is missing or the mean is not positive."""
    missing = np.isnan(values)
    bench = float(values[~missing].mean()) if (~missing).any() else np.nan
    if not np.isfinite(bench) or bench <= 0:
        return np.ones(len(values)), missing
    return np.where(missing, 1.0, values / bench), missing


def _classes(score: np.ndarray, classes: GradeClasses) -> np.ndarray:
    """A/B/C/D (as 0–3, positions in :data:`GRADES`) by cumulative rank share; ties share the
    better class."""
    n = len(score)
    if n == 0:
        return np.array([], dtype=np.int8)
    # rank 1 = best; tied scores share the better (lower) rank: one sort, no search
    order = np.argsort(-score, kind="stable")
    ordered = score[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = first + 1
    share = rank / n
    cuts = [classes.A, classes.B, classes.C]
    conditions = [share <= cut + _EPS for cut in cuts]
    return np.select(conditions, [0, 1, 2], default=3).astype(np.int8)


def _missing_text(bits: np.ndarray, labels: list[str], index: pd.Index) -> pd.Series:
    """The missing terms of each firm, ``、``-joined, from a bit per term (one text per
    combination that occurs, then broadcast)."""
    combos, slot = np.unique(bits, return_inverse=True)
    texts = ["、".join(lab for k, lab in enumerate(labels) if c >> k & 1) or None for c in combos]
    arr = pc.take(pa.array(texts, pa.string()), pa.array(slot.astype(np.int64)))
    return to_series(arr, index, "grade_missing")


def grades(
    ind: pd.DataFrame, enterprises: pd.DataFrame, *, config: Settings, lang: str = "zh"
) -> pd.DataFrame:
    """Score and grade of every firm of one screen.

    Parameters
    ----------
    ind
        Output of :func:`scoring.screen.indicators.indicators` (same index as ``enterprises``).
    enterprises
        Firms with ``above_scale``, ``industry_code``, ``survey_year``, ``founded_year``.
    config
        The typed settings (``[grade.*]`` is read).
    lang
        Language of ``grade_missing``.

    Returns
    -------
    pandas.DataFrame
        ``score`` (NaN for T), ``grade`` (categorical A/B/C/D/T), ``grade_group`` (规上/规下) and
        ``grade_missing`` (the terms scored at the group average, ``、``-joined, or ``<NA>``).
    """
    cfg = config.grade
    n = len(ind)
    exempt = t_class(enterprises, classes=cfg.classes).to_numpy()
    above = enterprises["above_scale"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    score = np.full(n, np.nan)
    grade = np.full(n, GRADES.index("T"), dtype=np.int8)
    names = [GROUPS[k][1][0 if lang == "zh" else 1] for k in (False, True)]
    group = pd.Categorical.from_codes(
        above.astype(np.int8), categories=pd.Index(names, dtype=object)
    )
    missing_bits = np.zeros(n, dtype=np.int64)
    labels: list[str] = []
    for is_above, (_table, _label) in GROUPS.items():
        pos = np.flatnonzero((above == is_above) & ~exempt)
        total = np.zeros(len(pos))
        weights = cfg.weights_above_scale if is_above else cfg.weights_below_scale
        for term, weight in weights.items():
            ratio, missing = _term_ratio(ind[term].to_numpy(dtype="float64")[pos])
            total += float(weight) * ratio
            missing_bits[pos[missing]] |= 1 << len(labels)
            labels.append(INDICATORS[term].label[0 if lang == "zh" else 1])
        score[pos] = total
        grade[pos] = _classes(total, cfg.classes)
    missing_text = _missing_text(missing_bits, labels, ind.index)
    return pd.DataFrame(
        {
            "score": score,
            "grade": pd.Categorical.from_codes(grade, categories=pd.Index(GRADES, dtype=object)),
            "grade_group": group,
            "grade_missing": missing_text,
        },
        index=ind.index,
        copy=False,
    )
