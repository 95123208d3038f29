"""Reading a framework file into Python, and the checks that keep hostile input harmless.

``parse`` never lets a malformed file escape as anything but ``FrameworkError``: JSON
nested deeper than the stack allows, number literals Python refuses to convert (over
4,300 digits) or that do not fit a float are caught here. ``unsafe_values`` then walks the
parsed document without recursion and refuses what the database or the validator could
not take: nesting deeper than ``MAX_DEPTH``, NUL characters and unpaired surrogates in
any text or key, and the numbers ``parse`` marked.
"""

import json
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from roles.framework.checker import Trail, flatten
from roles.framework.schema import MAX_DEPTH

Document = dict[str, Any]
Location = tuple[str | int, ...]

# PostgreSQL text cannot hold NUL; UTF-8 cannot encode a lone surrogate ("\ud800").
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class FrameworkError(Exception):
    """The file cannot be loaded; ``problems`` lists every reason with its location."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class Unrepresentable:
    """A number literal kept as text because it cannot be a value (reported by location)."""

    def __init__(self, literal: str, reason: str):
        self.literal = literal
        self.reason = reason

    def __repr__(self) -> str:
        shown = (
            self.literal if len(self.literal) <= 20 else f"{self.literal[:20]}… ({len(self.literal)} chars)"
        )
        return f"<{self.reason}: {shown}>"


def _parse_long_int(literal: str) -> int | Unrepresentable:
    digits = len(literal.lstrip("-"))
    if digits > sys.get_int_max_str_digits():
        return Unrepresentable(literal, f"number with {digits:,} digits is too large")
    return int(literal)


def _parse_float(literal: str) -> float | Unrepresentable:
    value = float(literal)
    return value if math.isfinite(value) else Unrepresentable(literal, "number is too large")


def _parse_constant(literal: str) -> Unrepresentable:
    return Unrepresentable(literal, f"{literal} is not a number JSON allows")


def parse(text: str) -> Any:
    if text.startswith("\ufeff"):  # a byte order mark, as some editors on Windows write
        text = text[1:]
    hooks: dict[str, Any] = {"parse_float": _parse_float, "parse_constant": _parse_constant}
    try:
        try:
            return json.loads(text, **hooks)
        except json.JSONDecodeError:
            raise
        except ValueError:
            # An integer literal over Python's limit (4,300 digits). Parse again, marking
            # it to be reported with its location; not the first time, as a hook on every
            # integer slows parsing down threefold.
            return json.loads(text, parse_int=_parse_long_int, **hooks)
    except json.JSONDecodeError as exc:
        raise FrameworkError(
            [f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]
        ) from None
    except RecursionError:
        raise FrameworkError([_too_deep_in_text(text)]) from None


def read_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError([f"cannot read {path}: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise FrameworkError([f"{path}: not UTF-8 text"]) from None


def read_file(path: str | Path) -> Any:
    return parse(read_text(path))


def dumps(data: Document) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def where(location: Location) -> str:
    """``("roles", 3, "expectations", 7)`` → ``roles[3].expectations[7]``."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def located(location: Location, message: str) -> str:
    return f"{where(location)}: {message}" if location else message


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _too_deep_in_text(text: str) -> str:
    """Where in the text the nesting first goes past MAX_DEPTH (the JSON parser gave up)."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - text.rfind("\n", 0, match.start())
                return f"line {line}, column {column}: nested more than {MAX_DEPTH} levels deep"
        elif token in "]}":
            depth -= 1
    return f"nested more than {MAX_DEPTH} levels deep"


def unsafe_values(data: Any) -> Iterator[str]:
    """Problems no later step could handle safely, each with its location; walks iteratively.

    Only containers are put on the stack: leaves are checked in their parent's loop, which
    keeps a walk of a 5 MB file well under a second.
    """
    if not isinstance(data, dict | list):
        yield from _unsafe_leaf(data, ())
        return
    stack: list[tuple[Any, Trail, int]] = [(data, (), 0)]
    while stack:
        container, path, depth = stack.pop()
        if depth >= MAX_DEPTH:
            yield located(flatten(path), f"nested more than {MAX_DEPTH} levels deep")
            continue
        items = container.items() if type(container) is dict else enumerate(container)
        nested = []
        for key, child in items:
            if type(key) is str and _UNSTORABLE.search(key):
                yield located(flatten(path), f"a key {_unstorable(key)}")
                continue
            kind = type(child)
            if kind is dict or kind is list:
                nested.append((child, (path, key), depth + 1))
            elif kind is str:
                if _UNSTORABLE.search(child):
                    yield located(flatten((path, key)), _unstorable(child))
            elif kind is Unrepresentable:
                yield located(flatten((path, key)), child.reason)
        stack.extend(reversed(nested))


def _unsafe_leaf(value: Any, location: Location) -> Iterator[str]:
    if isinstance(value, str) and _UNSTORABLE.search(value):
        yield located(location, _unstorable(value))
    elif isinstance(value, Unrepresentable):
        yield located(location, value.reason)


def _unstorable(text: str) -> str:
    if "\x00" in text:
        return "contains a NUL character (\\u0000), which text cannot hold"
    return "contains an unpaired surrogate (\\ud800–\\udfff), which is not valid Unicode text"
