"""Read, validate, load and export a career framework file (docs/framework-format.md).

One format serves the starter content (`load_framework`), imports and exports. A file is
validated as a whole before anything is written, every problem is reported with its
location (``roles[3].expectations[7]: unknown skill "vison"``), and loading runs in one
transaction: a file with a single error writes nothing.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from roles import caching
from roles.models import (
    LEVELS,
    Dimension,
    Expectation,
    Importance,
    Role,
    RoleDimension,
    Skill,
    SkillCategory,
    SkillLevel,
    Track,
)

FORMAT = "careerpaths-framework"
VERSION = 1
STARTER_FILE = Path(__file__).resolve().parent / "data" / "starter_framework.json"
LEVEL_NUMBERS = [1, 2, 3, 4, 5]


class FrameworkError(Exception):
    """The file cannot be loaded; ``problems`` lists every reason with its location."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: dict = field(default_factory=dict)
    deleted: dict = field(default_factory=dict)

    def count(self, bucket, kind):
        getattr(self, bucket)[kind] = getattr(self, bucket).get(kind, 0) + 1

    def summary(self):
        parts = []
        for bucket in ("created", "updated", "unchanged", "deleted"):
            counts = getattr(self, bucket)
            if counts:
                detail = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
                parts.append(f"{bucket}: {detail}")
        return "; ".join(parts) or "nothing to do"


