"""The signed-in home page: the user's own; signed out it stays the cached public page."""

import pytest

from plans import services
from plans.models import Action, ActionStatus
from tests.helpers import elements, make_assessment, role, texts
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


def test_it_shows_the_goal_draft_open_actions_and_check_in(owner_client, owner, starter):
    result = make_assessment(owner, "product-leader", default=2)
    services.set_goal(user=owner, role=role("product-leader"))
    services.set_rhythm(user=owner, rhythm=3)
    (item,) = make_plan(owner, skills=["user-needs"])
    Action.objects.create(focus=item, text="Shadow a sales call", status=ActionStatus.DOING)
    Action.objects.create(focus=item, text="Already done", status=ActionStatus.DONE)
    draft = make_assessment(owner, submit=False, default=None, levels={"user-needs": 2, "product-vision": 3})
    response = owner_client.get("/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert "Welcome back, owner" in html
    assert f"Latest readiness: <strong>{result.readiness}%</strong>" in html
    assert elements(html, "a", href=f"/assessments/{result.pk}/")
    assert "draft: 2 of 14 rated" in html and elements(html, "a", href=f"/assessments/{draft.pk}/edit/")
    actions = texts(html, "section", aria_labelledby="home-actions-title")[0]
    assert "Shadow a sales call" in actions and "Already done" not in actions
    assert "Next check-in:" in html


def test_a_new_user_gets_first_steps(owner_client, starter):
    html = owner_client.get("/").content.decode()
    assert "No target role yet." in html and "No draft in progress." in html
    assert "No open actions." in html and "No check-in rhythm set" in html


def test_a_goal_not_assessed_yet_links_to_its_assessment(owner_client, owner, starter):
    services.set_goal(user=owner, role=role("product-leader"))
    html = owner_client.get("/").content.decode()
    assert elements(html, "a", href="/assessments/new/product-leader/")


def test_signed_out_it_stays_the_cached_public_page(client, owner, starter, django_assert_num_queries):
    public = client.get("/").content.decode()
    assert "Plan your next move in product" in public and "Welcome back" not in public
    with django_assert_num_queries(1):  # the cache token
        assert client.get("/").content.decode() == public
    client.force_login(owner)
    assert "Welcome back, owner" in client.get("/").content.decode()
    client.logout()
    assert client.get("/").content.decode() == public  # nothing personal was cached


def test_it_runs_a_constant_number_of_queries(owner_client, sized_plan, django_assert_num_queries):
    # 1. session  2. user  3. the plan and target role  4. the latest assessment of the
    # target role  5. the latest draft with its rated count  6. open actions  7. the last
    # submission (next check-in)  8. links waiting for your review  9. reviews received
    with django_assert_num_queries(9):
        response = owner_client.get("/")
    assert response.status_code == 200
    assert "Open actions in your plan" in response.content.decode()
