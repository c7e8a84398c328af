"""The towns' targets: ``split`` (the default split and the actuals), ``completion`` (completion,
rank, behind) and ``report`` (the panel, tables and series the page and the CLI show).
"""

__all__ = [
    "completion",
    "report",
    "split",
]
