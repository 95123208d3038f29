"""Build frameworks for tests through the real loader (roles.framework)."""

import copy
import json

from roles import framework


def starter_data():
    return json.loads(framework.STARTER_FILE.read_text())


def load_starter():
    return framework.load(starter_data())


def generated_framework(n_roles, n_skills, **kwargs):
    """A synthetic framework of the given size, in the file format."""
    return framework.generated(n_roles, n_skills, **kwargs)


def load_generated(n_roles, n_skills, **kwargs):
    return framework.load(generated_framework(n_roles, n_skills, **kwargs))


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
