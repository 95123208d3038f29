"""Hostile input in every plan form and URL never makes the app answer 500."""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.careerpaths.test_fuzz import FUZZ, hostile_text, param_value, random_params
from tests.helpers import isolated, make_assessment
from tests.plans.factories import make_plan
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db

FORMS = {
    "goal": ("/plan/goal/", ["role", "next"]),
    "rhythm": ("/plan/rhythm/", ["rhythm"]),
    "add": ("/plan/add/", ["assessment", "skill"]),
    "move": ("/plan/focus/{item}/move/", ["to"]),
    "remove": ("/plan/focus/{item}/remove/", []),
    "new action": (
        "/plan/focus/{item}/actions/",
        ["new{item}-text", "new{item}-due", "new{item}-status", "new{item}-evidence_url"],
    ),
    "edit action": (
        "/plan/actions/{action}/",
        ["a{action}-text", "a{action}-due", "a{action}-status", "a{action}-evidence_url"],
    ),
    "delete action": ("/plan/actions/{action}/delete/", []),
}
PATHS = [
    "/plan/focus/{}/move/",
    "/plan/focus/{}/remove/",
    "/plan/focus/{}/actions/",
    "/plan/actions/{}/",
    "/plan/actions/{}/delete/",
    "/plan/{}/",
]


@pytest.fixture
def fuzz(db, django_user_model):
    load_starter()
    user = django_user_model.objects.create_user("fuzzer", "fuzzer@example.com", "tangerine-orbit-41")
    done = make_assessment(user, default=1)
    (item,) = make_plan(user, skills=["user-needs"], assessment=done)
    client = Client(raise_request_exception=False)  # a 500 must show up as a status
    client.force_login(user)
    return {
        "client": client,
        "ids": {"item": item.pk, "action": item.actions.order_by("id").first().pk, "done": done.pk},
    }


@pytest.mark.parametrize("name", FORMS)
@FUZZ
@given(known=st.data(), extra=random_params)
def test_forms_never_cause_a_500(fuzz, name, known, extra):
    url, fields = FORMS[name]
    ids = fuzz["ids"]
    data = {field.format(**ids): known.draw(param_value, label=field) for field in fields}
    if name == "add" and known.draw(st.booleans(), label="own assessment"):
        data["assessment"] = str(ids["done"])
    with isolated():
        response = fuzz["client"].post(url.format(**ids), {**extra, **data})
    assert response.status_code < 500, (url, data, extra)


@pytest.mark.parametrize("pattern", PATHS)
@FUZZ
@given(segment=hostile_text)
def test_path_segments_never_cause_a_500(fuzz, pattern, segment):
    url = pattern.format(quote(segment.encode("utf-8", "surrogatepass"), safe=""))
    with isolated():
        response = fuzz["client"].post(url)
        page = fuzz["client"].get("/plan/", {segment[:100]: segment} if segment else {})
    assert response.status_code < 500, url
    assert page.status_code == 200
