"""Exports include the reviews an owner received; deleting an account deletes its links,
the reviews it gave, and the reviews on its assessments."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.services import delete_account
from assessments.models import Assessment
from reviews import services
from reviews.models import LinkVisit, Review, ReviewLink, ReviewRating
from tests.helpers import PASSWORD, make_assessment, review_open_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(done, reviewer, shared):
    link, token = shared
    client = Client()
    client.force_login(reviewer)
    client.get(review_open_url(token))
    data = {f"level-{s}": "2" for s in done.skill_slugs()}
    data.update({"comment-user-needs": "=cmd|' /C calc'!A0", "overall": "Keep going"})
    assert client.post(f"/review/s/{link.public_id}/review/", data).status_code == 302
    return Review.objects.get()


def test_the_json_exports_include_reviews_received(owner_client, done, reviewed):
    for path in ("/assessments/export.json", f"/assessments/{done.pk}/export.json"):
        data = json.loads(owner_client.get(path).content)
        record = data["assessments"][0] if "assessments" in data else data
        (received,) = record["reviews"]
        assert received["reviewer"] == "Sam" and received["comment"] == "Keep going"
        assert len(received["ratings"]) == 14 and {r["level"] for r in received["ratings"]} == {2}
        needs = next(r for r in received["ratings"] if r["skill"] == "user-needs")
        assert needs["comment"] == "=cmd|' /C calc'!A0"
        assert "sam@example.com" not in json.dumps(data) and "sam-the-mentor" not in json.dumps(data)


def test_the_csv_export_adds_a_row_per_skill_and_reviewer(owner_client, reviewed):
    rows = list(csv.DictReader(io.StringIO(owner_client.get("/assessments/export.csv").content.decode())))
    assert [r["rated_by"] for r in rows] == ["self"] * 14 + ["review: Sam"] * 14
    needs = next(r for r in rows if r["rated_by"] == "review: Sam" and r["skill_slug"] == "user-needs")
    assert needs["level"] == "2" and needs["skill_name"] == "Understanding user needs"
    assert needs["reviewer_comment"] == "'=cmd|' /C calc'!A0" and needs["review_comment"] == "Keep going"


def test_a_reviewer_sees_nothing_of_it_in_their_own_export(reviewer, reviewed):
    client = Client()
    client.force_login(reviewer)
    data = json.loads(client.get("/assessments/export.json").content)
    assert data["assessments"] == []


def test_exports_with_reviews_run_a_constant_number_of_queries(
    owner_client, sized, django_assert_num_queries
):
    # 1. session  2. user  3. your assessments  4. their ratings  5. reviews received +
    # reviewers  6. their ratings; JSON only, the growth plan: 7. plan  8. focus items  9. actions
    for path, queries in (("/assessments/export.json", 9), ("/assessments/export.csv", 6)):
        with django_assert_num_queries(queries):
            assert owner_client.get(path).status_code == 200
    # One assessment: 1. session  2. user  3. it  4. its ratings  5. reviews  6. their ratings
    with django_assert_num_queries(6):
        assert owner_client.get(f"/assessments/{sized['assessment'].pk}/export.json").status_code == 200


def test_deleting_the_owner_deletes_links_reviews_and_visits(owner, done, reviewed):
    assert ReviewLink.objects.exists() and LinkVisit.objects.exists()
    delete_account(user=owner)
    assert not Assessment.objects.exists()
    for model in (ReviewLink, Review, ReviewRating, LinkVisit):
        assert not model.objects.exists(), model
    assert get_user_model().objects.filter(username="sam-the-mentor").exists()


def test_deleting_a_reviewer_deletes_the_reviews_they_gave(owner, done, reviewer, reviewed):
    other_done = make_assessment(reviewer)
    services.create_link(assessment=other_done, days=3)
    delete_account(user=reviewer)
    assert (
        not Review.objects.exists() and not ReviewRating.objects.exists() and not LinkVisit.objects.exists()
    )
    # The owner keeps their assessment and link; the reviewer's own link went with them.
    assert list(ReviewLink.objects.values_list("assessment_id", flat=True)) == [done.pk]


def test_deleting_through_the_account_page_works_too(client, reviewer, reviewed):
    client.force_login(reviewer)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not Review.objects.exists()