def read_file(path):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError([f"cannot read {path}: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise FrameworkError([f"{path}: not UTF-8 text"]) from None
    return parse(text)


def parse(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FrameworkError(
            [f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]
        ) from None


# --- validation -----------------------------------------------------------------------------


class _Checker:
    def __init__(self):
        self.problems = []

    def add(self, where, message):
        self.problems.append(f"{where}: {message}" if where else message)

    def obj(self, value, where):
        if not isinstance(value, dict):
            self.add(where, "must be an object")
            return False
        return True

    def text(self, item, key, where, *, max_length=None, required=True):
        value = item.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            self.add(f"{where}.{key}", "is missing" if value is None else "must be a string")
            return None
        if required and not value.strip():
            self.add(f"{where}.{key}", "must not be empty")
            return None
        if max_length and len(value) > max_length:
            self.add(f"{where}.{key}", f"is longer than {max_length} characters")
            return None
        return value

    def slug(self, item, key, where, seen):
        value = self.text(item, key, where, max_length=100)
        if value is None:
            return None
        if slugify(value) != value:
            self.add(f"{where}.{key}", f'"{value}" is not a valid slug (lowercase letters, digits, hyphens)')
            return None
        if value in seen:
            self.add(f"{where}.{key}", f'duplicate slug "{value}"')
            return None
        seen.add(value)
        return value

    def integer(self, item, key, where, *, low=None, high=None, required=True):
        value = item.get(key)
        if value is None and not required:
            return 0
        if not isinstance(value, int) or isinstance(value, bool):
            self.add(f"{where}.{key}", "is missing" if value is None else "must be a whole number")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.add(f"{where}.{key}", f"must be between {low} and {high}, got {value}")
            return None
        return value

    def items(self, data, key):
        value = data.get(key)
        if not isinstance(value, list):
            self.add(key, "is missing" if value is None else "must be a list")
            return []
        return value


def validate(data):
    """Return the list of problems in ``data`` (empty when it can be loaded)."""
    c = _Checker()
    if not isinstance(data, dict):
        return ["the file must contain a JSON object"]
    if data.get("format") != FORMAT:
        c.add("format", f'must be "{FORMAT}"')
    if data.get("version") != VERSION:
        c.add("version", f"must be {VERSION}")

    track_slugs, dimension_slugs, category_slugs, skill_slugs, role_slugs = set(), set(), set(), set(), set()
    for kind, seen in (
        ("tracks", track_slugs),
        ("dimensions", dimension_slugs),
        ("categories", category_slugs),
    ):
        for i, item in enumerate(c.items(data, kind)):
            where = f"{kind}[{i}]"
            if c.obj(item, where):
                c.slug(item, "slug", where, seen)
                c.text(item, "name", where, max_length=100)
                c.text(item, "description", where, required=False)
                c.integer(item, "order", where, low=0, high=32767, required=False)

    for i, skill in enumerate(c.items(data, "skills")):
        where = f"skills[{i}]"
        if not c.obj(skill, where):
            continue
        c.slug(skill, "slug", where, skill_slugs)
        c.text(skill, "name", where, max_length=120)
        c.text(skill, "description", where, required=False)
        category = c.text(skill, "category", where)
        if category is not None and category not in category_slugs:
            c.add(f"{where}.category", f'unknown category "{category}"')
        levels = skill.get("levels")
        if not isinstance(levels, list):
            c.add(f"{where}.levels", "must be a list of the five levels")
            continue
        numbers = []
        for j, level in enumerate(levels):
            lwhere = f"{where}.levels[{j}]"
            if not c.obj(level, lwhere):
                continue
            numbers.append(c.integer(level, "level", lwhere, low=1, high=5))
            c.text(level, "name", lwhere, max_length=60)
            c.text(level, "descriptor", lwhere)
            c.text(level, "growth", lwhere, required=False)
        if all(n is not None for n in numbers) and sorted(numbers) != LEVEL_NUMBERS:
            c.add(f"{where}.levels", f"must be exactly levels 1, 2, 3, 4, 5 (got {sorted(numbers)})")

    roles = c.items(data, "roles")
    for i, role in enumerate(roles):
        if c.obj(role, f"roles[{i}]"):
            c.slug(role, "slug", f"roles[{i}]", role_slugs)
    for i, role in enumerate(roles):
        where = f"roles[{i}]"
        if not isinstance(role, dict):
            continue
        c.text(role, "name", where, max_length=120)
        c.text(role, "summary", where)
        c.integer(role, "seniority", where, low=1, high=32767)
        if not isinstance(role.get("published", False), bool):
            c.add(f"{where}.published", "must be true or false")
        track = c.text(role, "track", where)
        if track is not None and track not in track_slugs:
            c.add(f"{where}.track", f'unknown track "{track}"')
        next_roles = role.get("next_roles", [])
        if not isinstance(next_roles, list):
            c.add(f"{where}.next_roles", "must be a list of role slugs")
        else:
            for j, slug in enumerate(next_roles):
                if slug not in role_slugs:
                    c.add(f"{where}.next_roles[{j}]", f'unknown role "{slug}"')
                elif slug == role.get("slug"):
                    c.add(f"{where}.next_roles[{j}]", "a role cannot be its own next role")
        dimensions = role.get("dimensions", {})
        if not isinstance(dimensions, dict):
            c.add(f"{where}.dimensions", "must be an object of dimension slug → text")
        else:
            for slug, text in dimensions.items():
                if slug not in dimension_slugs:
                    c.add(f"{where}.dimensions.{slug}", f'unknown dimension "{slug}"')
                elif not isinstance(text, str) or not text.strip():
                    c.add(f"{where}.dimensions.{slug}", "must be non-empty text")
        expectations = role.get("expectations", [])
        if not isinstance(expectations, list):
            c.add(f"{where}.expectations", "must be a list")
            continue
        seen_skills = set()
        for j, exp in enumerate(expectations):
            ewhere = f"{where}.expectations[{j}]"
            if not c.obj(exp, ewhere):
                continue
            skill = exp.get("skill")
            if skill not in skill_slugs:
                c.add(ewhere, f'unknown skill "{skill}"')
            elif skill in seen_skills:
                c.add(ewhere, f'skill "{skill}" is listed twice')
            seen_skills.add(skill)
            c.integer(exp, "level", ewhere, low=1, high=5)
            if exp.get("importance", Importance.CORE) not in Importance.values:
                c.add(
                    f"{ewhere}.importance", f'must be "core" or "supporting", got {exp.get("importance")!r}'
                )
    return c.problems


# --- loading ---------------------------------------------------------------------------------


def _upsert(model, report, kind, obj, create_with, values):
    """Create ``obj`` (None) from ``create_with`` + ``values``, or update it; count which."""
    if obj is None:
        obj = model(**create_with, **values)
        obj.save()
        report.count("created", kind)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
        report.count("updated", kind)
    else:
        report.count("unchanged", kind)
    return obj


def load(data, *, dry_run=False):
    """Validate then load ``data``: update existing records by slug, create new ones.

    A role's expectations, dimension texts and next roles become exactly those in the
    file. Records the file does not mention (other roles, skills…) are left alone.
    """
    problems = validate(data)
    if problems:
        raise FrameworkError(problems)
    report = LoadReport()
    with transaction.atomic():
        _load(data, report)
        # Saves already replaced the cache token; this covers writes that send no signals.
        caching.bump()
        if dry_run:
            transaction.set_rollback(True)
    return report


def _by_slug(model, items, report, kind, values_for):
    existing = {obj.slug: obj for obj in model.objects.all()}
    for item in items:
        slug = item["slug"]
        existing[slug] = _upsert(model, report, kind, existing.get(slug), {"slug": slug}, values_for(item))
    return existing


def _load(data, report):
    def common(item):
        return {
            "name": item["name"],
            "description": item.get("description", ""),
            "order": item.get("order", 0),
        }

    tracks = _by_slug(Track, data["tracks"], report, "tracks", common)
    dimensions = _by_slug(Dimension, data["dimensions"], report, "dimensions", common)
    categories = _by_slug(
        SkillCategory,
        data["categories"],
        report,
        "categories",
        lambda item: {"name": item["name"], "order": item.get("order", 0)},
    )
    # A skill's position in the file is its order within its category.
    position = {item["slug"]: index for index, item in enumerate(data["skills"])}
    skills = _by_slug(
        Skill,
        data["skills"],
        report,
        "skills",
        lambda item: {
            "name": item["name"],
            "description": item.get("description", ""),
            "category": categories[item["category"]],
            "order": position[item["slug"]],
        },
    )
    levels = {(lv.skill_id, lv.level): lv for lv in SkillLevel.objects.all()}
    for item in data["skills"]:
        skill = skills[item["slug"]]
        for level in item["levels"]:
            values = {
                "name": level["name"],
                "descriptor": level["descriptor"],
                "growth": level.get("growth", ""),
            }
            key = (skill.pk, level["level"])
            _upsert(
                SkillLevel, report, "skill levels", levels.get(key), {"skill": skill, "level": key[1]}, values
            )

    roles = _by_slug(
        Role,
        data["roles"],
        report,
        "roles",
        lambda item: {
            "name": item["name"],
            "track": tracks[item["track"]],
            "seniority": item["seniority"],
            "summary": item["summary"],
            "published": item.get("published", False),
        },
    )
    role_ids = [roles[item["slug"]].pk for item in data["roles"]]
    texts = {(t.role_id, t.dimension_id): t for t in RoleDimension.objects.filter(role_id__in=role_ids)}
    expectations = {(e.role_id, e.skill_id): e for e in Expectation.objects.filter(role_id__in=role_ids)}
    for item in data["roles"]:
        role = roles[item["slug"]]
        wanted_texts = set()
        for slug, text in item.get("dimensions", {}).items():
            key = (role.pk, dimensions[slug].pk)
            wanted_texts.add(key)
            create_with = {"role": role, "dimension": dimensions[slug]}
            _upsert(RoleDimension, report, "dimension texts", texts.get(key), create_with, {"text": text})
        for key, obj in texts.items():
            if key[0] == role.pk and key not in wanted_texts:
                obj.delete()
                report.count("deleted", "dimension texts")
        wanted = set()
        for exp in item.get("expectations", []):
            skill = skills[exp["skill"]]
            key = (role.pk, skill.pk)
            wanted.add(key)
            values = {"level": exp["level"], "importance": exp.get("importance", Importance.CORE)}
            _upsert(
                Expectation,
                report,
                "expectations",
                expectations.get(key),
                {"role": role, "skill": skill},
                values,
            )
        for key, obj in expectations.items():
            if key[0] == role.pk and key not in wanted:
                obj.delete()
                report.count("deleted", "expectations")
    for item in data["roles"]:
        role = roles[item["slug"]]
        next_ids = sorted(roles[slug].pk for slug in item.get("next_roles", []))
        if sorted(role.next_roles.values_list("pk", flat=True)) != next_ids:
            role.next_roles.set(next_ids)


# --- export ----------------------------------------------------------------------------------


def export():
    """The whole framework as a dict in the file format (stable order: round-trips exactly)."""
    levels = {}
    for level in SkillLevel.objects.order_by("skill_id", "level"):
        levels.setdefault(level.skill_id, []).append(
            {"level": level.level, "name": level.name, "descriptor": level.descriptor, "growth": level.growth}
        )
    texts, expectations, next_roles = {}, {}, {}
    for text in RoleDimension.objects.select_related("dimension").order_by(
        "dimension__order", "dimension__slug"
    ):
        texts.setdefault(text.role_id, {})[text.dimension.slug] = text.text
    for exp in Expectation.objects.select_related("skill__category").order_by(
        "skill__category__order", "skill__category__slug", "skill__order", "skill__slug"
    ):
        expectations.setdefault(exp.role_id, []).append(
            {"skill": exp.skill.slug, "level": exp.level, "importance": exp.importance}
        )
    for link in Role.next_roles.through.objects.select_related("to_role").order_by(
        "to_role__seniority", "to_role__slug"
    ):
        next_roles.setdefault(link.from_role_id, []).append(link.to_role.slug)

    def common(obj):
        return {"slug": obj.slug, "name": obj.name, "description": obj.description, "order": obj.order}

    return {
        "format": FORMAT,
        "version": VERSION,
        "tracks": [common(t) for t in Track.objects.order_by("order", "slug")],
        "dimensions": [common(d) for d in Dimension.objects.order_by("order", "slug")],
        "categories": [
            {"slug": c.slug, "name": c.name, "order": c.order}
            for c in SkillCategory.objects.order_by("order", "slug")
        ],
        "skills": [
            {
                "slug": s.slug,
                "name": s.name,
                "category": s.category.slug,
                "description": s.description,
                "levels": levels.get(s.pk, []),
            }
            for s in Skill.objects.select_related("category").order_by(
                "category__order", "category__slug", "order", "slug"
            )
        ],
        "roles": [
            {
                "slug": r.slug,
                "name": r.name,
                "track": r.track.slug,
                "seniority": r.seniority,
                "summary": r.summary,
                "published": r.published,
                "next_roles": next_roles.get(r.pk, []),
                "dimensions": texts.get(r.pk, {}),
                "expectations": expectations.get(r.pk, []),
            }
            for r in Role.objects.select_related("track").order_by("track__order", "seniority", "slug")
        ],
    }


def dumps(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def generated(n_roles, n_skills, *, prefix="gen", n_dimensions=4, n_categories=4):
    """A synthetic framework of the given size in the file format, for benchmarks and tests.

    Every role expects every skill, so pages grow with ``n_skills``; roles form one ladder.
    Slugs start with ``prefix`` so a generated framework can sit beside the starter one.
    """

    def levels(i):
        return [
            {
                "level": n,
                "name": f"L{n}",
                "descriptor": f"Skill {i} behaviour at level {n}.",
                "growth": "Practise.",
            }
            for n in LEVELS
        ]

    return {
        "format": FORMAT,
        "version": VERSION,
        "tracks": [
            {"slug": f"{prefix}-track", "name": f"Generated track ({prefix})", "description": "", "order": 9}
        ],
        "dimensions": [
            {"slug": f"{prefix}-dim-{d}", "name": f"Dimension {d}", "description": "", "order": 10 + d}
            for d in range(n_dimensions)
        ],
        "categories": [
            {"slug": f"{prefix}-cat-{c}", "name": f"Category {c}", "order": 10 + c}
            for c in range(n_categories)
        ],
        "skills": [
            {
                "slug": f"{prefix}-skill-{i}",
                "name": f"Generated skill {i}",
                "category": f"{prefix}-cat-{i % n_categories}",
                "description": "A generated skill.",
                "levels": levels(i),
            }
            for i in range(n_skills)
        ],
        "roles": [
            {
                "slug": f"{prefix}-role-{r}",
                "name": f"Generated role {r}",
                "track": f"{prefix}-track",
                "seniority": 100 + r,
                "summary": f"Generated role number {r}.",
                "published": True,
                "next_roles": [f"{prefix}-role-{r + 1}"] if r + 1 < n_roles else [],
                "dimensions": {
                    f"{prefix}-dim-{d}": f"Role {r} on dimension {d}." for d in range(n_dimensions)
                },
                "expectations": [
                    {
                        "skill": f"{prefix}-skill-{i}",
                        "level": 1 + (r + i) % 5,
                        "importance": "core" if i % 2 else "supporting",
                    }
                    for i in range(n_skills)
                ],
            }
            for r in range(n_roles)
        ],
    }
