"""The whole framework as a document in the file format, in a stable order.

The order is canonical, so export → import → export gives the identical file (and the
starter file is itself an export).
"""

from roles.framework.document import Document
from roles.framework.schema import FORMAT, VERSION
from roles.models import (
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


def export() -> Document:
    levels: dict[int, list[dict]] = {}
    for level in SkillLevel.objects.order_by("skill_id", "level"):
        levels.setdefault(level.skill_id, []).append(
            {
                "level": level.level,
                "name": level.name,
                "descriptor": level.descriptor,
                "growth": level.growth,
                "examples": list(level.examples),
            }
        )
    texts: dict[int, dict[str, str]] = {}
    expectations: dict[int, list[dict]] = {}
    next_roles: dict[int, list[str]] = {}
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

    def common(obj: Track | Dimension) -> dict:
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
                "alternative_titles": list(r.alternative_titles),
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
        "guides": _guides(),
        "resources": _resources(),
    }


def _resources() -> list[dict]:
    """Grouped by skill in the skills' order; a resource's position within its skill is its order."""
    rows = LearningResource.objects.select_related("skill").order_by(
        "skill__category__order",
        "skill__category__slug",
        "skill__order",
        "skill__slug",
        "order",
        "title",
        "pk",
    )
    return [
        {
            "skill": r.skill.slug,
            "title": r.title,
            "author_or_source": r.author_or_source,
            "url": r.url,
            "kind": r.kind,
            "why": r.why,
            "min_level": r.min_level,
            "max_level": r.max_level,
        }
        for r in rows
    ]


def _guides() -> list[dict]:
    readings: dict[int, list[dict]] = {}
    for reading in GuideReading.objects.order_by("guide_id", "order", "pk"):
        readings.setdefault(reading.guide_id, []).append({"title": reading.title, "author": reading.author})
    guides = []
    for guide in TransitionGuide.objects.select_related("from_role", "to_role", "alternative_role").order_by(
        "from_role__track__order",
        "from_role__seniority",
        "from_role__slug",
        "to_role__seniority",
        "to_role__slug",
    ):
        item: dict = {
            "from_role": guide.from_role.slug,
            "to_role": guide.to_role.slug,
            "published": guide.published,
            "featured": guide.featured,
            "what_changes": guide.what_changes,
            "pitfalls": list(guide.pitfalls),
            "first_30_days": list(guide.first_30_days),
            "days_31_to_60": list(guide.days_31_to_60),
            "days_61_to_90": list(guide.days_61_to_90),
            "evidence": list(guide.evidence),
        }
        if guide.alternative_role is not None:  # the key is left out when there is none
            item["alternative_role"] = guide.alternative_role.slug
        item["how_to_choose"] = guide.how_to_choose
        item["readings"] = readings.get(guide.pk, [])
        guides.append(item)
    return guides
