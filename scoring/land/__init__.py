"""The land clauses of the plan (三(二), 四(二)): what land the district could free and what its
firms ask for.

- ``potential``: 厂房加层 — the floor area a firm could add up to its division's target plot
  ratio, and the land that floor area would need ("saved")
- ``freed``: land freed by kind (phase-out candidates, 全面改造 parcels, 加层), each counted once
- ``balance``: land freed against land demanded per town, allocated above-scale first by tax
  per 亩; ``totals``: its park, town and district rows; ``labels``: the columns' labels
"""

__all__ = ["balance", "freed", "labels", "potential", "totals"]
