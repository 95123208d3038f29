"""Scoring rules: pure functions over a rubric snapshot and a person's ratings.

Nothing here touches the database, so results are reproducible from a stored snapshot.

Rules
-----
* **Gap** on a skill = your level − the expected level (+ ahead, − behind).
* **Status**: below (gap < 0), meets (gap = 0), exceeds (gap > 0); unrated skills
  count as below with no gap.
* **Readiness** = share of the role's *core* skills where you meet or exceed the
  expectation, as a whole percent rounded down (so 99.5% never shows as 100%). A role
  with no core skills uses all its skills instead.
* **Weighted score** = Σ weight × min(your level, expected) / Σ weight × expected, with
  weight 2 for core skills and 1 for supporting ones, as a whole percent rounded down.
  Levels are capped at the expectation so that being far ahead on one skill cannot hide
  a gap on another: 100% means every expectation is met.
* **Strengths**: skills *above* the expectation (exceeds), furthest ahead first (core
  before supporting on ties). Meeting an expectation is what the role asks, not a
  strength. **Growth areas**: skills below the expectation, core first, then largest gap
  first, then rubric order, each with the next level's descriptor and the rubric's
  guidance on how to grow from your current level.
* **Next steps** ("What next"): the first one to three growth areas in that order.
* **Readiness for another role** re-scores the same ratings against that role's live
  expectations over the skills both share; skills you did not rate are listed apart.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypedDict

from assessments.rubric import FlatSkill, LevelText, Snapshot, level_text, skills
from roles.scale import LOWEST_LEVEL, Importance

if TYPE_CHECKING:
    from assessments.models import Rating

Status = Literal["below", "meets", "exceeds"]
Direction = Literal["up", "down", "same"]
# {skill slug: level}; None for a skill a draft left unrated.
Ratings = Mapping[str, int | None]

CORE_WEIGHT = 2
SUPPORTING_WEIGHT = 1
MAX_STRENGTHS = 5
MAX_NEXT_STEPS = 3

STATUS_LABELS: dict[Status, str] = {"below": "Below", "meets": "Meets", "exceeds": "Exceeds"}
# Shapes as well as words: status is never carried by colour alone.
STATUS_SYMBOLS: dict[Status, str] = {"below": "▼", "meets": "✓", "exceeds": "▲"}


class ChangeRow(TypedDict):
    slug: str
    name: str
    category: str
    a: int | None
    b: int | None
    change: int | None
    change_display: str
    direction: Direction


class ProgressRow(TypedDict):
    slug: str
    name: str
    category: str
    levels: list[int | None]
    first: int | None
    last: int | None
    change: int | None
    change_display: str


def gap_order(skill: "SkillScore") -> tuple[bool, int]:
    """Sort key of gaps: core skills first, then the largest gap (an unrated skill's gap
    is the whole expectation); ``sorted`` keeps rubric order on ties."""
    return (not skill.is_core, (skill.level or 0) - skill.expected)


def weight(importance: str) -> int:
    return CORE_WEIGHT if importance == Importance.CORE else SUPPORTING_WEIGHT


def status_for(level: int | None, expected: int) -> Status:
    if level is None or level < expected:
        return "below"
    return "meets" if level == expected else "exceeds"


def format_change(value: int | None) -> str:
    """+1 / −2 / 0 (a real minus sign), or an em dash for no value."""
    if value is None:
        return "—"
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"−{-value}"
    return "0"


def percent(part: int, whole: int) -> int | None:
    return part * 100 // whole if whole else None


@dataclass(frozen=True)
class SkillScore:
    slug: str
    name: str
    category: str
    importance: str
    expected: int
    level: int | None
    evidence: str = ""
    current: LevelText | None = None  # rubric text of your level
    expected_text: LevelText | None = None  # rubric text of the expected level
    next_level: LevelText | None = None  # rubric text of the level above yours
    growth: str = ""  # how to grow from your level to the next

    @property
    def gap(self) -> int | None:
        return None if self.level is None else self.level - self.expected

    @property
    def status(self) -> Status:
        return status_for(self.level, self.expected)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def status_symbol(self) -> str:
        return STATUS_SYMBOLS[self.status]

    @property
    def gap_display(self) -> str:
        return format_change(self.gap)

    @property
    def is_core(self) -> bool:
        return self.importance == Importance.CORE

    @property
    def met(self) -> bool:
        return self.status != "below"


@dataclass
class Score:
    skills: list[SkillScore]
    missing: list[FlatSkill] = field(default_factory=list)  # target skills you did not rate (re-scores)

    @property
    def has_core(self) -> bool:
        """Whether the role marks some skills core (if not, readiness counts them all)."""
        return any(s.is_core for s in self.skills)

    @property
    def core(self) -> list[SkillScore]:
        core = [s for s in self.skills if s.is_core]
        return core or self.skills

    @property
    def core_total(self) -> int:
        return len(self.core)

    @property
    def core_met(self) -> int:
        return sum(1 for s in self.core if s.met)

    @property
    def readiness(self) -> int | None:
        return percent(self.core_met, self.core_total)

    @property
    def weighted_score(self) -> int | None:
        achieved = sum(weight(s.importance) * min(s.level or 0, s.expected) for s in self.skills)
        possible = sum(weight(s.importance) * s.expected for s in self.skills)
        return percent(achieved, possible)

    @property
    def strengths(self) -> list[SkillScore]:
        ahead = [s for s in self.skills if s.status == "exceeds"]
        # Skills above the expectation are rated, so their level and gap are never None.
        ahead.sort(key=lambda s: (-(s.gap or 0), not s.is_core, -(s.level or 0)))
        return ahead[:MAX_STRENGTHS]

    @property
    def growth_areas(self) -> list[SkillScore]:
        return sorted((s for s in self.skills if not s.met), key=gap_order)

    @property
    def next_steps(self) -> list[SkillScore]:
        """The biggest gaps, at most MAX_NEXT_STEPS: what "What next" puts first."""
        return self.growth_areas[:MAX_NEXT_STEPS]

    @property
    def counts(self) -> dict[Status, int]:
        return {status: sum(1 for s in self.skills if s.status == status) for status in STATUS_LABELS}

    def groups(self) -> list[tuple[str, list[SkillScore]]]:
        """Skills grouped by category, in rubric order: [(category name, [SkillScore])]."""
        groups: list[tuple[str, list[SkillScore]]] = []
        for s in self.skills:
            if not groups or groups[-1][0] != s.category:
                groups.append((s.category, []))
            groups[-1][1].append(s)
        return groups


def _skill_score(skill: FlatSkill, level: int | None, evidence: str = "") -> SkillScore:
    current = level_text(skill, level) if level else None
    return SkillScore(
        slug=skill["slug"],
        name=skill["name"],
        category=skill["category"],
        importance=skill["importance"],
        expected=skill["expected"],
        level=level,
        evidence=evidence,
        current=current,
        expected_text=level_text(skill, skill["expected"]),
        next_level=level_text(skill, level + 1) if level else level_text(skill, LOWEST_LEVEL),
        growth=current.get("growth", "") if current else "",
    )


def score(snapshot: Snapshot, ratings: Ratings, evidence: Mapping[str, str] | None = None) -> Score:
    """Score ``ratings`` ({skill slug: level or None}) against ``snapshot``."""
    if evidence is None:
        evidence = {}
    return Score(
        skills=[
            _skill_score(skill, ratings.get(skill["slug"]), evidence.get(skill["slug"], ""))
            for skill in skills(snapshot)
        ]
    )


def rescore(ratings: Ratings, target: Snapshot) -> Score:
    """Readiness for another role: your ratings against ``target`` (a snapshot of its live
    rubric), over the skills you rated that the target role also uses."""
    shared: list[SkillScore] = []
    missing: list[FlatSkill] = []
    for skill in skills(target):
        level = ratings.get(skill["slug"])
        if level:
            shared.append(_skill_score(skill, level))
        else:
            missing.append(skill)
    return Score(skills=shared, missing=missing)


def ratings_of(assessment_ratings: Iterable["Rating"]) -> dict[str, int | None]:
    """{skill slug: level} from Rating objects (unrated drafts map to None)."""
    return {r.skill_slug: r.level for r in assessment_ratings}


def changes(first: tuple[Snapshot, Ratings], second: tuple[Snapshot, Ratings]) -> list[ChangeRow]:
    """Per skill change between two assessments, in the later rubric's order.

    ``first``/``second`` are (snapshot, {slug: level}). Skills only one of them has are
    kept, with the missing side as None and no change.
    """
    rows: list[ChangeRow] = []
    seen: set[str] = set()
    ordered = skills(second[0]) + skills(first[0])
    for skill in ordered:
        if skill["slug"] in seen:
            continue
        seen.add(skill["slug"])
        a = first[1].get(skill["slug"])
        b = second[1].get(skill["slug"])
        change = b - a if a is not None and b is not None else None
        rows.append(
            {
                "slug": skill["slug"],
                "name": skill["name"],
                "category": skill["category"],
                "a": a,
                "b": b,
                "change": change,
                "change_display": format_change(change),
                "direction": "up" if change and change > 0 else "down" if change and change < 0 else "same",
            }
        )
    return rows


def progress(history: list[tuple[Snapshot, Ratings]]) -> list[ProgressRow]:
    """Per skill levels across assessments, oldest first.

    ``history`` is [(snapshot, {slug: level})] in time order. Returns rows
    {slug, name, category, levels: [level or None per assessment], first, last, change},
    skills in the order of the most recent rubric that has them.
    """
    names: dict[str, tuple[str, str]] = {}
    order: list[str] = []
    for snapshot, _ in reversed(history):
        for skill in skills(snapshot):
            if skill["slug"] not in names:
                names[skill["slug"]] = (skill["name"], skill["category"])
                order.append(skill["slug"])
    rows: list[ProgressRow] = []
    for slug in order:
        levels = [ratings.get(slug) for _, ratings in history]
        rated = [level for level in levels if level is not None]
        change = rated[-1] - rated[0] if len(rated) >= 2 else None
        rows.append(
            {
                "slug": slug,
                "name": names[slug][0],
                "category": names[slug][1],
                "levels": levels,
                "first": rated[0] if rated else None,
                "last": rated[-1] if rated else None,
                "change": change,
                "change_display": format_change(change),
            }
        )
    return rows
