"""Load a validated document: compare it with the framework in memory, then write in bulk.

``plan`` reads the current framework with one query per table and works out, record by
record, what the file creates, updates, leaves unchanged and deletes; a preview (dry run)
stops there and writes nothing. ``Plan.apply`` then writes it with a few bulk statements
per table (writing.py) inside one transaction. Bulk writes send no signals, so ``load`` bumps
the cache token itself (roles/caching.py). The rules are in docs/framework-format.md.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from roles import caching
from roles.framework import writing
from roles.framework.document import Document, FrameworkError
from roles.framework.validation import validate
from roles.models import (
    Dimension,
    Expectation,
    GuideReading,
    Importance,
    LearningResource,
    Role,
    RoleDimension,
    Skill,
    SkillCategory,
    SkillLevel,
    Track,
    TransitionGuide,
)
from roles.scale import HIGHEST_LEVEL, LOWEST_LEVEL

Values = dict[str, Any]
# Any constant: imports queue on it instead of racing to create the same slugs.
IMPORT_LOCK = 0x63705F66726D  # "cp_frm"
Through = Role.next_roles.through


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: str, kind: str, n: int = 1) -> None:
        counts: dict[str, int] = getattr(self, bucket)
        if n:
            counts[kind] = counts.get(kind, 0) + n

    def summary(self) -> str:
        parts = []
        for bucket in ("created", "updated", "unchanged", "deleted"):
            counts = getattr(self, bucket)
            if counts:
                detail = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
                parts.append(f"{bucket}: {detail}")
        return "; ".join(parts) or "nothing to do"


@dataclass
class Changes:
    """What one table needs; values name parents by slug until ``apply`` knows their ids."""

    model: type[models.Model]
    create: list[tuple[Any, Values]] = field(default_factory=list)  # (key, values)
    update: list[tuple[int, Values]] = field(default_factory=list)  # (pk, values)
    delete: list[int] = field(default_factory=list)  # pks
    known: dict[Any, int] = field(default_factory=dict)  # key → pk of the rows that exist


def _compare(
    report: LoadReport,
    kind: str,
    model: type[models.Model],
    existing: dict[Any, tuple[int, Values]],
    wanted: dict[Any, Values],
    *,
    owners: set[Any] | None = None,
) -> Changes:
    """Sort ``wanted`` against ``existing``; with ``owners``, rows of those owners (key[0])
    that the file does not list are deleted."""
    changes = Changes(model, known={key: pk for key, (pk, _values) in existing.items()})
    for key, values in wanted.items():
        current = existing.get(key)
        if current is None:
            changes.create.append((key, values))
        elif current[1] != values:
            changes.update.append((current[0], values))
        else:
            report.count("unchanged", kind)
    if owners is not None:
        changes.delete = [pk for key, (pk, _) in existing.items() if key[0] in owners and key not in wanted]
    report.count("created", kind, len(changes.create))
    report.count("updated", kind, len(changes.update))
    report.count("deleted", kind, len(changes.delete))
    return changes


def _rows(queryset: models.QuerySet, key_width: int, names: list[str]) -> dict[Any, tuple[int, Values]]:
    """``{key: (pk, {name: value})}`` from ``values_list("pk", *key fields, *names)``."""
    rows: dict[Any, tuple[int, Values]] = {}
    for pk, *rest in queryset:
        key = rest[0] if key_width == 1 else tuple(rest[:key_width])
        rows[key] = (pk, dict(zip(names, rest[key_width:], strict=True)))
    return rows


def _existing(model: type[models.Model], key: list[str], names: list[str]) -> dict[Any, tuple[int, Values]]:
    lookups = [f"{name}__slug" if name in writing.FOREIGN_KEYS else name for name in names]
    return _rows(model._default_manager.order_by().values_list("pk", *key, *lookups), len(key), names)


GROUP_FIELDS = ["name", "description", "order"]


def _positions(items: list[Values], group: str) -> list[int]:
    """Each item's position among the items of the same ``group`` value, in file order."""
    seen: dict[Any, int] = {}
    positions = []
    for item in items:
        positions.append(seen.get(item[group], 0))
        seen[item[group]] = positions[-1] + 1
    return positions


@dataclass
class Plan:
    report: LoadReport
    steps: list[tuple[str, Changes]]  # in write order: parents before children

    def apply(self) -> None:
        ids: writing.Ids = {}
        now = timezone.now()
        for kind, changes in self.steps:
            _write(kind, changes, ids, now)


