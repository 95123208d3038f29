"""The rows the role pages show, fetched as plain dicts: exactly the columns a page
shows, one query per kind of row, no model instances, and the hot queries compiled once
per process (roles/prepared.py; docs/performance.md)."""

from typing import TypedDict

from django.db import connection
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q
from django.urls import reverse

from roles import search
from roles.models import Dimension, Expectation, Role, RoleDimension, SkillLevel, Track
from roles.prepared import prepared
from roles.resources import LearningResource, ResourceKind


class RoleRow(TypedDict):
    id: int
    slug: str
    name: str
    seniority: int
    track_name: str
    url: str


class ExpectationRow(TypedDict):
    role_id: int
    skill_id: int
    skill_name: str
    skill_slug: str
    skill_order: int
    category_id: int
    category_name: str
    category_slug: str
    category_order: int
    level: int
    importance: str
    level_name: str | None  # the rubric's text for the expected level, when it has one
    descriptor: str | None
    examples: list[str] | None


def _with_url(rows):
    # One reverse() per list, not per row: role slugs need no URL quoting.
    before, _, after = reverse("roles:detail", args=["-"]).rpartition("-")
    for row in rows:
        row["url"] = f"{before}{row['slug']}{after}"
    return rows


@prepared
def _published_roles(next_of):
    rows = Role.objects.published().ladder_order().values("id", "slug", "name", "seniority")
    rows = rows.annotate(track_name=F("track__name"))
    if next_of is not None:
        rows = rows.annotate(
            is_next=Exists(
                Role.next_roles.through.objects.filter(from_role_id=next_of, to_role_id=OuterRef("pk"))
            )
        )
    return rows


def published_roles(*, next_of=None) -> list[RoleRow]:
    """Every published role in ladder order (for pickers), with its track's name.

    With ``next_of`` (a role id), each row also says whether it is one of that role's
    typical next roles (``is_next``), in the same query.
    """
    return _with_url(_published_roles(next_of))


@prepared
def _role_page_role(slug):
    return (
        Role.objects.published()
        .filter(slug=slug)
        .values("id", "slug", "name", "seniority", "summary", "alternative_titles")
        .annotate(track_name=F("track__name"), track_slug=F("track__slug"))
    )


def role_page_role(slug):
    """The published role ``slug`` with its track, or None."""
    rows = _role_page_role(slug)
    return _with_url(rows)[0] if rows else None


@prepared
def _published_slugs(slugs):
    return Role.objects.published().filter(slug__in=slugs).values("slug")


def featured_count(slugs):
    return len(_published_slugs(slugs))


@prepared
def tracks():
    return Track.objects.values("id", "name", "slug", "description")


@prepared
def _role_cards(track_id):
    rows = Role.objects.published()
    if track_id is not None:
        rows = rows.filter(track_id=track_id)
    return _card_columns(rows)


def _card_columns(rows):
    rows = rows.ladder_order().values(
        "slug", "name", "seniority", "summary", "track_id", "alternative_titles"
    )
    return rows.annotate(skill_count=Count("expectations"))


def role_cards(*, track_id=None):
    """Published roles for the role list: what a card shows, plus the skill count."""
    return _with_url(_role_cards(track_id))


def search_results(query: search.Query, *, track_id=None) -> list[search.ResultRow]:
    """The published roles matching a parsed search, best first, each with the columns that
    say why it matched (roles/search.py): one query."""
    # A search's SQL depends on its words (the synonym map): built and compiled each time.
    sql, params = search.results_sql(query, track_id=track_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return _with_url(rows)


@prepared
def dimensions():
    return Dimension.objects.values("id", "name")


@prepared
def _dimension_texts(role_ids):
    return (
        RoleDimension.objects.filter(role_id__in=role_ids)
        .order_by("dimension__order", "dimension__name")
        .values("role_id", "dimension_id", "text")
    )


def dimension_texts(role_ids):
    """(role id, dimension id, text) for the roles, in dimension order."""
    return [(row["role_id"], row["dimension_id"], row["text"]) for row in _dimension_texts(role_ids)]


@prepared
def dimension_texts_named(role_id):
    """[{dimension_name, text}] of one role, in dimension order."""
    return (
        RoleDimension.objects.filter(role_id=role_id)
        .order_by("dimension__order", "dimension__name")
        .values("text", dimension_name=F("dimension__name"))
    )


@prepared
def expectations(role_ids):
    """The roles' expectations with skill, category and the rubric text of the expected
    level (one join: the skill's level row whose number is the expected level)."""
    return (
        Expectation.objects.filter(role_id__in=role_ids)
        .annotate(expected=FilteredRelation("skill__levels", condition=Q(skill__levels__level=F("level"))))
        .order_by("skill__category__order", "skill__category__name", "skill__order", "skill__name")
        .values(
            "role_id",
            "skill_id",
            "level",
            "importance",
            skill_name=F("skill__name"),
            skill_slug=F("skill__slug"),
            skill_order=F("skill__order"),
            category_id=F("skill__category_id"),
            category_name=F("skill__category__name"),
            category_slug=F("skill__category__slug"),
            category_order=F("skill__category__order"),
            level_name=F("expected__name"),
            descriptor=F("expected__descriptor"),
            examples=F("expected__examples"),
        )
    )


def growth_texts(skill_ids):
    """{(skill id, level): {level, name, growth}} for the levels that have a growth text."""
    rows = (
        SkillLevel.objects.filter(skill_id__in=list(skill_ids))
        .exclude(growth="")
        .values("skill_id", "level", "name", "growth")
    )
    return {
        (row["skill_id"], row["level"]): {"level": row["level"], "name": row["name"], "growth": row["growth"]}
        for row in rows
    }


class ResourceRow(TypedDict):
    skill_slug: str
    title: str
    author_or_source: str
    url: str  # "" for a practice without a link
    kind: str
    kind_label: str
    why: str
    min_level: int
    max_level: int


def _resources(skill_slugs, level):
    # Not @prepared: Django answers a negative bound on a positive field with no SQL at all,
    # so the level's marker would never reach the query.
    rows = LearningResource.objects.filter(skill__slug__in=skill_slugs)
    if level is not None:
        rows = rows.filter(min_level__lte=level, max_level__gte=level)
    return rows.order_by("skill__slug", "order", "title", "pk").values(
        "title",
        "author_or_source",
        "url",
        "kind",
        "why",
        "min_level",
        "max_level",
        skill_slug=F("skill__slug"),
    )


def resources_for(skill_slugs, level=None) -> dict[str, list[ResourceRow]]:
    """{skill slug: [resource rows in the editors' order]} for the skills, in one query.

    With ``level``, only the resources that help someone at that level (within the
    resource's from–to levels). Every slug asked for is a key, with [] when it has none;
    no slugs, no query.
    """
    slugs = sorted(set(skill_slugs))
    found: dict[str, list[ResourceRow]] = {slug: [] for slug in slugs}
    if not slugs:
        return found
    labels = dict(ResourceKind.choices)
    for row in _resources(slugs, level):
        row["kind_label"] = labels.get(row["kind"], row["kind"])
        found[row["skill_slug"]].append(row)  # type: ignore[arg-type]
    return found
