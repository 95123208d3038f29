"""The guided flow's task list: /assessments/<id>/tasks/."""

import uuid

import pytest
from django.test import Client

from assessments import services
from tests.helpers import elements, make_assessment, role, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(owner, starter):
    return services.start_assessment(user=owner, role=role("product-manager"))


def url(assessment):
    return f"/assessments/{assessment.pk}/tasks/"


def test_it_lists_the_skills_by_category_with_what_is_done(owner_client, draft):
    services.save_ratings(
        assessment=draft,
        ratings={
            "planning-prioritisation": (2, ""),
            "technology-design": (4, "A note"),
            "user-needs": (None, "Only a note"),
        },
        submit=False,
    )
    response = owner_client.get(url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h2", class_="task-group-heading") == [
        "Execution — 2 of 4 done",
        "Customer & market insight — 0 of 3 done",
        "Strategy — 0 of 4 done",
        "Leadership & influence — 0 of 3 done",
    ]
    assert texts(html, "p", class_="guided-progress") == ["2 of 14 rated"]
    link = elements(html, "a", href=f"/assessments/{draft.pk}/skills/planning-prioritisation/")[0]
    assert link.text == "Planning & prioritisation"
    # The status is in words (and tied to the link), never colour alone.
    assert texts(html, "strong", id=link.attrs["aria-describedby"]) == ["✓ Rated level 2"]
    assert texts(html, "strong", id="status-delivery-management") == ["Not started"]
    assert texts(html, "strong", id="status-user-needs") == ["Note saved, no level yet"]
    # The main action goes to the first unrated skill; the whole form is one link away.
    assert texts(html, "a", href=f"/assessments/{draft.pk}/skills/delivery-management/", class_="btn") == [
        "Continue with Project & delivery management"
    ]
    assert texts(html, "a", href=f"/assessments/{draft.pk}/edit/") == ["All skills on one page"]
    assert not elements(html, "a", href=f"/assessments/{draft.pk}/check/")
    assert "Delete draft" in html


def test_a_blank_draft_starts_with_the_first_skill(owner_client, draft):
    html = owner_client.get(url(draft)).content.decode()
    assert texts(html, "p", class_="guided-progress") == ["0 of 14 rated"]
    assert texts(html, "a", class_="btn-primary") == ["Start with Planning & prioritisation"]


def test_check_your_answers_appears_when_every_skill_is_rated(owner_client, owner, starter):
    done = make_assessment(owner, submit=False)
    html = owner_client.get(url(done)).content.decode()
    assert texts(html, "p", class_="guided-progress") == ["14 of 14 rated"]
    assert texts(html, "a", href=f"/assessments/{done.pk}/check/") == ["Check your answers"]
    assert "Execution — 4 of 4 done" in texts(html, "h2", class_="task-group-heading")


def test_someone_elses_or_a_missing_assessment_is_not_found(client, outsider, draft):
    client.force_login(outsider)
    for pk in (draft.pk, uuid.uuid4()):
        response = client.get(f"/assessments/{pk}/tasks/")
        assert response.status_code == 404
        assert "Planning" not in response.content.decode()


def test_signed_out_people_get_a_404_for_an_accounts_draft(draft):
    # Visitors may assess too (their own drafts, tests/assessments/test_visitor.py), so a
    # signed-out request is a visitor's: someone else's draft is not found.
    assert Client().get(url(draft)).status_code == 404


def test_a_submitted_assessment_goes_to_its_result(owner_client, owner, starter):
    done = make_assessment(owner)
    response = owner_client.get(url(done), follow=True)
    assert response.redirect_chain == [(f"/assessments/{done.pk}/", 302)]
    assert "can no longer change" in response.content.decode()


def test_it_is_private_and_read_only(owner_client, draft):
    response = owner_client.get(url(draft))
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert owner_client.post(url(draft)).status_code == 405


def test_it_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    draft = make_assessment(owner, sized["slug"], submit=False, default=2)
    # 1. session  2. user  3. the assessment  4. its ratings
    with django_assert_num_queries(4):
        response = owner_client.get(url(draft))
    assert response.status_code == 200
