"""Assessments in Django admin: superusers look, nobody edits, rubric editors see nothing."""

import pytest

from assessments.models import Assessment, Rating
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def done(owner, starter):
    return make_assessment(owner, evidence={"user-needs": "Ran twelve customer interviews."})


def test_it_lets_a_superuser_view_assessments_and_their_ratings(client, superuser, done):
    client.force_login(superuser)
    listing = client.get("/admin/assessments/assessment/")
    assert listing.status_code == 200
    assert "Digital Product Manager" in listing.content.decode()
    page = client.get(f"/admin/assessments/assessment/{done.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ran twelve customer interviews." in html
    # Read-only: no editable level inputs and no save button.
    assert 'name="ratings-0-level"' not in html
    assert 'name="_save"' not in html


def test_it_refuses_to_let_a_superuser_add_or_change_an_assessment(client, superuser, done):
    client.force_login(superuser)
    assert client.get("/admin/assessments/assessment/add/").status_code == 403
    before = list(done.ratings.order_by("skill_slug").values_list("skill_slug", "level"))
    response = client.post(
        f"/admin/assessments/assessment/{done.pk}/change/",
        {"status": "draft", "ratings-TOTAL_FORMS": "1", "ratings-INITIAL_FORMS": "1", "ratings-0-level": "1"},
    )
    assert response.status_code == 403
    done.refresh_from_db()
    assert done.is_submitted
    assert list(done.ratings.order_by("skill_slug").values_list("skill_slug", "level")) == before


def test_it_lets_a_superuser_delete_a_user_with_assessments(client, superuser, owner, done):
    client.force_login(superuser)
    response = client.post(f"/admin/auth/user/{owner.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Assessment.objects.filter(pk=done.pk).exists()
    assert not Rating.objects.filter(assessment_id=done.pk).exists()


@pytest.mark.parametrize(
    "url",
    ["/admin/assessments/assessment/", "/admin/assessments/assessment/{pk}/change/", "/admin/auth/user/"],
)
def test_it_blocks_rubric_editors_from_assessments_and_accounts(client, editor, done, url):
    client.force_login(editor)
    assert client.get(url.format(pk=done.pk)).status_code == 403


def test_it_hides_the_assessments_app_from_the_rubric_editors_admin_index(client, editor, done):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "/admin/roles/role/" in html
    assert "/admin/assessments/" not in html
