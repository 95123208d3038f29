"""The guided assessment, one skill a page: how long it takes, how far along someone is,
which skill comes next and which levels a skill page shows first.

Pure functions over a snapshot's skills and the saved answers; the views are in
assessments/guided.py.
"""

from collections.abc import Iterable
from math import ceil
from typing import TypedDict

from assessments.rubric import FlatSkill, LevelText, level_text

# About a minute to read a skill's levels and pick one (more with a note): the start page
# says so, and rounds up rather than promise less than it takes.
MINUTES_PER_SKILL = 1

# {skill slug: (level or None, evidence)}: what a draft has saved.
Answers = dict[str, tuple[int | None, str]]


class Task(TypedDict):
    skill: FlatSkill
    level: LevelText | None  # the saved level's rubric entry, None when not rated yet
    evidence: str


class TaskGroup(TypedDict):
    name: str
    slug: str
    tasks: list[Task]
    done: int


def time_to_rate(skill_count: int) -> str:
    """ "about 15 minutes" for 14 skills: rounded up (to 5 minutes beyond 10)."""
    minutes = max(1, ceil(skill_count * MINUTES_PER_SKILL))
    if minutes > 10:
        minutes = 5 * ceil(minutes / 5)
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours > 1 else ''}")
    if rest:
        parts.append(f"{rest} minute{'s' if rest > 1 else ''}")
    return "about " + " ".join(parts)


def answers(ratings: Iterable) -> Answers:
    """Saved Rating rows as {slug: (level, evidence)}."""
    return {r.skill_slug: (r.level, r.evidence) for r in ratings}


def rated_count(skills: list[FlatSkill], saved: Answers) -> int:
    return sum(1 for s in skills if saved.get(s["slug"], (None, ""))[0] is not None)


def task_groups(skills: list[FlatSkill], saved: Answers) -> list[TaskGroup]:
    """The skills by category, each with its saved level (for the task list and check page)."""
    groups: list[TaskGroup] = []
    for skill in skills:
        level, evidence = saved.get(skill["slug"], (None, ""))
        if not groups or groups[-1]["slug"] != skill["category_slug"]:
            groups.append({"name": skill["category"], "slug": skill["category_slug"], "tasks": [], "done": 0})
        groups[-1]["tasks"].append({"skill": skill, "level": level_text(skill, level), "evidence": evidence})
        if level is not None:
            groups[-1]["done"] += 1
    return groups


def next_unrated(skills: list[FlatSkill], saved: Answers, after: str | None = None) -> FlatSkill | None:
    """The first unrated skill after ``after`` (a slug), wrapping round to the start;
    None when every skill has a level."""
    start = next((i + 1 for i, s in enumerate(skills) if s["slug"] == after), 0)
    for skill in skills[start:] + skills[:start]:
        if saved.get(skill["slug"], (None, ""))[0] is None:
            return skill
    return None


def level_window(skill: FlatSkill) -> tuple[list[LevelText], list[LevelText]]:
    """(shown, hidden): the expected level and the ones either side of it are shown
    first; the rest are behind "Show all levels"."""
    shown = [lv for lv in skill["levels"] if abs(lv["level"] - skill["expected"]) <= 1]
    hidden = [lv for lv in skill["levels"] if abs(lv["level"] - skill["expected"]) > 1]
    return shown, hidden
