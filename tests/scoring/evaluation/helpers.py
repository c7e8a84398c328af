"""Settings for the evaluation tests: the defaults with ``[evaluation]`` keys replaced."""

from __future__ import annotations

from typing import Any

from config import load_config
from config.settings import Settings, as_settings


def settings(**evaluation: Any) -> Settings:
    """The default settings; each keyword replaces a key of ``[evaluation]`` (a dict is merged,
    ``cohort_<key>=dict`` merges into that cohort)."""
    cfg = load_config()
    section = cfg["evaluation"]
    for key, value in evaluation.items():
        if key.startswith("cohort_"):
            name = key.removeprefix("cohort_")
            section["cohorts"][name] = {**section["cohorts"][name], **value}
        elif isinstance(value, dict):
            section[key] = {**section[key], **value}
        else:
            section[key] = value
    return as_settings(cfg)
