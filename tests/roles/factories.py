"""Frameworks for tests (and the benchmarks), built by the real loader (roles.framework) once per session.

``load_starter`` and ``load_generated`` put a framework in the database. The first call of a
session, from a given database state, runs the real loader; later calls from the same state
insert a copy of the rows that load created (about a dozen queries instead of ~500, and no
signal receivers), then replace the framework token as the loader does. Tests of loading
itself call ``framework.load`` directly.
"""

import copy
import json

from django.core.management.color import no_style
from django.db import connection

from roles import caching, framework
from roles.models import (
    LEVELS,
    Dimension,
    Expectation,
    GuideReading,
    LearningResource,
    Role,
    RoleDimension,
    Skill,
    SkillCategory,
    SkillLevel,
    Track,
    TransitionGuide,
)

# In dependency order, so each table's rows can be inserted after those they point to.
FRAMEWORK_MODELS = [
    Track,
    Dimension,
    SkillCategory,
    Skill,
    SkillLevel,
    Role,
    Role.next_roles.through,
    RoleDimension,
    Expectation,
    TransitionGuide,
    GuideReading,
    LearningResource,
]

# (what was installed, database state before) -> [(model, [row values])]
_copies = {}


def starter_data():
    return json.loads(framework.STARTER_FILE.read_text())


def load_starter():
    """The starter framework, in the database (see the module docstring)."""
    _install(("starter",), starter_data)


def generated_framework(n_roles, n_skills, *, prefix="gen", n_dimensions=4, n_categories=4):
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
        "format": framework.FORMAT,
        "version": framework.VERSION,
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
        # Two per skill, so the pages that show resources grow with the framework too.
        "resources": [
            resource
            for i in range(n_skills)
            for resource in (
                {
                    "skill": f"{prefix}-skill-{i}",
                    "title": f"A book on skill {i}",
                    "author_or_source": "A generated author",
                    "url": f"https://example.org/{prefix}/{i}",
                    "kind": "book",
                    "why": "Generated for size.",
                    "min_level": 1,
                    "max_level": 5,
                },
                {
                    "skill": f"{prefix}-skill-{i}",
                    "title": f"Practise skill {i}",
                    "author_or_source": "Career Paths",
                    "url": "",
                    "kind": "practice",
                    "why": "Generated for size.",
                    "min_level": 1,
                    "max_level": 5,
                },
            )
        ],
    }


def load_generated(n_roles, n_skills, **kwargs):
    """A generated framework beside whatever is there (its slugs never collide)."""
    key = ("generated", n_roles, n_skills, tuple(sorted(kwargs.items())))
    _install(key, lambda: generated_framework(n_roles, n_skills, **kwargs))


def _state():
    """(row count, highest id) of every framework table, in one query."""
    parts = ", ".join(
        f"(SELECT count(*) FROM {t}), (SELECT coalesce(max(id), 0) FROM {t})"
        for t in (connection.ops.quote_name(model._meta.db_table) for model in FRAMEWORK_MODELS)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        return tuple(cursor.fetchone())


def _install(what, data):
    before = _state()
    rows = _copies.get((what, before))
    if rows is None:
        report = framework.load(data())
        if report.updated or report.deleted:
            return  # it changed rows that were there already: a copy of new rows would not repeat it
        highest = dict(zip(FRAMEWORK_MODELS, before[1::2], strict=True))
        _copies[(what, before)] = [
            (model, list(model.objects.filter(id__gt=highest[model]).order_by("id").values()))
            for model in FRAMEWORK_MODELS
        ]
        return
    for model, values in rows:
        if values:
            # Timestamps (auto_now) are set afresh, as the loader would.
            model.objects.bulk_create([model(**row) for row in values])
    with connection.cursor() as cursor:
        # The rows keep their ids: move the sequences past them, as inserting them would have.
        for sql in connection.ops.sequence_reset_sql(no_style(), FRAMEWORK_MODELS):
            cursor.execute(sql)
    # What framework.load does last: a new framework token, so no cached page outlives this.
    caching.bump()


def with_changes(data, fn):
    data = copy.deepcopy(data)
    fn(data)
    return data


def make_guide(from_slug, to_slug, *, readings=(("A book", "An Author"),), **fields):
    """A published transition guide between two existing roles, through the ORM, in place
    of the starter's guide for the same pair (if any)."""
    TransitionGuide.objects.filter(from_role__slug=from_slug, to_role__slug=to_slug).delete()
    if fields.get("featured"):
        TransitionGuide.objects.filter(featured=True).update(featured=False)
    values = {
        "what_changes": f"Moving from {from_slug} to {to_slug} changes the job.\n\nA second paragraph.",
        "pitfalls": ["Doing the old job harder."],
        "first_30_days": ["Meet everyone."],
        "days_31_to_60": ["Write the plan."],
        "days_61_to_90": ["Make one visible decision."],
        "evidence": ["A plan that others adopted."],
        "published": True,
        **fields,
    }
    guide = TransitionGuide.objects.create(
        from_role=Role.objects.get(slug=from_slug), to_role=Role.objects.get(slug=to_slug), **values
    )
    GuideReading.objects.bulk_create(
        GuideReading(guide=guide, title=title, author=author, order=i)
        for i, (title, author) in enumerate(readings)
    )
    return guide
