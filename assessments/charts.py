"""Geometry for the server-rendered SVG charts (the templates only draw what this computes).

Every chart is shown next to a table with the same numbers, so the SVGs are a visual
aid, labelled as images, never the only way to read the data.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from django.utils import dateformat

from roles.scale import HIGHEST_LEVEL, LOWEST_LEVEL


@dataclass
class Bar:
    label: str
    y: int  # top of the bar
    label_y: int  # baseline of the skill name, above the bar
    you_width: str  # a percentage of the chart's width
    expected_x: str
    level: int | None
    expected: int
    status: str


def _pct(value: float) -> str:
    return f"{value:g}%"


class BarChart:
    """Horizontal bars: your level per skill, with a tick at the expected level.

    Drawn without a viewBox, so the SVG is never scaled: text stays at its CSS size
    (14px names, legible on a 390px phone) and only the horizontal positions stretch,
    as percentages of the width. Each skill's name sits above its bar, full width,
    instead of in a column beside it that would squeeze the bars on a phone.
    """

    left = 1.5  # % of the width: room for the "0" of the axis
    scale_width = 95.0  # % of the width from level 0 to the highest level
    top = 30  # px: the axis numbers
    row_height = 46  # px: name, then bar
    bar_height = 16

    def __init__(self, skills):
        step = self.scale_width / HIGHEST_LEVEL
        self.bars = []
        for i, s in enumerate(skills):
            y = self.top + i * self.row_height
            self.bars.append(
                Bar(
                    label=s.name if len(s.name) <= 40 else s.name[:39] + "…",
                    y=y + 22,
                    label_y=y + 16,
                    you_width=_pct(round((s.level or 0) * step, 2)),
                    expected_x=_pct(round(self.left + s.expected * step, 2)),
                    level=s.level,
                    expected=s.expected,
                    status=s.status,
                )
            )
        self.x = _pct(self.left)
        self.height = self.top + len(self.bars) * self.row_height + 6
        self.ticks = [(n, _pct(round(self.left + n * step, 2))) for n in range(HIGHEST_LEVEL + 1)]
        self.tick_bottom = self.height - 6


# One look per role on the readiness chart: a marker shape and a dash pattern as well as a
# colour (each at least 3:1 on white), so colour is never the only way to tell them apart.
# The dash patterns and colours are CSS classes (.chart-series-1…4, careerpaths.css).
SERIES_MARKERS = ("circle", "square", "triangle", "diamond", "down-triangle", "cross")
SERIES_DASHES = ("solid", "dashed", "dotted", "dash-dot", "long-dashed", "dash-dot-dot")


class ReadinessPoint(TypedDict):
    x: int
    y: int
    value: int
    label: str  # the date, with the time when another assessment shares that date
    iso: str
    marker: str  # SVG path of the point's marker, its series' shape


class ReadinessSeries(TypedDict):
    role: str
    css: str  # chart-series-N
    marker: str
    dash: str
    points: list[ReadinessPoint]
    line: str  # polyline points
    legend_marker: str  # the marker in the legend's 40×14 sample


def when_labels(moments: Sequence[datetime]) -> list[str]:
    """ "3 Mar 2026" per moment, or "3 Mar 2026, 14:05" where two share a date (and
    "14:05:09" where two share the minute), so assessments made on the same day can be
    told apart (times as given: local)."""
    per_day = Counter(moment.date() for moment in moments)
    per_minute = Counter(moment.replace(second=0, microsecond=0) for moment in moments)
    labels = []
    for moment in moments:
        label = dateformat.format(moment, "j M Y")
        if per_minute[moment.replace(second=0, microsecond=0)] > 1:
            label += dateformat.format(moment, ", H:i:s")
        elif per_day[moment.date()] > 1:
            label += dateformat.format(moment, ", H:i")
        labels.append(label)
    return labels


def _marker(shape: str, x: int, y: int) -> str:
    r = 5
    if shape == "square":
        return f"M{x - r},{y - r}h{2 * r}v{2 * r}h{-2 * r}z"
    if shape == "triangle":
        return f"M{x},{y - r - 1}L{x + r + 1},{y + r}L{x - r - 1},{y + r}z"
    if shape == "down-triangle":
        return f"M{x},{y + r + 1}L{x + r + 1},{y - r}L{x - r - 1},{y - r}z"
    if shape == "cross":
        return f"M{x - r},{y - r}L{x + r},{y + r}M{x - r},{y + r}L{x + r},{y - r}"
    if shape == "diamond":
        return f"M{x},{y - r - 1}L{x + r + 1},{y}L{x},{y + r + 1}L{x - r - 1},{y}z"
    return f"M{x - r},{y}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0"


class ReadinessChart:
    """Readiness over time, one line per role assessed against (not one line jumping
    between roles), with points placed by date and time.

    ``entries``: (role slug, role name, local datetime, readiness %) oldest first. One
    series per slug (named as in its latest assessment, should the role have been
    renamed), in the order the roles first appear; ``labels`` follow ``entries``.
    """

    left = 64  # room for "100%" at the larger size used on phones
    right = 24
    top = 20
    bottom = 44
    plot_height = 200
    label_gap = 130  # the least distance between two date labels on the axis

    def __init__(self, entries: Sequence[tuple[str, str, datetime, int]], width: int = 640) -> None:
        self.width = width
        self.height = self.top + self.plot_height + self.bottom
        self.baseline = self.top + self.plot_height
        self.right_edge = width - self.right
        self.labels = when_labels([when for _, _, when, _ in entries])
        plot_width = width - self.left - self.right
        stamps = [when.timestamp() for _, _, when, _ in entries]
        first, span = (min(stamps), max(stamps) - min(stamps)) if stamps else (0, 0)
        by_role: dict[str, ReadinessSeries] = {}
        points: list[ReadinessPoint] = []
        for (slug, role, when, value), label, stamp in zip(entries, self.labels, stamps, strict=True):
            x = (
                round(self.left + plot_width * (stamp - first) / span)
                if span
                else self.left + plot_width // 2
            )
            y = round(self.top + self.plot_height * (1 - value / 100))
            if slug not in by_role:
                n = len(by_role) % len(SERIES_MARKERS)
                by_role[slug] = {
                    "role": role,
                    "css": f"chart-series-{n + 1}",
                    "marker": SERIES_MARKERS[n],
                    "dash": SERIES_DASHES[n],
                    "points": [],
                    "line": "",
                    "legend_marker": _marker(SERIES_MARKERS[n], 20, 7),
                }
            series = by_role[slug]
            series["role"] = role
            point: ReadinessPoint = {
                "x": x,
                "y": y,
                "value": value,
                "label": label,
                "iso": when.isoformat(),
                "marker": _marker(series["marker"], x, y),
            }
            points.append(point)
            series["points"].append(point)
        self.series = list(by_role.values())
        for series in self.series:
            series["line"] = " ".join(f"{p['x']},{p['y']}" for p in series["points"])
        self.gridlines = [(round(self.top + self.plot_height * (1 - v / 100)), v) for v in range(0, 101, 25)]
        # Date labels along the axis that never overlap: the last one always, others
        # only when far enough from the one before.
        self.axis_labels: list[ReadinessPoint] = []
        for point in points:
            if not self.axis_labels or point["x"] - self.axis_labels[-1]["x"] >= self.label_gap:
                self.axis_labels.append(point)
        if points and self.axis_labels[-1] is not points[-1]:
            if points[-1]["x"] - self.axis_labels[-1]["x"] < self.label_gap:
                self.axis_labels.pop()
            self.axis_labels.append(points[-1])
        self.label_y = self.baseline + 22


def sparkline(levels, width=120, height=36):
    """Points for a tiny per-skill line of levels on the scale (gaps skipped)."""
    n = len(levels)
    step = (width - 8) / (n - 1) if n > 1 else 0
    points = []
    for i, level in enumerate(levels):
        if level is None:
            continue
        x = round(4 + i * step)
        y = round(height - 4 - (level - LOWEST_LEVEL) * (height - 8) / (HIGHEST_LEVEL - LOWEST_LEVEL))
        points.append((x, y))
    return {
        "width": width,
        "height": height,
        "points": points,
        "line": " ".join(f"{x},{y}" for x, y in points),
    }
