"""Hostile input in every new form, query string and path segment never makes a 500."""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from reviews import services
from tests.careerpaths.test_fuzz import FUZZ, hostile_text, param_value, random_params
from tests.helpers import PASSWORD, isolated, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(owner, reviewer, starter):
    """An owner's submitted assessment shared with a reviewer who holds the grant."""
    done = make_assessment(owner)
    link, token = services.create_link(assessment=done, days=3)
    owner_client = Client(raise_request_exception=False)
    owner_client.force_login(owner)
    reviewer_client = Client(raise_request_exception=False)
    reviewer_client.force_login(reviewer)
    reviewer_client.get(f"/review/{token}/")
    return {"done": done, "link": link, "owner": owner_client, "reviewer": reviewer_client}


def _segment(text):
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


@FUZZ
@given(data=st.data(), extra=random_params)
def test_the_share_form_never_answers_500(world, data, extra):
    fields = {name: data.draw(param_value, label=name) for name in ("days", "message", "email")}
    with isolated():
        response = world["owner"].post(f"/assessments/{world['done'].pk}/share/", {**extra, **fields})
    assert response.status_code < 500, fields


@FUZZ
@given(data=st.data(), extra=random_params)
def test_the_review_form_never_answers_500(world, data, extra):
    slugs = sorted(world["done"].skill_slugs())[:3]
    fields = {"overall": data.draw(param_value, label="overall")}
    for slug in slugs:
        fields[f"level-{slug}"] = data.draw(param_value, label=f"level-{slug}")
        fields[f"comment-{slug}"] = data.draw(param_value, label=f"comment-{slug}")
    # The rest rated validly, so that valid-looking submissions reach the database.
    fields.update({f"level-{s}": "3" for s in world["done"].skill_slugs() if s not in slugs})
    with isolated():
        response = world["reviewer"].post(f"/review/s/{world['link'].public_id}/review/", {**extra, **fields})
    assert response.status_code < 500, fields


@FUZZ
@given(segments=st.lists(hostile_text, min_size=2, max_size=2), params=random_params)
def test_new_urls_never_answer_500(world, segments, params):
    a, b = (_segment(s) for s in segments)
    done, link = world["done"].pk, world["link"].public_id
    gets = [
        (world["reviewer"], f"/review/{a}/"),
        (world["reviewer"], f"/review/s/{a}/"),
        (world["reviewer"], f"/review/s/{a}/review/"),
        (world["reviewer"], f"/review/s/{link}/"),
        (world["reviewer"], "/reviews/"),
        (world["owner"], f"/assessments/{a}/share/"),
        (world["owner"], f"/assessments/{done}/share/"),
    ]
    posts = [
        (world["owner"], f"/assessments/{done}/share/{a}/revoke/"),
        (world["owner"], f"/assessments/{done}/reviews/{b}/delete/"),
        (world["owner"], f"/assessments/{a}/reviews/{b}/delete/"),
    ]
    with isolated():
        for client, url in gets:
            response = client.get(url, params)
            assert response.status_code < 500, url
        for client, url in posts:
            response = client.post(url, params)
            assert response.status_code < 500, url


@FUZZ
@given(number=st.integers(min_value=0, max_value=10**30))
def test_review_ids_of_any_size_are_not_found(world, number):
    with isolated():
        response = world["owner"].post(f"/assessments/{world['done'].pk}/reviews/{number}/delete/")
    assert response.status_code == 404


def test_signing_in_through_a_hostile_next_stays_on_the_site(world, reviewer):
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": reviewer.username, "password": PASSWORD, "next": "//evil.example/review/"},
    )
    assert response.status_code == 302 and "evil" not in response["Location"]
