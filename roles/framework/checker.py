"""The schema (schema.py) turned into plain Python checks, once, at import.

Why not validate with the ``jsonschema`` library at run time: it walks a 5 MB file in
8–11 s on the production machine, a third of the request timeout; these checks take well
under a second (docs/performance.md). They cover exactly the keywords the schema uses, with
JSON Schema's meaning; a keyword they do not know stops the import of this module, so the
schema cannot silently ask for more than is checked. tests/roles/test_framework_schema.py
holds them to ``jsonschema``'s verdict on thousands of generated documents.

Each problem is ``(location, message)``; a schema node may word a failure itself with
``"x-messages": {keyword: text}``.
"""

import json
import re
from collections.abc import Callable
from typing import Any

Location = tuple[str | int, ...]
Problems = list[tuple[Location, str]]
# Where a value is, as (parent's path, key) pairs: cheaper to build for every value than a
# flat tuple, and flattened only for a problem.
Trail = tuple[Any, ...]
Check = Callable[[Any, Trail, Problems], None]
Schema = dict[str, Any]


def flatten(path: Trail) -> Location:
    keys = []
    while path:
        path, key = path
        keys.append(key)
    return tuple(reversed(keys))


ANNOTATIONS = {"$schema", "title", "description", "x-messages"}
TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    # Whole numbers only: JSON Schema would take 3.0, the database and a round trip would not.
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
TYPE_WORDS = {
    "object": "must be an object",
    "array": "must be a list",
    "string": "must be a string",
    "integer": "must be a whole number",
    "number": "must be a number",
    "boolean": "must be true or false",
    "null": "must be null",
}
SLUG_WORDS = "is not a valid slug (lowercase letters, digits, hyphens)"


def shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else f"{text[:57]}…"


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true and 1 differ, 1 and 1.0 do not."""
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def _is_number(value: Any) -> bool:
    return TYPES["number"](value)


def compile_schema(node: Schema, formats: dict[str, Callable[[str], bool]]) -> Check:
    """One function checking a value against ``node`` (and, through it, its subschemas)."""
    unknown = set(node) - ANNOTATIONS - set(KEYWORDS)
    if unknown:
        raise ValueError(f"schema keyword(s) {sorted(unknown)} are not checked by roles/framework/checker.py")
    words: dict[str, str] = node.get("x-messages", {})
    checks = [KEYWORDS[key](node, words, formats) for key in node if key in KEYWORDS]

    def check(value: Any, at: Trail, problems: Problems) -> None:
        for one in checks:
            one(value, at, problems)

    return check


# Each builder returns the check for one keyword of ``node``; a keyword applies only to the
# kinds of value JSON Schema says it does (``maxLength`` to strings, ``items`` to lists…).
Builder = Callable[[Schema, dict[str, str], dict[str, Callable[[str], bool]]], Check]


def _type(node: Schema, words: dict[str, str], formats: Any) -> Check:
    name = node["type"]
    test, message = TYPES[name], words.get("type", TYPE_WORDS[name])

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if not test(value):
            problems.append((flatten(at), message))

    return check


def _required(node: Schema, words: dict[str, str], formats: Any) -> Check:
    names = node["required"]
    message = words.get("required", "is missing")

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if isinstance(value, dict):
            problems.extend(((*flatten(at), name), message) for name in names if name not in value)

    return check


def _properties(node: Schema, words: dict[str, str], formats: Any) -> Check:
    fields = [(name, compile_schema(sub, formats)) for name, sub in node["properties"].items()]

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if isinstance(value, dict):
            for name, sub in fields:
                if name in value:
                    sub(value[name], (at, name), problems)

    return check


def _additional_properties(node: Schema, words: dict[str, str], formats: Any) -> Check:
    sub = compile_schema(node["additionalProperties"], formats)
    declared = set(node.get("properties", {}))

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                if name not in declared:
                    sub(item, (at, name), problems)

    return check


def _items(node: Schema, words: dict[str, str], formats: Any) -> Check:
    sub = compile_schema(node["items"], formats)

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                sub(item, (at, i), problems)

    return check


def _max_items(node: Schema, words: dict[str, str], formats: Any) -> Check:
    limit = node["maxItems"]
    message = words.get("maxItems", f"must have at most {limit} items")

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if isinstance(value, list) and len(value) > limit:
            problems.append((flatten(at), message))

    return check


def _pattern(node: Schema, words: dict[str, str], formats: Any) -> Check:
    regex = re.compile(node["pattern"])
    # The schema uses a pattern only to ask for some text that is not all whitespace.
    message = words.get("pattern", "must not be empty")

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if isinstance(value, str) and not regex.search(value):
            problems.append((flatten(at), message))

    return check


def _max_length(node: Schema, words: dict[str, str], formats: Any) -> Check:
    limit = node["maxLength"]
    message = words.get("maxLength", f"is longer than {limit} characters")

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if isinstance(value, str) and len(value) > limit:
            problems.append((flatten(at), message))

    return check


def _bound(keyword: str) -> Builder:
    def build(node: Schema, words: dict[str, str], formats: Any) -> Check:
        low, high = node.get("minimum"), node.get("maximum")
        limit = node[keyword]
        outside = (lambda v: v < limit) if keyword == "minimum" else (lambda v: v > limit)

        def check(value: Any, at: Trail, problems: Problems) -> None:
            if _is_number(value) and outside(value):
                problems.append(
                    (flatten(at), words.get(keyword, f"must be between {low} and {high}, got {shown(value)}"))
                )

        return check

    return build


def _enum(node: Schema, words: dict[str, str], formats: Any) -> Check:
    choices = node["enum"]
    listed = " or ".join(shown(choice) for choice in choices)

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if not any(_same(value, choice) for choice in choices):
            problems.append((flatten(at), words.get("enum", f"must be {listed}, got {shown(value)}")))

    return check


def _const(node: Schema, words: dict[str, str], formats: Any) -> Check:
    wanted = node["const"]
    message = words.get("const", f"must be {shown(wanted)}")

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if not _same(value, wanted):
            problems.append((flatten(at), message))

    return check


def _format(node: Schema, words: dict[str, str], formats: dict[str, Callable[[str], bool]]) -> Check:
    name = node["format"]
    test = formats[name]

    def check(value: Any, at: Trail, problems: Problems) -> None:
        if isinstance(value, str) and not test(value):
            problems.append(
                (
                    flatten(at),
                    words.get(
                        "format", f"{shown(value)} {SLUG_WORDS if name == 'slug' else 'is not a ' + name}"
                    ),
                )
            )

    return check


KEYWORDS: dict[str, Builder] = {
    "type": _type,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional_properties,
    "items": _items,
    "maxItems": _max_items,
    "pattern": _pattern,
    "maxLength": _max_length,
    "minimum": _bound("minimum"),
    "maximum": _bound("maximum"),
    "enum": _enum,
    "const": _const,
    "format": _format,
}
