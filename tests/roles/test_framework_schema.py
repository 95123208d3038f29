"""The format's schema is standard JSON Schema, and the checks compiled from it
(roles/framework/checker.py) agree with the ``jsonschema`` library, problem for problem."""

import json

import pytest
from django.utils.text import slugify
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from roles.framework.checker import SLUG_WORDS, TYPE_WORDS, compile_schema, shown
from roles.framework.document import unsafe_values
from roles.framework.schema import FORMATS, SCHEMA, is_slug
from roles.framework.validation import schema_problems
from tests.roles.factories import generated_framework, starter_data
from tests.roles.test_framework_fuzz import documents

# The reference: jsonschema with the format's two choices JSON Schema leaves open (3.0 is
# not a whole number here; what a slug is).
Reference = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, v: isinstance(v, int) and not isinstance(v, bool)
    ),
)
formats = FormatChecker(formats=())
formats.checks("slug")(lambda v: not isinstance(v, str) or is_slug(v))
REFERENCE = Reference(SCHEMA, format_checker=formats)


def reference_message(error: ValidationError):
    """jsonschema's error in the format's words (as the compiled checks word it)."""
    location = tuple(error.absolute_path)
    keyword, value, node = str(error.validator), error.instance, error.schema
    words = node.get("x-messages", {})
    if keyword == "required":
        missing = next(key for key in error.validator_value if error.message.startswith(repr(key)))
        return (*location, missing), words.get("required", "is missing")
    if keyword in words:
        return location, words[keyword]
    default = {
        "type": lambda: TYPE_WORDS[error.validator_value],
        "pattern": lambda: "must not be empty",
        "maxLength": lambda: f"is longer than {error.validator_value} characters",
        "minimum": lambda: (
            f"must be between {node.get('minimum')} and {node.get('maximum')}, got {shown(value)}"
        ),
        "maximum": lambda: (
            f"must be between {node.get('minimum')} and {node.get('maximum')}, got {shown(value)}"
        ),
        "format": lambda: f"{shown(value)} {SLUG_WORDS}",
        "const": lambda: f"must be {shown(error.validator_value)}",
        "enum": lambda: f"must be {' or '.join(shown(c) for c in error.validator_value)}, got {shown(value)}",
        "maxItems": lambda: f"must have at most {error.validator_value} items",
    }[keyword]
    return location, default()


def reference_problems(data):
    return [reference_message(error) for error in REFERENCE.iter_errors(data)]


def test_the_schema_is_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_the_starter_and_generated_files_are_valid_for_both():
    for data in (starter_data(), generated_framework(3, 4)):
        assert schema_problems(data) == [] == reference_problems(data)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(text=documents)
def test_the_compiled_checks_agree_with_jsonschema(text):
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return  # not a document: the parser's business (test_framework_malformed.py)
    if list(unsafe_values(data)):
        return  # refused before the schema is consulted
    expected = reference_problems(data)
    for _location, message in expected:
        event(message.split(",")[0].split('"')[0][:40])
    assert schema_problems(data) == expected


@given(st.text(max_size=12) | st.from_regex(r"[a-z0-9_ -]{1,8}", fullmatch=True))
def test_a_slug_is_what_slugify_leaves_unchanged(text):
    assert is_slug(text) == (text != "" and slugify(text) == text)


def test_a_keyword_the_checks_do_not_know_is_refused():
    with pytest.raises(ValueError, match="minItems"):
        compile_schema({"type": "array", "minItems": 5}, FORMATS)