def plan(data: Document) -> Plan:
    """What loading ``data`` (already valid) would change; reads only."""
    report = LoadReport()
    steps: list[tuple[str, Changes]] = []

    def by_slug(kind: str, model: type[models.Model], names: list[str], values: Any) -> None:
        wanted = {item["slug"]: values(i, item) for i, item in enumerate(data[kind])}
        steps.append((kind, _compare(report, kind, model, _existing(model, ["slug"], names), wanted)))

    def group(i: int, item: Values) -> Values:
        return {
            "name": item["name"],
            "description": item.get("description", ""),
            "order": item.get("order", 0),
        }

    by_slug("tracks", Track, GROUP_FIELDS, group)
    by_slug("dimensions", Dimension, GROUP_FIELDS, group)
    by_slug(
        "categories",
        SkillCategory,
        ["name", "order"],
        lambda i, item: {"name": item["name"], "order": item.get("order", 0)},
    )
    # A skill's position among its category's skills in the file is its order: the export
    # lists skills by category, so a global index would change when it regroups them.
    skill_orders = _positions(data["skills"], "category")
    by_slug(
        "skills",
        Skill,
        ["name", "description", "category", "order"],
        lambda i, item: {
            "name": item["name"],
            "description": item.get("description", ""),
            "category": item["category"],
            "order": skill_orders[i],
        },
    )
    # Version 2 added alternative titles, evidence examples and guides: a version-1 file
    # says nothing about them, so it leaves them as they are.
    v2 = data["version"] >= 2
    level_names = ["name", "descriptor", "growth", *(["examples"] if v2 else [])]
    levels = {
        (skill["slug"], level["level"]): {
            "name": level["name"],
            "descriptor": level["descriptor"],
            "growth": level.get("growth", ""),
            **({"examples": list(level.get("examples", []))} if v2 else {}),
        }
        for skill in data["skills"]
        for level in skill["levels"]
    }
    existing_levels = _existing(SkillLevel, ["skill__slug", "level"], level_names)
    steps.append(("skill levels", _compare(report, "skill levels", SkillLevel, existing_levels, levels)))
    by_slug(
        "roles",
        Role,
        ["name", "track", "seniority", "summary", "published", *(["alternative_titles"] if v2 else [])],
        lambda i, item: {
            "name": item["name"],
            "track": item["track"],
            "seniority": item["seniority"],
            "summary": item["summary"],
            "published": item.get("published", False),
            **({"alternative_titles": list(item.get("alternative_titles", []))} if v2 else {}),
        },
    )

    # A role's texts, expectations and next roles become exactly those in the file.
    owners = {item["slug"] for item in data["roles"]}
    texts = {
        (item["slug"], slug): {"text": text}
        for item in data["roles"]
        for slug, text in item.get("dimensions", {}).items()
    }
    existing_texts = _existing(RoleDimension, ["role__slug", "dimension__slug"], ["text"])
    steps.append(
        (
            "dimension texts",
            _compare(report, "dimension texts", RoleDimension, existing_texts, texts, owners=owners),
        )
    )
    expectations = {
        (item["slug"], exp["skill"]): {
            "level": exp["level"],
            "importance": exp.get("importance", Importance.CORE),
        }
        for item in data["roles"]
        for exp in item.get("expectations", [])
    }
    existing_expectations = _existing(Expectation, ["role__slug", "skill__slug"], ["level", "importance"])
    steps.append(
        (
            "expectations",
            _compare(report, "expectations", Expectation, existing_expectations, expectations, owners=owners),
        )
    )
    links: dict[Any, Values] = {
        (item["slug"], slug): {} for item in data["roles"] for slug in item.get("next_roles", [])
    }
    existing_links = _existing(Through, ["from_role__slug", "to_role__slug"], [])
    steps.append(
        (
            "next-role links",
            _compare(report, "next-role links", Through, existing_links, links, owners=owners),
        )
    )
    if v2:
        steps.extend(_guide_steps(data, report))
    if data["version"] >= 3:
        steps.append(_resource_step(data, report))
    return Plan(report, steps)


RESOURCE_FIELDS = ["author_or_source", "url", "kind", "why", "min_level", "max_level", "order"]


def _resource_step(data: Document, report: LoadReport) -> tuple[str, Changes]:
    """A listed skill's resources become exactly the file's, in the file's order (version 3
    on: an older file says nothing about resources and leaves them alone)."""
    resources = data.get("resources", [])
    wanted: dict[Any, Values] = {}
    for item, order in zip(resources, _positions(resources, "skill"), strict=True):
        wanted[(item["skill"], item["title"])] = {
            "author_or_source": item["author_or_source"],
            "url": item.get("url", ""),
            "kind": item["kind"],
            "why": item["why"],
            "min_level": item.get("min_level", LOWEST_LEVEL),
            "max_level": item.get("max_level", HIGHEST_LEVEL),
            "order": order,
        }
    owners = {skill["slug"] for skill in data["skills"]}
    existing = _existing(LearningResource, ["skill__slug", "title"], RESOURCE_FIELDS)
    return ("resources", _compare(report, "resources", LearningResource, existing, wanted, owners=owners))


