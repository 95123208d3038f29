"""Per-skill trends over a role's submitted assessments: pure functions, no database.

The trend is the least-squares slope of level against time. With three or more points it
says which way a skill is moving and, when it is rising towards an expectation not yet
met, roughly when the expected level would be reached if the pace held. Self-ratings are
coarse (whole levels) and pace rarely holds, so pages present this as an estimate only.
"""

import math
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Literal, TypedDict

MIN_POINTS = 3
DAYS_PER_MONTH = 365.25 / 12
# Below this many levels a month the trend counts as flat: no estimate is made.
FLAT = 0.02
# Further out than this, an estimate means nothing.
MAX_MONTHS = 36

Direction = Literal["up", "flat", "down"]


class Trend(TypedDict):
    slope_per_month: float
    direction: Direction
    fitted_now: float  # the trend line's level at the last point
    months_to_expected: int | None  # None: flat, falling, met already, or too far out


def slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of y over x. Needs two distinct x values."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        raise ValueError("all points are at the same time")
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def trend(points: Iterable[tuple[datetime, int]], expected: int) -> Trend | None:
    """The trend of (when, level) points towards ``expected``, or None with fewer than
    MIN_POINTS points or all at one moment."""
    pts = sorted(points)
    if len(pts) < MIN_POINTS:
        return None
    start = pts[0][0]
    xy = [((when - start).total_seconds() / 86400 / DAYS_PER_MONTH, float(level)) for when, level in pts]
    try:
        per_month = slope(xy)
    except ValueError:
        return None
    mean_x = sum(x for x, _ in xy) / len(xy)
    mean_y = sum(y for _, y in xy) / len(xy)
    fitted_now = mean_y + per_month * (xy[-1][0] - mean_x)
    direction: Direction = "up" if per_month > FLAT else "down" if per_month < -FLAT else "flat"
    months = None
    if direction == "up" and fitted_now < expected:
        estimate = math.ceil((expected - fitted_now) / per_month)
        months = estimate if estimate <= MAX_MONTHS else None
    return {
        "slope_per_month": per_month,
        "direction": direction,
        "fitted_now": fitted_now,
        "months_to_expected": months,
    }
