"""一票否决: a violation of the year forces D whatever the score (``[evaluation] vetoes``).

The violations table (``store.violations``) has one row per violation: ``uscc``, ``year``,
``kind`` (one of :data:`config.sections_evaluation.VETO_KINDS`), ``date`` (ISO) and ``doc_no``
(the penalty or accident document). A firm with several vetoes of the year is named by the
earliest (then by kind, then document number), so the rule is the same on every run.
"""

from __future__ import annotations

import pandas as pd

from config.sections_evaluation import EvaluationSettings

__all__ = ["VIOLATION_COLUMNS", "vetoes"]

VIOLATION_COLUMNS = ["uscc", "year", "kind", "date", "doc_no"]


def vetoes(
    enterprises: pd.DataFrame,
    violations: pd.DataFrame | None,
    *,
    year: int,
    settings: EvaluationSettings,
) -> pd.DataFrame:
    """Per firm (the input's index): ``veto`` (its kind, or ``None``), ``veto_date`` and
    ``veto_doc`` of the deciding violation of ``year``; kinds not in the settings are ignored."""
    out = pd.DataFrame(
        {"veto": None, "veto_date": None, "veto_doc": None}, index=enterprises.index, dtype=object
    )
    if violations is None or violations.empty or "uscc" not in enterprises.columns:
        return out
    rows = violations.loc[
        pd.to_numeric(violations["year"], errors="coerce").eq(year)
        & violations["kind"].isin(list(settings.vetoes))
    ]
    if rows.empty:
        return out
    first = (
        rows.assign(_date=rows["date"].astype(str))
        .sort_values(["_date", "kind", "doc_no"], kind="stable")
        .drop_duplicates("uscc", keep="first")
        .set_index("uscc")
    )
    uscc = enterprises["uscc"].astype(str)
    for column, source in (("veto", "kind"), ("veto_date", "date"), ("veto_doc", "doc_no")):
        values = uscc.map(first[source].astype(object))
        out[column] = values.astype(object).where(values.notna(), None)
    return out
