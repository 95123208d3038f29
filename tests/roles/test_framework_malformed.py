"""Malformed framework files are reported with their location; nothing escapes as a crash.

Each case is a starter file with one hostile value put in by text, so that what the
importer sees is exactly what an editor could upload. The same cases go through the
parser, the ``import_framework`` command and the admin upload (tests/roles/test_admin_import.py).
"""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from roles import framework
from roles.framework.schema import MAX_DEPTH
from roles.models import Role
from tests.roles.factories import starter_data, with_changes

pytestmark = pytest.mark.django_db

HOLE = "@@hole@@"


def starter_text_with(path, literal):
    """The starter file as JSON text, with the value at ``path`` replaced by raw ``literal``."""

    def put(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = HOLE

    text = json.dumps(with_changes(starter_data(), put), ensure_ascii=False)
    return text.replace(json.dumps(HOLE), literal, 1)


# (where, raw JSON put there, the problem reported)
CASES = {
    "deep nesting past the parser's stack": (
        ("roles", 0, "summary"),
        "[" * 100_000 + "]" * 100_000,
        f"nested more than {MAX_DEPTH} levels deep",
    ),
    "deep nesting the parser survives": (
        ("roles", 0, "summary"),
        "[" * 500 + "]" * 500,
        "roles[0].summary" + "[0]" * (MAX_DEPTH - 3) + f": nested more than {MAX_DEPTH} levels deep",
    ),
    "a list where a next role's slug goes": (
        ("roles", 0, "next_roles", 0),
        '["product-manager"]',
        "roles[0].next_roles[0]: must be a role slug",
    ),
    "an object where an expectation's skill goes": (
        ("roles", 3, "expectations", 7, "skill"),
        '{"slug": "vision"}',
        "roles[3].expectations[7].skill: must be a skill slug",
    ),
    "a NUL character in a text": (
        ("roles", 2, "summary"),
        '"Owns \\u0000 the product"',
        "roles[2].summary: contains a NUL character (\\u0000), which text cannot hold",
    ),
    "a NUL character in a key the format ignores": (
        ("roles", 1, "notes"),
        '{"a\\u0000b": "x"}',
        "roles[1].notes: a key contains a NUL character (\\u0000), which text cannot hold",
    ),
    "a NUL character in a slug": (
        ("skills", 0, "slug"),
        '"vision\\u0000"',
        "skills[0].slug: contains a NUL character (\\u0000), which text cannot hold",
    ),
    "an unpaired surrogate": (
        ("skills", 1, "levels", 0, "descriptor"),
        '"broken \\ud800 text"',
        "skills[1].levels[0].descriptor: contains an unpaired surrogate",
    ),
    "a number literal over 4,300 digits": (
        ("roles", 0, "seniority"),
        "9" * 5000,
        "roles[0].seniority: number with 5,000 digits is too large",
    ),
    "a float too large for a float": (
        ("tracks", 0, "order"),
        "1e999",
        "tracks[0].order: number is too large",
    ),
    "NaN": (("tracks", 0, "order"), "NaN", "tracks[0].order: NaN is not a number JSON allows"),
    "null for an optional text": (
        ("tracks", 0, "description"),
        "null",
        "tracks[0].description: must be a string",
    ),
    "a fraction for a level": (
        ("roles", 0, "expectations", 0, "level"),
        "3.0",
        "roles[0].expectations[0].level: must be a whole number",
    ),
}


def problems_of(text):
    try:
        data = framework.parse(text)
    except framework.FrameworkError as exc:
        return exc.problems
    return framework.validate(data)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_it_reports_hostile_values_with_their_location(case):
    path, literal, message = CASES[case]
    problems = problems_of(starter_text_with(path, literal))
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_command_exits_with_a_clear_error_and_writes_nothing(case, tmp_path):
    path, literal, message = CASES[case]
    bad = tmp_path / "bad.json"
    bad.write_text(starter_text_with(path, literal), encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("import_framework", str(bad))
    assert "was not loaded" in str(excinfo.value) and message in str(excinfo.value)
    assert not Role.objects.exists()


def test_it_locates_nesting_too_deep_for_the_parser_by_line_and_column():
    text = '{\n  "format": ' + "[" * 50_000
    with pytest.raises(framework.FrameworkError) as excinfo:
        framework.parse(text)
    assert excinfo.value.problems == [
        f"line 2, column {12 + MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep"
    ]


def test_validate_is_safe_on_documents_built_in_code():
    deep = "x"
    for _ in range(5000):
        deep = [deep]
    data = with_changes(starter_data(), lambda d: d["roles"][0].update(summary=deep))
    assert any("nested more than" in p for p in framework.validate(data))


def test_a_byte_order_mark_is_accepted():
    assert framework.validate(framework.parse("\ufeff" + json.dumps(starter_data()))) == []


def test_it_still_loads_the_valid_file_these_cases_start_from(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(starter_data()))
    call_command("import_framework", str(good))
    assert Role.objects.count() == len(starter_data()["roles"])
