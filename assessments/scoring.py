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
* **Strengths**: skills meeting or exceeding the expectation, furthest ahead first
  (core before supporting on ties). **Growth areas**: skills below the expectation,
  core first, then largest gap first, each with the next level's descriptor and the
  rubric's guidance on how to grow from your current level.
* **Readiness for another role** re-scores the same ratings against that role's live
  expectations over the skills both share; skills you did not rate are listed apart.
"""

from dataclasses import dataclass, field

from assessments.rubric import level_text, skills
from roles.scale import Importance

CORE_WEIGHT = 2
SUPPORTING_WEIGHT = 1
MAX_STRENGTHS = 5

STATUS_LABELS = {"below": "Below", "meets": "Meets", "exceeds": "Exceeds"}
# Shapes as well as words: status is never carried by colour alone.
STATUS_SYMBOLS = {"below": "▼", "meets": "✓", "exceeds": "▲"}


def weight(importance):
    return CORE_WEIGHT if importance == Importance.CORE else SUPPORTING_WEIGHT


def status_for(level, expected):
    if level is None or level < expected:
        return "below"
    return "meets" if level == expected else "exceeds"


def format_change(value):
    """+1 / −2 / 0 (a real minus sign), or an em dash for no value."""
    if value is None:
        return "—"
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"−{-value}"
    return "0"


def percent(part, whole):
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
    current: dict | None = None  # rubric text of your level
    expected_text: dict | None = None  # rubric text of the expected level
    next_level: dict | None = None  # rubric text of the level above yours
    growth: str = ""  # how to grow from your level to the next

    @property
    def gap(self):
        return None if self.level is None else self.level - self.expected

    @property
    def status(self):
        return status_for(self.level, self.expected)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_symbol(self):
        return STATUS_SYMBOLS[self.status]

    @property
    def gap_display(self):
        return format_change(self.gap)

    @property
    def is_core(self):
        return self.importance == Importance.CORE

    @property
    def met(self):
        return self.status != "below"


@dataclass
class Score:
    skills: list
    missing: list = field(default_factory=list)  # target skills you did not rate (re-scores)

    @property
    def core(self):
        core = [s for s in self.skills if s.is_core]
        return core or self.skills

    @property
    def core_total(self):
        return len(self.core)

    @property
    def core_met(self):
        return sum(1 for s in self.core if s.met)

    @property
    def readiness(self):
        return percent(self.core_met, self.core_total)

    @property
    def weighted_score(self):
        achieved = sum(weight(s.importance) * min(s.level or 0, s.expected) for s in self.skills)
        possible = sum(weight(s.importance) * s.expected for s in self.skills)
        return percent(achieved, possible)

    @property
    def strengths(self):
        met = [s for s in self.skills if s.met]
        met.sort(key=lambda s: (-s.gap, not s.is_core, -s.level))
        return met[:MAX_STRENGTHS]

    @property
    def growth_areas(self):
        below = [s for s in self.skills if not s.met]
        below.sort(key=lambda s: (not s.is_core, (s.level or 0) - s.expected))
        return below

    @property
    def counts(self):
        return {status: sum(1 for s in self.skills if s.status == status) for status in STATUS_LABELS}

    def groups(self):
        """Skills grouped by category, in rubric order: [(category name, [SkillScore])]."""
        groups = []
        for s in self.skills:
            if not groups or groups[-1][0] != s.category:
                groups.append((s.category, []))
            groups[-1][1].append(s)
        return groups


def _skill_score(skill, level, evidence=""):
    return SkillScore(
        slug=skill["slug"],
        name=skill["name"],
        category=skill["category"],
        importance=skill["importance"],
        expected=skill["expected"],
        level=level,
        evidence=evidence,
        current=level_text(skill, level) if level else None,
        expected_text=level_text(skill, skill["expected"]),
        next_level=level_text(skill, level + 1) if level else level_text(skill, 1),
        growth=(level_text(skill, level) or {}).get("growth", "") if level else "",
    )


def score(snapshot, ratings, evidence=None):
    """Score ``ratings`` ({skill slug: level or None}) against ``snapshot``."""
    evidence = evidence or {}
    return Score(
        skills=[
            _skill_score(skill, ratings.get(skill["slug"]), evidence.get(skill["slug"], ""))
            for skill in skills(snapshot)
        ]
    )


def rescore(ratings, target):
    """Readiness for another role: your ratings against ``target`` (a snapshot of its live
    rubric), over the skills you rated that the target role also uses."""
    shared, missing = [], []
    for skill in skills(target):
        level = ratings.get(skill["slug"])
        if level:
            shared.append(_skill_score(skill, level))
        else:
            missing.append(skill)
    return Score(skills=shared, missing=missing)


def ratings_of(assessment_ratings):
    """{skill slug: level} from Rating objects (unrated drafts map to None)."""
    return {r.skill_slug: r.level for r in assessment_ratings}


def changes(first, second):
    """Per skill change between two assessments, in the later rubric's order.

    ``first``/``second`` are (snapshot, {slug: level}). Skills only one of them has are
    kept, with the missing side as None and no change.
    """
    rows = []
    seen = set()
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


def progress(history):
    """Per skill levels across assessments, oldest first.

    ``history`` is [(snapshot, {slug: level})] in time order. Returns rows
    {slug, name, category, levels: [level or None per assessment], first, last, change},
    skills in the order of the most recent rubric that has them.
    """
    names = {}
    order = []
    for snapshot, _ in reversed(history):
        for skill in skills(snapshot):
            if skill["slug"] not in names:
                names[skill["slug"]] = (skill["name"], skill["category"])
                order.append(skill["slug"])
    rows = []
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
