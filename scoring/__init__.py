"""The planning rules. Plain Python (never imports Streamlit); settings arrive typed
(:mod:`config.settings`).

The five-excess screen of the enterprises:

- ``indicators``: the 亩均效益 indicators; ``groups``: GB/T 4754 division medians with a fallback
- ``five_excess``: the five flags; ``reasons`` (with ``textops``): one readable line per flag
- ``grades``: 亩均效益 score and A/B/C/D/T; ``surcharge``: D-class differentiated prices
- ``screen``: one survey year screened; ``aggregates``: parks, towns and the what-if
- ``screen_config``: a user's settings validated, diffed and written back; ``screen_labels``

The parks for circular retrofit:

- ``park_pipeline``: the one pipeline every caller scores parks through
- ``park_indicators`` → ``park_measures`` (gate and measures) → ``park_score`` (with ``mcda``
  and ``robustness``: SMAA-2) → ``choice``; ``upgrade_route``: suggested routes
- ``park_scenario``: saved choices re-run and compared

The towns: ``targets``, ``target_completion``, ``target_report``.

Land (plan 三(二)): ``land_potential`` (厂房加层 per firm, park, town), ``land_freed`` (land freed
by kind, without double counting), ``land_balance`` (freed against demanded, allocated per town)
with ``land_totals`` (its park, town and district rows) and ``land_labels``.
"""

__all__ = [
    "aggregates",
    "choice",
    "five_excess",
    "grades",
    "groups",
    "indicators",
    "land_balance",
    "land_freed",
    "land_labels",
    "land_potential",
    "land_totals",
    "mcda",
    "park_indicators",
    "park_measures",
    "park_pipeline",
    "park_scenario",
    "park_score",
    "reasons",
    "robustness",
    "screen",
    "screen_config",
    "screen_labels",
    "surcharge",
    "target_completion",
    "target_report",
    "targets",
    "textops",
    "upgrade_route",
]
