"""Side-by-side comparison of 2–4 roles: rows, per-cell differences and key differences."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from roles.models import Dimension, Expectation, Role, RoleDimension, Skill, SkillCategory, SkillLevel

MIN_ROLES = 2
MAX_ROLES = 4


@dataclass
class Cell:
    expectation: Expectation | None
    level: SkillLevel | None
    delta: int | None = None  # against the first (baseline) role; None for the baseline itself

    @property
    def value(self) -> int:
        return self.expectation.level if self.expectation else 0


@dataclass
class SkillRow:
    skill: Skill
    cells: list[Cell]
    differs: bool


@dataclass
class CategoryGroup:
    category: SkillCategory
    rows: list[SkillRow] = field(default_factory=list)


@dataclass
class KeyDifference:
    skill: Skill
    gap: int
    highest: list[Role]  # roles expecting the most
    lowest: list[Role]  # roles expecting the least
    high_level: int
    low_level: int
    # How to grow from the lower level to the higher one: the rubric levels in between,
    # each with its growth text (level n's text says how to reach n + 1).
    growth: list = field(default_factory=list)


def fetch_roles(slugs: Sequence[str]) -> list[Role]:
    """Published roles for ``slugs``, in the order given, with everything a page shows.

    Queries: roles (+track), dimension texts (+dimension), expectations (+skill, category).
    """
    roles = (
        Role.objects.published()
        .filter(slug__in=slugs)
        .select_related("track")
        .prefetch_related(
            Prefetch("dimension_texts", queryset=RoleDimension.objects.select_related("dimension")),
            Prefetch("expectations", queryset=Expectation.objects.select_related("skill__category")),
        )
    )
    by_slug = {role.slug: role for role in roles}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


class Comparison:
    """Everything the comparison page shows, computed from already-fetched roles.

    Queries (besides fetch_roles): dimensions, and the rubric levels of the skills shown.
    """

    def __init__(self, roles: list[Role]):
        self.roles = roles
        self.baseline = roles[0]
        self.dimensions = list(Dimension.objects.all())
        texts = {(t.role_id, t.dimension_id): t.text for t in self._all("dimension_texts")}
        self.dimension_rows = [
            (dimension, [texts.get((role.pk, dimension.pk), "") for role in roles])
            for dimension in self.dimensions
        ]
        expectations = {(e.role_id, e.skill_id): e for e in self._all("expectations")}
        skills = {e.skill_id: e.skill for e in expectations.values()}
        levels = {(lv.skill_id, lv.level): lv for lv in SkillLevel.objects.filter(skill_id__in=list(skills))}
        ordered = sorted(skills.values(), key=lambda s: (s.category.order, s.category.name, s.order, s.name))
        self.groups: list[CategoryGroup] = []
        self.key_differences: list[KeyDifference] = []
        for skill in ordered:
            cells: list[Cell] = []
            for role in roles:
                exp = expectations.get((role.pk, skill.pk))
                cells.append(Cell(exp, levels.get((skill.pk, exp.level)) if exp else None))
            base = cells[0].value
            for cell in cells[1:]:
                cell.delta = cell.value - base
            values = [cell.value for cell in cells]
            row = SkillRow(skill, cells, differs=len(set(values)) > 1)
            if not self.groups or self.groups[-1].category.pk != skill.category_id:
                self.groups.append(CategoryGroup(skill.category))
            self.groups[-1].rows.append(row)
            if row.differs:
                high, low = max(values), min(values)
                self.key_differences.append(
                    KeyDifference(
                        skill=skill,
                        gap=high - low,
                        highest=[r for r, v in zip(roles, values, strict=True) if v == high],
                        lowest=[r for r, v in zip(roles, values, strict=True) if v == low],
                        high_level=high,
                        low_level=low,
                        growth=[
                            levels[(skill.pk, n)]
                            for n in range(max(low, 1), high)
                            if (skill.pk, n) in levels and levels[(skill.pk, n)].growth
                        ],
                    )
                )
        self.key_differences.sort(key=lambda d: (-d.gap, d.skill.category.order, d.skill.order, d.skill.name))
        self.differing_count = sum(1 for g in self.groups for r in g.rows if r.differs)
        self.skill_count = sum(len(g.rows) for g in self.groups)

    def _all(self, attr: str) -> Iterator[Any]:
        for role in self.roles:
            yield from getattr(role, attr).all()

    def only_differences(self) -> list[CategoryGroup]:
        """Groups with identical rows removed (and groups left empty dropped)."""
        groups: list[CategoryGroup] = []
        for group in self.groups:
            rows = [row for row in group.rows if row.differs]
            if rows:
                groups.append(CategoryGroup(group.category, rows))
        return groups
