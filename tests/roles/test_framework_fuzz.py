"""Property-based tests of the framework importer: whatever JSON an editor uploads, the
answer is a list of located problems or a clean import, never a crash or a 500.

Documents are mostly the starter file with a few random edits (a value replaced by random
JSON or by hostile raw text — deep nesting, 5,000-digit numbers, NaN —, a key removed, an
item repeated), plus arbitrary JSON and arbitrary text.
"""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from roles import framework
from tests.helpers import BASE_DIR, isolated
from tests.roles.factories import load_starter, starter_data

pytestmark = pytest.mark.django_db

set_hypothesis_home_dir(BASE_DIR / ".pytest_cache" / "hypothesis")

STARTER = starter_data()
KNOWN_SLUGS = [
    item["slug"]
    for kind in ("tracks", "dimensions", "categories", "skills", "roles")
    for item in STARTER[kind]
]
# Raw JSON text put in place of a marker string after json.dumps.
RAW = {
    "@@deep-past-parser@@": "[" * 100_000 + "]" * 100_000,
    "@@deep@@": "[" * 40 + "{}" + "]" * 40,
    "@@bignum@@": "9" * 5000,
    "@@negbignum@@": "-" + "1" * 4400,
    "@@nan@@": "NaN",
    "@@inf@@": "-Infinity",
    "@@huge-float@@": "1e999",
}
HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "x" * 130,
    "Not A Slug",
    "core",
    "supporting",
    "🚀",
]

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=8),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(HOSTILE + KNOWN_SLUGS),
    st.sampled_from(list(RAW)),
)
json_values = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=10,
)


def all_paths(value, path=()):
    """Every place in a document, containers and leaves."""
    yield path
    if isinstance(value, dict | list):
        for key in value if isinstance(value, dict) else range(len(value)):
            yield from all_paths(value[key], (*path, key))


PATHS = list(all_paths(STARTER))[1:]


@st.composite
def mutated_starter(draw):
    data = json.loads(json.dumps(STARTER))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            key = path[-1]
            node = parent[key]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this place
        action = draw(st.sampled_from(["similar", "similar", "replace", "remove", "repeat"]))
        if action == "similar":  # a value of the same type: often still a valid file
            if isinstance(node, str):
                parent[key] = draw(
                    st.text(min_size=1, max_size=40).filter(str.strip) | st.sampled_from(KNOWN_SLUGS)
                )
            elif isinstance(node, bool):
                parent[key] = not node
            elif isinstance(node, int):
                parent[key] = draw(st.integers(0, 6))
        elif action == "replace":
            parent[key] = draw(json_values)
        elif action == "remove":
            del parent[key]
        elif isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
    return data


def as_text(data, ascii_only):
    text = json.dumps(data, ensure_ascii=ascii_only)
    for marker, raw in RAW.items():
        text = text.replace(json.dumps(marker), raw)
    return text


documents = st.one_of(
    st.builds(as_text, mutated_starter(), st.booleans()),
    st.builds(as_text, mutated_starter(), st.booleans()),
    st.builds(as_text, json_values, st.booleans()),
    st.text(max_size=200),
)

FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def starter():
    load_starter()


@FUZZ
@given(text=documents)
def test_the_importer_reports_problems_or_loads_never_crashes(starter, text):
    try:
        data = framework.parse(text)
    except framework.FrameworkError as exc:
        event("not parsed")
        assert exc.problems and all(isinstance(p, str) for p in exc.problems)
        return
    problems = framework.validate(data)
    assert all(isinstance(p, str) and p for p in problems)
    event("loaded" if not problems else "problems")
    if problems:
        with pytest.raises(framework.FrameworkError):
            framework.load(data, dry_run=True)
        return
    with isolated():
        preview = framework.load(data, dry_run=True)
        report = framework.load(data)
        assert report == preview
        exported = framework.dumps(framework.export())
        # What was loaded exports to a valid file that loading changes no further.
        again = framework.load(framework.parse(exported), dry_run=True)
        assert again.created == again.updated == again.deleted == {}


@FUZZ
@given(text=documents)
def test_the_admin_import_never_answers_500(starter, editor, text):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    body = text.encode("utf-8", "surrogatepass")
    url = "/admin/roles/role/framework/import/"
    with isolated():
        response = client.post(url, {"file": SimpleUploadedFile("f.json", body)})
        assert response.status_code in (200, 400), response.status_code
        if response.status_code == 200:
            confirmed = client.post(url, {"upload": str(response.context["upload"].pk)})
            assert confirmed.status_code == 302, confirmed.status_code


@settings(FUZZ, max_examples=40)
@given(text=documents)
def test_the_import_command_fails_only_with_a_clear_error(starter, tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "f.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with isolated():
        try:
            call_command("import_framework", str(path), stdout=io.StringIO())
        except CommandError as exc:
            assert "was not loaded" in str(exc)
