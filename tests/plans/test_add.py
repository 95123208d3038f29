"""POST /plan/add/: "Add to my plan" on a result's growth areas."""

import pytest

from assessments import services as assessment_services
from plans import services
from plans.models import MAX_ACTIVE, FocusItem
from roles.queries import resources_for
from tests.helpers import become_visitor, elements, make_assessment, role
from tests.plans.factories import GAPS

pytestmark = pytest.mark.django_db


@pytest.fixture
def result(owner, starter):
    return make_assessment(owner, default=1, levels={"user-needs": 2})


def add(client, assessment, skill="user-needs"):
    return client.post("/plan/add/", {"assessment": str(assessment.pk), "skill": skill})


def test_the_result_offers_it_on_each_growth_area(owner_client, result):
    html = owner_client.get(f"/assessments/{result.pk}/").content.decode()
    buttons = elements(html, "button", form="add-to-plan")
    growth = html[html.index('id="growth-title"') : html.index('id="chart-title-h"')]
    assert len(buttons) == growth.count('class="list-group-item"') > 0
    assert {b.attrs["value"] for b in buttons} >= {"user-needs", "planning-prioritisation"}
    # The one form they submit sits outside the cached fragment, with the CSRF token.
    (form,) = elements(html, "form", id="add-to-plan")
    assert form.attrs["action"] == "/plan/add/" and form.attrs["method"] == "post"
    assert elements(html, "input", name="assessment", value=str(result.pk))
    # Cached fragment, fresh token: a second view still has a working form.
    html = owner_client.get(f"/assessments/{result.pk}/").content.decode()
    assert elements(html, "button", form="add-to-plan") and elements(html, "form", id="add-to-plan")


def test_it_creates_a_focus_item_from_the_snapshot(owner_client, owner, result):
    response = add(owner_client, result)
    item = FocusItem.objects.get(user=owner)
    assert response.status_code == 302 and response["Location"] == f"/plan/#focus-{item.pk}"
    assert (item.skill_slug, item.skill_name, item.level_now, item.level_expected) == (
        "user-needs",
        "Understanding user needs",
        2,
        3,
    )
    assert item.expected_by == "Digital Product Manager" and item.active
    # The suggestion is the rubric's "how to grow" from level 2, from the frozen snapshot.
    (skill,) = [s for s in result.skills() if s["slug"] == "user-needs"]
    growth = next(level["growth"] for level in skill["levels"] if level["level"] == 2)
    # Then the skill's learning resources for level 2, each with its link.
    resources = resources_for(["user-needs"], level=2)["user-needs"][: services.MAX_RESOURCE_ACTIONS]
    assert resources
    actions = list(item.actions.order_by("id"))
    assert [a.text for a in actions] == [growth] + [
        f"{r['title']} ({r['author_or_source']}): {r['why']}" for r in resources
    ]
    assert [a.resource_url for a in actions] == [""] + [r["url"] for r in resources]
    assert "is in your plan" in owner_client.get("/plan/").content.decode()


def test_the_target_role_sets_the_expected_level(owner_client, owner, result):
    services.set_goal(user=owner, role=role("product-leader"))
    add(owner_client, result)
    item = FocusItem.objects.get(user=owner)
    assert item.expected_by == "Product Leader"
    assert item.level_expected == role("product-leader").expectations.get(skill__slug="user-needs").level


def test_adding_again_changes_nothing_and_says_so(owner_client, owner, result):
    add(owner_client, result)
    item = FocusItem.objects.get(user=owner)
    item.actions.all().delete()
    response = add(owner_client, result)
    assert response.status_code == 302
    assert FocusItem.objects.filter(user=owner).count() == 1
    assert not item.actions.exists()  # no second set of suggestions
    assert "Understanding user needs is already in your plan." in owner_client.get("/plan/").content.decode()


def test_more_than_a_handful_go_to_later(owner_client, owner, starter):
    assessment = make_assessment(owner, default=1)
    for skill in GAPS:
        add(owner_client, assessment, skill)
    items = list(FocusItem.objects.filter(user=owner).order_by("created_at"))
    assert [i.active for i in items] == [True] * MAX_ACTIVE + [False]
    assert "under “Later”" in owner_client.get("/plan/").content.decode()


def test_someone_elses_result_is_404(outsider_client, outsider, result):
    assert add(outsider_client, result).status_code == 404
    assert not FocusItem.objects.exists()


def test_a_draft_is_404(owner_client, owner, starter):
    draft = make_assessment(owner, submit=False)
    assert add(owner_client, draft).status_code == 404


@pytest.mark.parametrize(
    "data",
    [{}, {"assessment": "nope", "skill": "user-needs"}, {"assessment": "", "skill": ""}, {"skill": "x y"}],
)
def test_a_broken_form_is_400(owner_client, result, data):
    response = owner_client.post("/plan/add/", data)
    assert response.status_code == 400
    assert "was incomplete or changed" in response.content.decode()


def test_a_skill_outside_the_assessment_is_400(owner_client, result):
    response = add(owner_client, result, "not-a-skill")
    assert response.status_code == 400 and "not part of this assessment" in response.content.decode()


def test_anonymous_goes_to_sign_in(client, result):
    response = add(client, result)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not FocusItem.objects.exists()


def test_get_is_refused(owner_client, db):
    assert owner_client.get("/plan/add/").status_code == 405


def test_a_visitors_buttons_lead_to_sign_in_and_back(client, starter):
    key = become_visitor(client)
    draft = assessment_services.start_assessment(visitor_key=key, role=role("product-manager"))
    ratings = {slug: (1, "") for slug in draft.skill_slugs()}
    assessment_services.save_ratings(assessment=draft, ratings=ratings, submit=True)
    html = client.get(f"/assessments/{draft.pk}/").content.decode()
    assert elements(html, "button", form="add-to-plan")
    (form,) = elements(html, "form", id="add-to-plan")
    assert (form.attrs["method"], form.attrs["action"]) == ("get", "/accounts/login/")
    assert elements(html, "input", name="next", value=f"/assessments/{draft.pk}/")
    # And a visitor's POST (a replayed form) goes to sign-in and adds nothing.
    assert add(client, draft).status_code == 302
    assert not FocusItem.objects.exists()
