"""The yearly 亩均 evaluation (issue 25): firms graded within their cohort, with vetoes and
exemptions, each grade naming the rule that decided it.

- ``cohorts``: which cohort a firm is judged in; ``scores``: the cohort's terms and benchmarks
- ``classes``: A/B/C/D by rank quota (ties share the better class) or by score thresholds
- ``vetoes``: 一票否决 from the violations table; ``exemptions``: T (young, utility, retrofit)
- ``surcharge_water``: the grade's electricity, gas and water surcharges
- ``labels``: the texts of cohorts, rules and columns; ``run``: one evaluation of a year
"""

__all__ = [
    "classes",
    "cohorts",
    "exemptions",
    "labels",
    "run",
    "scores",
    "surcharge_water",
    "vetoes",
]
