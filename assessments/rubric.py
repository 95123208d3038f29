"""Frozen rubric snapshots: what an assessment was made against.

A snapshot is plain JSON (stored in Assessment.rubric)::

    {"schema": 1,
     "role": {"slug", "name", "track"},
     "version": "<ISO time of the latest edit of the role or one of its skills>",
     "hash": "<sha256 of the content below>",
     "categories": [{"slug", "name", "skills": [
         {"slug", "name", "description", "expected": 1-5, "importance": "core"|"supporting",
          "levels": [{"level": 1-5, "name", "descriptor", "growth", "examples"?}, ...]}]}]}

"examples" (evidence examples, a list of strings) is present only when the level has some,
so snapshots taken before examples existed, and rubrics without them, look the same.

The hash covers the whole snapshot (result pages are cached under it). Whether the live
rubric has changed *for a result* is narrower (``changes``): the role's own expectations
and the names and level texts of its skills, compared field by field, so an edit anywhere
else in the framework never raises the notice, and the notice can say what changed.
"""

import hashlib
import json
from datetime import datetime
from typing import NotRequired, TypedDict

from roles.models import Expectation, Role, SkillLevel
from roles.scale import Importance

SCHEMA = 1


class LevelText(TypedDict):
    level: int
    name: str
    descriptor: str
    growth: str
    examples: NotRequired[list[str]]  # only when the level has evidence examples


class SnapshotSkill(TypedDict):
    slug: str
    name: str
    description: str
    expected: int
    importance: str  # an Importance value
    levels: list[LevelText]


class SnapshotCategory(TypedDict):
    slug: str
    name: str
    skills: list[SnapshotSkill]


class SnapshotRole(TypedDict):
    slug: str
    name: str
    track: str


class Snapshot(TypedDict):
    """Assessment.rubric: the shape in this module's docstring."""

    schema: int
    role: SnapshotRole
    version: str
    hash: str
    categories: list[SnapshotCategory]


class FlatSkill(SnapshotSkill):
    """A snapshot skill with its category's name and slug (``skills``)."""

    category: str
    category_slug: str


def content_hash(role_name: str, categories: list[SnapshotCategory]) -> str:
    canonical = json.dumps({"role": role_name, "categories": categories}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def build_snapshot(role: Role) -> Snapshot:
    """The live rubric of ``role`` (with its track loaded) as a snapshot.

    Queries: 1. expectations + skills + categories  2. the skills' levels.
    """
    expectations = list(
        Expectation.objects.filter(role=role)
        .select_related("skill__category")
        .order_by("skill__category__order", "skill__category__name", "skill__order", "skill__name")
    )
    levels: dict[int, list[LevelText]] = {}
    for level in SkillLevel.objects.filter(skill_id__in=[e.skill_id for e in expectations]).order_by(
        "skill_id", "level"
    ):
        entry: LevelText = {
            "level": level.level,
            "name": level.name,
            "descriptor": level.descriptor,
            "growth": level.growth,
        }
        # Only when there are some: a rubric without examples keeps the hash it always had.
        if level.examples:
            entry["examples"] = list(level.examples)
        levels.setdefault(level.skill_id, []).append(entry)
    categories: list[SnapshotCategory] = []
    updated: datetime = role.updated_at
    for exp in expectations:
        skill = exp.skill
        updated = max(updated, skill.updated_at)
        if not categories or categories[-1]["slug"] != skill.category.slug:
            categories.append({"slug": skill.category.slug, "name": skill.category.name, "skills": []})
        categories[-1]["skills"].append(
            {
                "slug": skill.slug,
                "name": skill.name,
                "description": skill.description,
                "expected": exp.level,
                "importance": exp.importance,
                "levels": levels.get(skill.pk, []),
            }
        )
    return {
        "schema": SCHEMA,
        "role": {"slug": role.slug, "name": role.name, "track": role.track.name},
        "version": updated.isoformat(),
        "hash": content_hash(role.name, categories),
        "categories": categories,
    }


def skills(snapshot: Snapshot) -> list[FlatSkill]:
    """The snapshot's skills in rubric order, each with its category's name and slug added.

    The one way to walk a snapshot's categories and skills as a flat list.
    """
    return [
        FlatSkill(**skill, category=category["name"], category_slug=category["slug"])
        for category in snapshot["categories"]
        for skill in category["skills"]
    ]


def skill_slugs(snapshot: Snapshot) -> set[str]:
    return {skill["slug"] for skill in skills(snapshot)}


def level_text(skill: SnapshotSkill, level: int | None) -> LevelText | None:
    """The rubric entry for ``level`` of a snapshot skill, or None."""
    for entry in skill["levels"]:
        if entry["level"] == level:
            return entry
    return None


# The level texts a result rests on, and how a change notice names each of them.
COMPARED_LEVEL_TEXTS = (("name", "name"), ("descriptor", "descriptor"), ("growth", "how-to-grow text"))
# A long list helps nobody: the notice names this many changes and counts the rest.
MAX_LISTED_CHANGES = 8


def _importance(value: str) -> str:
    return str(Importance(value).label).lower() if value in Importance.values else value


def _level_changes(name: str, was: SnapshotSkill, now: SnapshotSkill) -> list[str]:
    before = {entry["level"]: entry for entry in was["levels"]}
    after = {entry["level"]: entry for entry in now["levels"]}
    found = []
    for number in sorted(before.keys() | after.keys()):
        old, new = before.get(number), after.get(number)
        if old is None:
            found.append(f"{name}: level {number} added")
        elif new is None:
            found.append(f"{name}: level {number} removed")
        else:
            texts = [label for key, label in COMPARED_LEVEL_TEXTS if old.get(key) != new.get(key)]
            if texts:
                found.append(f"{name}: level {number} {' and '.join(texts)} reworded")
    return found


def changes(snapshot: Snapshot, live: Snapshot) -> list[str]:
    """What differs between a snapshot and the live rubric of the same role, in words
    ("Product vision: expected level 3 → 4"), in live rubric order, removed skills last.

    Only what a result rests on counts: skills added or removed, their expected level and
    importance, their names, and the name, descriptor and how-to-grow text of their levels.
    Descriptions, evidence examples, categories and order do not. Pure: no queries.
    """
    if snapshot["hash"] == live["hash"]:
        return []
    before = {skill["slug"]: skill for skill in skills(snapshot)}
    found: list[str] = []
    for now in skills(live):
        was = before.pop(now["slug"], None)
        if was is None:
            found.append(f"new skill: {now['name']}")
            continue
        name = was["name"]
        if now["name"] != name:
            found.append(f"{name}: now called {now['name']}")
        if now["expected"] != was["expected"]:
            found.append(f"{name}: expected level {was['expected']} → {now['expected']}")
        if now["importance"] != was["importance"]:
            found.append(
                f"{name}: now {_importance(now['importance'])} (was {_importance(was['importance'])})"
            )
        found.extend(_level_changes(name, was, now))
    found.extend(f"no longer expected: {was['name']}" for was in before.values())
    return found


def has_changed(snapshot: Snapshot, live: Snapshot | None) -> bool:
    """True when the role is gone or its live rubric differs in anything a result rests on."""
    return live is None or bool(changes(snapshot, live))
