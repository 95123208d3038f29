"""Validate a framework document: safety first, then the schema, then cross-references.

Every problem is one line with its location, e.g. ``roles[3].expectations[7]: unknown skill
"vison"``. The cross-reference checks read only values the schema has already typed, and
skip anything else (the schema has reported it).
"""

import json
from collections.abc import Iterator
from typing import Any

from jsonschema import ValidationError

from roles.framework.document import Location, located, unsafe_values
from roles.framework.schema import KINDS, VALIDATOR

LEVEL_NUMBERS = [1, 2, 3, 4, 5]


def validate(data: Any) -> list[str]:
    """Return the list of problems in ``data`` (empty when it can be loaded)."""
    unsafe = list(unsafe_values(data))
    if unsafe:  # deeper checks could recurse too far or trip over these values
        return unsafe
    if not isinstance(data, dict):
        return [message_for(error) for error in VALIDATOR.iter_errors(data)]
    found = [(tuple(error.absolute_path), message_for(error)) for error in VALIDATOR.iter_errors(data)]
    found.extend(cross_reference_problems(data))
    found.sort(key=_document_order)  # stable: within one item, schema problems come first
    return [message for _location, message in found]


def _document_order(entry: tuple[Location, str]) -> tuple[int, int]:
    location = entry[0]
    if not location or location[0] not in KINDS:
        return (-1, 0)
    index = location[1] if len(location) > 1 and isinstance(location[1], int) else -1
    return (KINDS.index(str(location[0])), index)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else f"{text[:57]}…"


def message_for(error: ValidationError) -> str:
    """One located line for a schema error, in the words of the rest of the format."""
    location: Location = tuple(error.absolute_path)
    keyword = str(error.validator)
    custom = error.schema.get("x-messages", {}) if isinstance(error.schema, dict) else {}
    value = error.instance
    if keyword == "required":
        missing = next(key for key in error.validator_value if key not in value)
        return located((*location, missing), "is missing")
    if keyword in custom:
        return located(location, custom[keyword])
    schema = error.schema if isinstance(error.schema, dict) else {}
    if keyword == "type":
        message = {
            "object": "must be an object",
            "array": "must be a list",
            "string": "must be a string",
            "integer": "must be a whole number",
            "boolean": "must be true or false",
        }.get(str(error.validator_value), f"must be of type {error.validator_value}")
    elif keyword == "pattern":
        message = "must not be empty"
    elif keyword == "maxLength":
        message = f"is longer than {error.validator_value} characters"
    elif keyword in ("minimum", "maximum"):
        message = f"must be between {schema.get('minimum')} and {schema.get('maximum')}, got {value}"
    elif keyword == "format":
        message = f"{_shown(value)} is not a valid slug (lowercase letters, digits, hyphens)"
    elif keyword == "const":
        message = f"must be {_shown(error.validator_value)}"
    elif keyword == "enum":
        choices = " or ".join(_shown(choice) for choice in error.validator_value)
        message = f"must be {choices}, got {_shown(value)}"
    elif keyword == "maxItems":
        message = f"must have at most {error.validator_value} items"
    else:  # a keyword added to the schema without a wording here yet
        message = error.message
    return located(location, message)


# --- cross-references ----------------------------------------------------------------------


def _objects(data: dict, kind: str) -> Iterator[tuple[int, dict]]:
    items = data.get(kind)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _strings(value: Any) -> bool:
    return isinstance(value, str)


def cross_reference_problems(data: dict) -> Iterator[tuple[Location, str]]:
    slugs: dict[str, set[str]] = {}
    for kind in KINDS:
        seen = slugs[kind] = set()
        for i, item in _objects(data, kind):
            slug = item.get("slug")
            if not _strings(slug):
                continue
            if slug in seen:
                yield (kind, i, "slug"), located((kind, i, "slug"), f'duplicate slug "{slug}"')
            seen.add(slug)

    for i, skill in _objects(data, "skills"):
        category = skill.get("category")
        if _strings(category) and category not in slugs["categories"]:
            yield _at(("skills", i, "category"), f'unknown category "{category}"')
        levels = skill.get("levels")
        if isinstance(levels, list):
            numbers = [level.get("level") for level in levels if isinstance(level, dict)]
            typed = all(isinstance(n, int) and not isinstance(n, bool) for n in numbers)
            if typed and sorted(numbers) != LEVEL_NUMBERS:
                yield _at(
                    ("skills", i, "levels"), f"must be exactly levels 1, 2, 3, 4, 5 (got {sorted(numbers)})"
                )

    for i, role in _objects(data, "roles"):
        yield from _role_references(i, role, slugs)


def _at(location: Location, message: str) -> tuple[Location, str]:
    return location, located(location, message)


def _role_references(i: int, role: dict, slugs: dict[str, set[str]]) -> Iterator[tuple[Location, str]]:
    track = role.get("track")
    if _strings(track) and track not in slugs["tracks"]:
        yield _at(("roles", i, "track"), f'unknown track "{track}"')
    next_roles = role.get("next_roles")
    if isinstance(next_roles, list):
        for j, slug in enumerate(next_roles):
            if not _strings(slug):
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
            if not _strings(skill):
                continue
            if skill not in slugs["skills"]:
                yield _at(("roles", i, "expectations", j), f'unknown skill "{skill}"')
            elif skill in seen:
                yield _at(("roles", i, "expectations", j), f'skill "{skill}" is listed twice')
            seen.add(skill)
