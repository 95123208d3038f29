"""The file format, declared: shapes, types and limits as a JSON Schema (draft 2020-12).

Cross-references (a role's track exists, a slug is not used twice…) cannot be said in
JSON Schema; they live in ``validation.py``. To add a field, see docs/framework-format.md
("Adding a field"). ``checker.py`` turns this schema into the checks that run.

Messages: a schema node may carry ``"x-messages": {keyword: text}`` to say a failure in
its own words; otherwise ``checker.py`` words it from the keyword.
"""

import re
from collections.abc import Callable
from typing import Any, Final

from roles.framework.checker import compile_schema
from roles.models import LEVELS, Importance, ResourceKind

FORMAT: Final = "careerpaths-framework"
# Version 2 added alternative titles, evidence examples and transition guides; version 3
# learning resources. Older files still import (docs/framework-format.md, "Versions").
VERSION: Final = 3
VERSIONS: Final = (1, 2, 3)
SMALLINT_MAX: Final = 32767  # PositiveSmallIntegerField
MAX_DEPTH: Final = 32  # the format needs 6; anything deeper is refused before it is walked

Schema = dict[str, Any]


def _text(max_length: int | None = None, *, required: bool = True) -> Schema:
    """A string; a required one must hold more than whitespace."""
    node: Schema = {"type": "string"}
    if required:
        node["pattern"] = r"\S"
    if max_length:
        node["maxLength"] = max_length
    return node


def _whole(low: int, high: int) -> Schema:
    return {"type": "integer", "minimum": low, "maximum": high}


def _record(required: list[str], properties: dict[str, Schema]) -> Schema:
    """An object with these fields; keys the format does not know are ignored."""
    return {"type": "object", "required": required, "properties": properties}


SLUG: Final[Schema] = {"type": "string", "maxLength": 100, "format": "slug"}
LEVEL: Final[Schema] = _whole(min(LEVELS), max(LEVELS))
ORDER: Final[Schema] = _whole(0, SMALLINT_MAX)

GROUP: Final[Schema] = _record(  # tracks, dimensions and categories
    ["slug", "name"],
    {"slug": SLUG, "name": _text(100), "description": _text(required=False), "order": ORDER},
)


def _texts(max_length: int | None = None) -> Schema:
    """A list of non-empty strings (alternative titles, examples, pitfalls…)."""
    return {
        "type": "array",
        "items": _text(max_length),
        "maxItems": 100,
        "x-messages": {"type": "must be a list of texts"},
    }


SKILL_LEVEL: Final[Schema] = _record(
    ["level", "name", "descriptor"],
    {
        "level": LEVEL,
        "name": _text(60),
        "descriptor": _text(),
        "growth": _text(required=False),
        "examples": _texts(300),
    },
)

SKILL: Final[Schema] = _record(
    ["slug", "name", "category", "levels"],
    {
        "slug": SLUG,
        "name": _text(120),
        "description": _text(required=False),
        "category": {**_text(), "x-messages": {"type": "must be a category slug"}},
        "levels": {
            "type": "array",
            "items": SKILL_LEVEL,
            "x-messages": {"type": "must be a list of the five levels"},
        },
    },
)

EXPECTATION: Final[Schema] = _record(
    ["skill", "level"],
    {
        "skill": {"type": "string", "x-messages": {"type": "must be a skill slug"}},
        "level": LEVEL,
        "importance": {"enum": list(Importance.values)},
    },
)

ROLE: Final[Schema] = _record(
    ["slug", "name", "track", "seniority", "summary"],
    {
        "slug": SLUG,
        "name": _text(120),
        "alternative_titles": _texts(120),
        "track": {**_text(), "x-messages": {"type": "must be a track slug"}},
        "seniority": _whole(1, SMALLINT_MAX),
        "summary": _text(),
        "published": {"type": "boolean"},
        "next_roles": {
            "type": "array",
            "items": {"type": "string", "x-messages": {"type": "must be a role slug"}},
            "x-messages": {"type": "must be a list of role slugs"},
        },
        "dimensions": {
            "type": "object",
            "additionalProperties": {
                **_text(),
                "x-messages": {"type": "must be non-empty text", "pattern": "must be non-empty text"},
            },
            "x-messages": {"type": "must be an object of dimension slug → text"},
        },
        "expectations": {"type": "array", "items": EXPECTATION},
    },
)

ROLE_REFERENCE: Final[Schema] = {"type": "string", "x-messages": {"type": "must be a role slug"}}

READING: Final[Schema] = _record(["title", "author"], {"title": _text(200), "author": _text(200)})

GUIDE: Final[Schema] = _record(
    ["from_role", "to_role", "what_changes"],
    {
        "from_role": ROLE_REFERENCE,
        "to_role": ROLE_REFERENCE,
        "published": {"type": "boolean"},
        "featured": {"type": "boolean"},
        "what_changes": _text(),
        "pitfalls": _texts(),
        "first_30_days": _texts(),
        "days_31_to_60": _texts(),
        "days_61_to_90": _texts(),
        "evidence": _texts(),
        "alternative_role": ROLE_REFERENCE,
        "how_to_choose": _text(required=False),
        "readings": {"type": "array", "items": READING, "maxItems": 100},
    },
)

# A learning resource names its skill by slug. What JSON Schema cannot say (an http(s)
# address, one line of "why", from level not above to level, a URL unless a practice, a
# title once per skill) is checked in validation.py.
RESOURCE: Final[Schema] = _record(
    ["skill", "title", "author_or_source", "kind", "why"],
    {
        "skill": {"type": "string", "x-messages": {"type": "must be a skill slug"}},
        "title": _text(200),
        "author_or_source": _text(200),
        "url": {"type": "string", "maxLength": 500},
        "kind": {"enum": list(ResourceKind.values)},
        "why": _text(200),
        "min_level": LEVEL,
        "max_level": LEVEL,
    },
)

SCHEMA: Final[Schema] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Career Paths framework file",
    **_record(
        ["format", "version", "tracks", "dimensions", "categories", "skills", "roles"],
        {
            "format": {"const": FORMAT},
            "version": {"enum": list(VERSIONS)},
            "tracks": {"type": "array", "items": GROUP},
            "dimensions": {"type": "array", "items": GROUP},
            "categories": {"type": "array", "items": GROUP},
            # A skill's position in the list is stored as its order (a small integer).
            "skills": {"type": "array", "items": SKILL, "maxItems": SMALLINT_MAX + 1},
            "roles": {"type": "array", "items": ROLE},
            "guides": {"type": "array", "items": GUIDE},
            "resources": {"type": "array", "items": RESOURCE},
        },
    ),
    "x-messages": {"type": "the file must contain a JSON object"},
}

# Top-level lists in the order the file (and its problems) come in.
KINDS: Final = ("tracks", "dimensions", "categories", "skills", "roles", "guides", "resources")
# The lists whose items are identified by a slug.
SLUGGED: Final = ("tracks", "dimensions", "categories", "skills", "roles")


# Exactly the strings Django's slugify() leaves unchanged (tests/roles/test_framework_schema.py
# checks that), without its Unicode normalisation on every slug of a large file.
_SLUG = re.compile(r"(?!.*--)[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?")


def is_slug(value: str) -> bool:
    return _SLUG.fullmatch(value) is not None


FORMATS: Final[dict[str, Callable[[str], bool]]] = {"slug": is_slug}
CHECK: Final = compile_schema(SCHEMA, FORMATS)
