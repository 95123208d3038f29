"""Every plan POST needs a CSRF token: without one, 403 and nothing changes."""

import pytest
from django.test import Client

from plans.models import Action, FocusItem, Plan
from tests.helpers import make_assessment
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(owner, starter):
    assessment = make_assessment(owner, default=1)
    (item,) = make_plan(owner, skills=["user-needs"], assessment=assessment)
    action = item.actions.order_by("id").first()
    return {"assessment": assessment, "item": item, "action": action}


def posts(s):
    item, action = s["item"], s["action"]
    return [
        ("/plan/goal/", {"role": "product-leader"}),
        ("/plan/rhythm/", {"rhythm": "3"}),
        ("/plan/add/", {"assessment": str(s["assessment"].pk), "skill": "product-vision"}),
        (f"/plan/focus/{item.pk}/move/", {"to": "later"}),
        (f"/plan/focus/{item.pk}/actions/", {f"new{item.pk}-text": "New", f"new{item.pk}-status": "todo"}),
        (f"/plan/actions/{action.pk}/", {f"a{action.pk}-text": "Changed", f"a{action.pk}-status": "done"}),
        (f"/plan/actions/{action.pk}/delete/", {}),
        (f"/plan/focus/{item.pk}/remove/", {}),
    ]


def state():
    return (
        list(Plan.objects.values_list("target_role_slug", "rhythm")),
        list(FocusItem.objects.values_list("skill_slug", "active").order_by("pk")),
        list(Action.objects.values_list("text", "status").order_by("pk")),
    )


def test_a_post_without_a_token_is_refused_and_changes_nothing(owner, setup):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    before = state()
    for url, data in posts(setup):
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "Not allowed" in response.content.decode()
    assert state() == before


def test_a_post_with_the_token_goes_through(owner, setup):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    token = client.get("/plan/").cookies["csrftoken"].value
    for url, data in posts(setup):
        response = client.post(url, {**data, "csrfmiddlewaretoken": token})
        assert response.status_code == 302, url
    plans, items, actions = state()
    assert plans == [("product-leader", 3)]
    assert items == [("product-vision", True)]  # added; user needs moved, then removed
    assert len(actions) == 1 and actions[0][1] == "todo"  # product vision's suggestion
