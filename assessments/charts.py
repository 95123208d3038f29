"""Geometry for the server-rendered SVG charts (the templates only draw what this computes).

Every chart is shown next to a table with the same numbers, so the SVGs are a visual
aid, labelled as images, never the only way to read the data.
"""

from dataclasses import dataclass

from roles.scale import HIGHEST_LEVEL, LOWEST_LEVEL


@dataclass
class Bar:
    label: str
    y: int
    label_y: int
    you_width: int | None
    expected_x: int
    level: int | None
    expected: int
    status: str


class BarChart:
    """Horizontal bars: your level per skill, with a tick at the expected level."""

    label_width = 270
    scale_width = 400
    row_height = 34
    top = 30

    def __init__(self, skills):
        self.step = self.scale_width // HIGHEST_LEVEL
        self.bars = []
        for i, s in enumerate(skills):
            y = self.top + i * self.row_height
            self.bars.append(
                Bar(
                    label=s.name if len(s.name) <= 34 else s.name[:33] + "…",
                    y=y + 6,
                    label_y=y + 21,
                    you_width=(s.level or 0) * self.step,
                    expected_x=self.label_width + s.expected * self.step,
                    level=s.level,
                    expected=s.expected,
                    status=s.status,
                )
            )
        self.width = self.label_width + self.scale_width + 20
        self.height = self.top + len(self.bars) * self.row_height + 10
        self.bar_height = self.row_height - 14
        self.ticks = [(n, self.label_width + n * self.step) for n in range(HIGHEST_LEVEL + 1)]
        self.tick_bottom = self.height - 10


class LineChart:
    """Values over time (e.g. readiness per assessment), 0–``maximum``."""

    left = 60
    right = 60
    top = 20
    bottom = 50
    plot_height = 200

    def __init__(self, values, labels, maximum=100, width=640):
        n = len(values)
        self.width = width
        self.height = self.top + self.plot_height + self.bottom
        plot_width = width - self.left - self.right
        step = plot_width / (n - 1) if n > 1 else 0
        self.points = []
        for i, (value, label) in enumerate(zip(values, labels, strict=True)):
            x = round(self.left + i * step) if n > 1 else self.left + plot_width // 2
            y = None if value is None else round(self.top + self.plot_height * (1 - value / maximum))
            self.points.append({"x": x, "y": y, "value": value, "label": label})
        self.polyline = " ".join(f"{p['x']},{p['y']}" for p in self.points if p["y"] is not None)
        self.gridlines = [
            (round(self.top + self.plot_height * (1 - v / maximum)), v)
            for v in range(0, maximum + 1, maximum // 4)
        ]
        self.baseline = self.top + self.plot_height
        self.right_edge = width - self.right
        # Label at most ~8 dates along the axis so they never overlap.
        every = max(1, -(-n // 8))
        self.axis_labels = [p for i, p in enumerate(self.points) if i % every == 0 or i == n - 1]
        self.label_y = self.baseline + 20


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
