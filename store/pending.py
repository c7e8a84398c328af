"""Tables that ride along with the next write of a workspace: how an action's audit row is
stored in the same atomic step as what the action writes (issue 18's one write per change).

:func:`riding` holds, for the block it wraps, a maker of extra tables for one workspace; the
back ends' ``write_many`` calls :func:`take` last, before the write becomes visible, and stores
what it returns with the layers — all or nothing. The maker runs inside that write (the
workspace lock held) and is given the tables the write stores, so it can name what they record
(the history entry), and what it reads (the audit's last row) cannot change before it is
stored. Only the first write of the block carries them; :func:`riding` tells whether one did.
Plain ``contextvars``: each thread and each Streamlit session has its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["Ride", "riding", "take"]

Maker = Callable[[Mapping[str, pd.DataFrame]], Mapping[str, pd.DataFrame]]


@dataclass
class Ride:
    """Extra tables for the next write of the workspace at ``location``."""

    location: str
    make: Maker
    taken: bool = field(default=False)


_RIDE: ContextVar[Ride | None] = ContextVar("parkplan_pending_tables", default=None)


@contextmanager
def riding(location: str, make: Maker) -> Iterator[Ride]:
    """For this block, the next write of ``location`` also writes ``make()``'s tables."""
    ride = Ride(location, make)
    token = _RIDE.set(ride)
    try:
        yield ride
    finally:
        _RIDE.reset(token)


def take(location: str, written: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables riding with this write of ``location`` (once; ``{}`` when none), made from
    ``written``: what the write stores besides them (the history row it records, say)."""
    ride = _RIDE.get()
    if ride is None or ride.taken or ride.location != location:
        return {}
    ride.taken = True
    return dict(ride.make(written))
