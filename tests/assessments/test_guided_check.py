"""Check your answers, then submit: /assessments/<id>/check/."""

import uuid

import pytest
from django.test import Client

from assessments import services
from assessments.models import Assessment
from tests.helpers import elements, make_assessment, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete(owner, starter):
    """A draft with every skill rated, and one note."""
    return make_assessment(
        owner, submit=False, levels={"product-vision": 4}, evidence={"product-vision": "Wrote our vision"}
    )


def url(assessment):
    return f"/assessments/{assessment.pk}/check/"


def test_it_lists_every_answer_with_a_change_link(owner_client, complete):
    response = owner_client.get(url(complete))
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "dt", class_="summary-key") == [s["name"] for s in complete.skills()]
    row = elements(html, "div", id="answer-product-vision")[0]
    assert row.text.startswith("Product vision Level 4 ·") and "Wrote our vision" in row.text
    assert texts(html, "dd", class_="summary-value")[0].startswith("Level 3 ·")
    change = elements(html, "a", href=f"/assessments/{complete.pk}/skills/product-vision/?return=check")
    assert [c.text for c in change] == ["Change Product vision"]
    assert len([a for a in elements(html, "a") if a.text.startswith("Change ")]) == 14
    assert texts(html, "p", class_="guided-progress") == ["14 of 14 rated"]
    assert elements(html, "form", method="post", action=url(complete))
    assert texts(html, "button", type="submit")[-1] == "Submit assessment"


def test_the_level_names_come_from_the_snapshot(owner_client, complete):
    level = next(lv for lv in complete.skills()[8]["levels"] if lv["level"] == 4)
    html = owner_client.get(url(complete)).content.decode()
    assert f"Level 4 · {level['name']}" in elements(html, "div", id="answer-product-vision")[0].text


def test_submitting_goes_to_the_result(owner_client, complete):
    response = owner_client.post(url(complete))
    assert response.status_code == 302 and response["Location"] == f"/assessments/{complete.pk}/"
    complete.refresh_from_db()
    assert complete.is_submitted and complete.readiness is not None
    assert complete.ratings.get(skill_slug="product-vision").evidence == "Wrote our vision"
    assert "Assessment submitted" in owner_client.get(response["Location"]).content.decode()


def test_a_second_submit_changes_nothing_and_goes_to_the_result(owner_client, complete):
    owner_client.post(url(complete))
    complete.refresh_from_db()
    when = complete.submitted_at
    response = owner_client.post(url(complete), follow=True)
    assert response.redirect_chain == [(f"/assessments/{complete.pk}/", 302)]
    assert "already submitted" in response.content.decode()
    complete.refresh_from_db()
    assert complete.submitted_at == when


def test_a_submitted_assessment_shows_its_result_instead(owner_client, owner, starter):
    done = make_assessment(owner)
    response = owner_client.get(url(done), follow=True)
    assert response.redirect_chain == [(f"/assessments/{done.pk}/", 302)]


def test_an_incomplete_submit_names_each_unrated_skill(owner_client, owner, starter):
    draft = make_assessment(owner, submit=False, levels={"user-needs": None, "product-vision": None})
    html = owner_client.get(url(draft)).content.decode()
    assert texts(html, "p", class_="guided-progress") == ["12 of 14 rated"]
    assert "Not rated yet" in elements(html, "div", id="answer-user-needs")[0].text
    response = owner_client.post(url(draft))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error:" in html
    assert "autofocus" in elements(html, "div", id="error-summary")[0].attrs
    assert texts(html, "a", href=f"/assessments/{draft.pk}/skills/user-needs/?return=check") == [
        "Choose a level for Understanding user needs",
        "Rate Understanding user needs",
    ]
    assert "Choose a level for Product vision" in html
    draft.refresh_from_db()
    assert draft.is_draft and draft.ratings.count() == 12


def test_someone_elses_assessment_is_not_found_and_not_submitted(client, outsider, complete):
    client.force_login(outsider)
    for pk in (complete.pk, uuid.uuid4()):
        assert client.get(f"/assessments/{pk}/check/").status_code == 404
        assert client.post(f"/assessments/{pk}/check/").status_code == 404
    complete.refresh_from_db()
    assert complete.is_draft
    # Signed out, a visitor's session owns nothing of the account's: the same 404.
    assert Client().post(url(complete)).status_code == 404


def test_csrf_is_enforced(owner, complete):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(url(complete)).status_code == 403
    assert Assessment.objects.get(pk=complete.pk).is_draft


def test_the_page_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    draft = make_assessment(owner, sized["slug"], submit=False, default=2)
    # 1. session  2. user  3. the assessment  4. its ratings
    with django_assert_num_queries(4):
        assert owner_client.get(url(draft)).status_code == 200


def test_submitting_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    draft = make_assessment(owner, sized["slug"], submit=False, default=2)
    # 1. session  2. user  3. the assessment  4. its ratings  5. SAVEPOINT  6. lock the
    # assessment row  7. read the saved ratings under the lock  8. delete dropped ratings
    # 9. upsert the ratings  10. update the assessment  11. RELEASE
    with django_assert_num_queries(11):
        response = owner_client.post(url(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_submitted


def test_submitting_keeps_the_saved_ratings_exactly(owner, complete):
    before = set(complete.ratings.values_list("skill_slug", "level", "evidence"))
    services.submit_saved(assessment=complete)
    assert set(complete.ratings.values_list("skill_slug", "level", "evidence")) == before


def test_it_is_private_and_not_stored(owner_client, complete):
    response = owner_client.get(url(complete))
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
