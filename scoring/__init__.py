"""The planning rules. Plain Python (never imports Streamlit); settings arrive typed
(:mod:`config.settings`). One subpackage per concern, each listing its modules:

- ``screen``: the five-excess screen of the enterprises (indicators, flags, grades, surcharges,
  reasons, aggregates)
- ``parks``: the parks for circular retrofit (indicators, gate and measures, score, SMAA-2,
  choice, routes, scenarios)
- ``targets``: the towns' targets (split, completion, report)
- ``progress``: the plan's years 2015–2017 (targets against actuals per town and year, ranks
  and their change, the phase-out candidates followed, the parks' scores across years)
- ``land``: the land clauses (厂房加层 potential, land freed against land demanded)
- ``projects``: the technical-retrofit project library (key flag, matching cap, budget,
  follow-up, the towns' retrofit actuals from completed projects)
- ``evaluation``: the yearly 亩均 evaluation (cohorts, class rules, vetoes, exemptions, surcharges)
- ``profile``: one firm's profile (一企一档) over every survey year, and finding firms
"""

__all__ = ["evaluation", "land", "parks", "profile", "progress", "projects", "screen", "targets"]
