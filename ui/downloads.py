"""Downloads of workspace data, checked against the signed-in role and audited with the file's
SHA-256 when the planner clicks (:func:`store.actions.export_bytes_as`).

A role that may not export ``kind`` sees no button; the logic checks again when the file is
made, so a forced click is refused too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from store.actions import export_bytes_as
from ui.auth import current_account, may_do
from ui.loaders import workspace

__all__ = ["audited_download"]


def audited_download(
    label: str,
    make: Callable[[], bytes] | bytes,
    *,
    file_name: str,
    kind: str,
    key: str,
    where: Any = st,
    town: str | None = None,
    mime: str | None = None,
) -> bool:
    """A download button for the file ``make`` builds (or these bytes), shown only when the
    signed-in role may export ``kind`` (for ``town``; ``None``: the district's). Returns whether
    the button was shown."""
    if not may_do(f"export_{kind}", town):
        return False
    build = make if callable(make) else (lambda: make)
    # taken now: Streamlit runs a deferred download outside the script's thread, where the
    # session state and the caches cannot be reached
    ws, account = workspace(), current_account()

    def audited() -> bytes:
        return export_bytes_as(ws, account, kind, file_name, build, town=town)

    where.download_button(label, audited, file_name=file_name, key=key, mime=mime)
    return True
