"""Frameworks for tests, built by the real loader (roles.framework) once per session.

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
from roles.models import Dimension, Expectation, Role, RoleDimension, Skill, SkillCategory, SkillLevel, Track

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
]

# (what was installed, database state before) -> [(model, [row values])]
_copies = {}


def starter_data():
    return json.loads(framework.STARTER_FILE.read_text())


def load_starter():
    """The starter framework, in the database (see the module docstring)."""
    _install(("starter",), starter_data)


def generated_framework(n_roles, n_skills, **kwargs):
    """A synthetic framework of the given size, in the file format."""
    return framework.generated(n_roles, n_skills, **kwargs)


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
    """A published transition guide between two existing roles, through the ORM."""
    from roles.models import GuideReading, Role, TransitionGuide

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
