"""Workflows over several roles models, kept out of the admin so they can be reused and tested."""

from django.db import transaction
from django.utils.text import slugify

from roles.models import Expectation, Role, RoleDimension


@transaction.atomic
def duplicate_role(*, role: Role) -> Role:
    """Copy a role with its texts, expectations and next roles as an unpublished draft."""
    base_slug = slugify(f"copy-of-{role.slug}")[:110]
    slug, n = base_slug, 2
    while Role.objects.filter(slug=slug).exists():
        slug, n = f"{base_slug}-{n}", n + 1
    copy = Role.objects.create(
        name=f"Copy of {role.name}"[:120],
        slug=slug,
        track=role.track,
        seniority=role.seniority,
        summary=role.summary,
        alternative_titles=list(role.alternative_titles),
        published=False,
    )
    RoleDimension.objects.bulk_create(
        RoleDimension(role=copy, dimension_id=t.dimension_id, text=t.text) for t in role.dimension_texts.all()
    )
    Expectation.objects.bulk_create(
        Expectation(role=copy, skill_id=e.skill_id, level=e.level, importance=e.importance)
        for e in role.expectations.all()
    )
    copy.next_roles.set(role.next_roles.all())
    return copy
