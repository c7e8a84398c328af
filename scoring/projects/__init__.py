"""The technical-retrofit project library's rules (二(一)1, 三(一)): plain pandas, vectorised.

- ``rules``: the key-project flag, the most district matching the 50 % cap allows, a project's
  follow-up state and the key projects that are late (全过程跟踪服务)
- ``budget``: the district's matching budget shared out per year and per town (requested,
  approved, paid, remaining)
- ``actuals``: the towns' ``tech_retrofit_firms`` and ``tech_retrofit_investment`` actuals from
  the completed (投产) projects, with the source they come from
- ``labels``: the columns' Chinese labels and the follow-up states' names
- ``report``: every project of a year with its place, key flag, allowed matching and follow-up
"""

__all__ = ["actuals", "budget", "labels", "report", "rules"]
