"""Review links and reviews in the admin: superusers look, nobody edits, no token hash."""

import pytest

from reviews.models import Review, ReviewRating

pytestmark = pytest.mark.django_db


def test_superusers_see_links_and_reviews_read_only(client, superuser, reviewer, done, shared):
    link, token = shared
    review = Review.objects.create(assessment=done, reviewer=reviewer, link=link, comment="Seen")
    ReviewRating.objects.create(review=review, skill_slug="user-needs", level=3)
    client.force_login(superuser)
    page = client.get(f"/admin/reviews/reviewlink/{link.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert link.token_hash not in html and token not in html
    assert client.get("/admin/reviews/reviewlink/add/").status_code == 403
    assert client.get(f"/admin/reviews/review/{review.pk}/change/").status_code == 200
    assert client.post(f"/admin/reviews/review/{review.pk}/change/", {"comment": "Edited"}).status_code == 403
    assert Review.objects.get().comment == "Seen"


def test_rubric_editors_are_kept_out(client, editor, done, shared):
    client.force_login(editor)
    assert client.get("/admin/reviews/reviewlink/").status_code == 403
    assert client.get("/admin/reviews/review/").status_code == 403