GUIDE_LISTS = ["pitfalls", "first_30_days", "days_31_to_60", "days_61_to_90", "evidence"]
GUIDE_FIELDS = ["what_changes", *GUIDE_LISTS, "alternative_role", "how_to_choose", "featured", "published"]


def _guide_steps(data: Document, report: LoadReport) -> list[tuple[str, Changes]]:
    """Guides are matched by their two roles; guides the file does not list are left alone,
    and each listed guide's further reading becomes exactly the file's."""
    guides = data.get("guides", [])
    wanted = {
        (guide["from_role"], guide["to_role"]): {
            "what_changes": guide["what_changes"],
            **{name: list(guide.get(name, [])) for name in GUIDE_LISTS},
            "alternative_role": guide.get("alternative_role"),
            "how_to_choose": guide.get("how_to_choose", ""),
            "featured": guide.get("featured", False),
            "published": guide.get("published", False),
        }
        for guide in guides
    }
    existing = _existing(TransitionGuide, ["from_role__slug", "to_role__slug"], GUIDE_FIELDS)
    # At most one guide is featured (a database constraint): when the file features one,
    # any other loses the flag first, so no write ever holds two.
    unfeature = Changes(TransitionGuide)
    chosen = next((key for key, values in wanted.items() if values["featured"]), None)
    if chosen is not None:
        for key, (pk, values) in existing.items():
            if values["featured"] and key != chosen:
                unfeature.update.append((pk, {"featured": False}))
                values["featured"] = False
                if key not in wanted:
                    report.count("updated", "guides")
    readings = {
        ((guide["from_role"], guide["to_role"]), reading["title"]): {"author": reading["author"], "order": j}
        for guide in guides
        for j, reading in enumerate(guide.get("readings", []))
    }
    rows = _existing(
        GuideReading, ["guide__from_role__slug", "guide__to_role__slug", "title"], ["author", "order"]
    )
    existing_readings = {(key[:2], key[2]): row for key, row in rows.items()}
    return [
        ("guides (featured)", unfeature),
        ("guides", _compare(report, "guides", TransitionGuide, existing, wanted)),
        (
            "guide readings",
            _compare(report, "guide readings", GuideReading, existing_readings, readings, owners=set(wanted)),
        ),
    ]


# --- writing -------------------------------------------------------------------------------


def _guide_ids() -> dict[Any, int]:
    rows = TransitionGuide.objects.order_by().values_list("from_role__slug", "to_role__slug", "pk")
    return {(source, target): pk for source, target, pk in rows}


def _write(kind: str, changes: Changes, ids: writing.Ids, now: datetime) -> None:
    model = changes.model
    writing.delete(model, changes.delete)
    writing.insert(
        model,
        [
            {**writing.key_columns(kind, key, ids), **writing.value_columns(v, ids)}
            for key, v in changes.create
        ],
        now,
    )
    if kind in writing.BY_SLUG:
        ids[kind] = writing.slug_ids(model) if changes.create else changes.known
    elif kind == "guides":
        ids[kind] = _guide_ids() if changes.create else changes.known
    writing.update(model, [(pk, writing.value_columns(v, ids)) for pk, v in changes.update], now)


def lock_imports() -> None:
    """Queue behind any other framework write until the caller's transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def load(data: Document, *, dry_run: bool = False) -> LoadReport:
    """Validate then load ``data``: update existing records by slug, create new ones.

    A role's expectations, dimension texts and next roles, and a skill's learning
    resources, become exactly those in the file. Records the file does not mention (other roles, skills…) are left alone.
    With ``dry_run`` nothing is written: the report says what loading would do.
    """
    problems = validate(data)
    if problems:
        raise FrameworkError(problems)
    if dry_run:
        return plan(data).report
    try:
        with transaction.atomic():
            lock_imports()
            changes = plan(data)
            changes.apply()
            caching.bump()  # bulk writes send no signals
    except IntegrityError as exc:  # an editor created the same slug meanwhile
        raise FrameworkError(
            [f"the framework changed during the import, nothing was written: {exc}"]
        ) from None
    return changes.report
