"""Validate a framework document: safety first, then the schema, then cross-references.

Every problem is one line with its location, e.g. ``roles[3].expectations[7]: unknown skill
"vison"``. The cross-reference checks read only values the schema has already typed, and
skip anything else (the schema has reported it).
"""

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError

from roles.framework.checker import Problems, shown
from roles.framework.document import Location, located, unsafe_values
from roles.framework.schema import CHECK, KINDS, SLUGGED
from roles.resources import ResourceKind, validate_http_url
from roles.scale import HIGHEST_LEVEL, LOWEST_LEVEL

LEVEL_NUMBERS = [1, 2, 3, 4, 5]


def validate(data: Any) -> list[str]:
    """Return the list of problems in ``data`` (empty when it can be loaded)."""
    unsafe = list(unsafe_values(data))
    if unsafe:  # deeper checks could recurse too far or trip over these values
        return unsafe
    found = schema_problems(data)
    if isinstance(data, dict):
        found.extend(cross_reference_problems(data))
    found.sort(key=_document_order)  # stable: within one item, schema problems come first
    return [located(location, message) for location, message in found]


def schema_problems(data: Any) -> Problems:
    problems: Problems = []
    CHECK(data, (), problems)
    return problems


def _document_order(entry: tuple[Location, str]) -> tuple[int, int]:
    location = entry[0]
    if not location or location[0] not in KINDS:
        return (-1, 0)
    index = location[1] if len(location) > 1 and isinstance(location[1], int) else -1
    return (KINDS.index(str(location[0])), index)


# --- cross-references ----------------------------------------------------------------------


def _objects(data: dict, kind: str) -> Iterator[tuple[int, dict]]:
    items = data.get(kind)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def cross_reference_problems(data: dict) -> Iterator[tuple[Location, str]]:
    slugs: dict[str, set[str]] = {}
    for kind in SLUGGED:
        seen = slugs[kind] = set()
        for i, item in _objects(data, kind):
            slug = item.get("slug")
            if not isinstance(slug, str):
                continue
            if slug in seen:
                yield _at((kind, i, "slug"), f'duplicate slug "{slug}"')
            seen.add(slug)

    for i, skill in _objects(data, "skills"):
        category = skill.get("category")
        if isinstance(category, str) and category not in slugs["categories"]:
            yield _at(("skills", i, "category"), f'unknown category "{category}"')
        levels = skill.get("levels")
        if isinstance(levels, list):
            numbers: list[Any] = [level.get("level") for level in levels if isinstance(level, dict)]
            typed = all(isinstance(n, int) and not isinstance(n, bool) for n in numbers)
            if typed and sorted(numbers) != LEVEL_NUMBERS:
                yield _at(
                    ("skills", i, "levels"), f"must be exactly levels 1, 2, 3, 4, 5 (got {sorted(numbers)})"
                )

    for i, role in _objects(data, "roles"):
        yield from _role_references(i, role, slugs)
    yield from _guide_references(data, slugs["roles"])
    yield from _resource_problems(data, slugs["skills"])


def _at(location: Location, message: str) -> tuple[Location, str]:
    return location, message


def _role_references(i: int, role: dict, slugs: dict[str, set[str]]) -> Iterator[tuple[Location, str]]:
    track = role.get("track")
    if isinstance(track, str) and track not in slugs["tracks"]:
        yield _at(("roles", i, "track"), f'unknown track "{track}"')
    next_roles = role.get("next_roles")
    if isinstance(next_roles, list):
        for j, slug in enumerate(next_roles):
            if not isinstance(slug, str):
                continue
            if slug not in slugs["roles"]:
                yield _at(("roles", i, "next_roles", j), f'unknown role "{slug}"')
            elif slug == role.get("slug"):
                yield _at(("roles", i, "next_roles", j), "a role cannot be its own next role")
    dimensions = role.get("dimensions")
    if isinstance(dimensions, dict):
        for slug in dimensions:
            if slug not in slugs["dimensions"]:
                yield _at(("roles", i, "dimensions", slug), f'unknown dimension "{slug}"')
    expectations = role.get("expectations")
    if isinstance(expectations, list):
        seen: set[str] = set()
        for j, expectation in enumerate(expectations):
            skill = expectation.get("skill") if isinstance(expectation, dict) else None
            if not isinstance(skill, str):
                continue
            if skill not in slugs["skills"]:
                yield _at(("roles", i, "expectations", j), f'unknown skill "{skill}"')
            elif skill in seen:
                yield _at(("roles", i, "expectations", j), f'skill "{skill}" is listed twice')
            seen.add(skill)


def _guide_references(data: dict, roles: set[str]) -> Iterator[tuple[Location, str]]:
    pairs: set[tuple[str, str]] = set()
    featured = 0
    for i, guide in _objects(data, "guides"):
        for key in ("from_role", "to_role", "alternative_role"):
            slug = guide.get(key)
            if isinstance(slug, str) and slug not in roles:
                yield _at(("guides", i, key), f'unknown role "{slug}"')
        pair = (guide.get("from_role"), guide.get("to_role"))
        if all(isinstance(slug, str) for slug in pair):
            if pair[0] == pair[1]:
                yield _at(("guides", i, "to_role"), "a guide must lead to another role")
            elif pair in pairs:
                yield _at(("guides", i), f'a guide from "{pair[0]}" to "{pair[1]}" is listed twice')
            pairs.add(pair)  # type: ignore[arg-type]
        if guide.get("featured") is True:
            featured += 1
            if featured > 1:
                yield _at(("guides", i, "featured"), "only one guide can be featured")
        readings = guide.get("readings")
        if isinstance(readings, list):
            titles: set[str] = set()
            for j, reading in enumerate(readings):
                title = reading.get("title") if isinstance(reading, dict) else None
                if isinstance(title, str):
                    if title in titles:
                        yield _at(("guides", i, "readings", j, "title"), f'"{title}" is listed twice')
                    titles.add(title)


def _resource_problems(data: dict, skills: set[str]) -> Iterator[tuple[Location, str]]:
    """What the database would refuse in a resource, said before anything is written."""
    titles: set[tuple[str, str]] = set()
    for i, resource in _objects(data, "resources"):
        skill, title = resource.get("skill"), resource.get("title")
        if isinstance(skill, str) and skill not in skills:
            yield _at(("resources", i, "skill"), f'unknown skill "{skill}"')
        if isinstance(skill, str) and isinstance(title, str):
            if (skill, title) in titles:
                yield _at(("resources", i, "title"), f'"{title}" is listed twice for skill "{skill}"')
            titles.add((skill, title))
        url = resource.get("url", "")
        if isinstance(url, str) and url:
            try:
                validate_http_url(url)
            except ValidationError:
                yield _at(("resources", i, "url"), f"{shown(url)} is not an http:// or https:// address")
        elif url == "" and resource.get("kind") in ResourceKind.values and resource["kind"] != "practice":
            yield _at(("resources", i, "url"), "is missing (only a practice may have no address)")
        why = resource.get("why")
        if isinstance(why, str) and ("\n" in why or "\r" in why):
            yield _at(("resources", i, "why"), "must be one line")
        low, high = resource.get("min_level", LOWEST_LEVEL), resource.get("max_level", HIGHEST_LEVEL)
        if _whole(low) and _whole(high) and low > high:
            yield _at(("resources", i, "max_level"), f"must not be below min_level ({low}), got {high}")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
