"""/review/s/<public id>/review/: a signed-in reviewer rates each skill and comments."""

import pytest
from django.test import Client

from reviews import services
from reviews.models import Review, ReviewRating
from tests.helpers import PASSWORD, elements, expire_link, review_open_url, review_page_url, texts

pytestmark = pytest.mark.django_db


def review_url(link):
    return f"{review_page_url(link)}review/"


def answers(assessment, level=3, **extra):
    data = {f"level-{slug}": str(level) for slug in assessment.skill_slugs()}
    data.update(extra)
    return data


def test_an_anonymous_visitor_signs_in_and_keeps_the_grant(client, reviewer, shared):
    link, token = shared
    client.get(review_open_url(token))
    response = client.get(review_url(link))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={review_url(link)}".replace(
        "/review/s", "/review/s"
    )
    signed_in = client.post(
        "/accounts/login/", {"username": reviewer.username, "password": PASSWORD, "next": review_url(link)}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == review_url(link)
    page = client.get(review_url(link))
    assert page.status_code == 200
    assert len(elements(page.content.decode(), "fieldset")) == 14


def test_a_visitor_who_signs_up_keeps_the_grant(client, shared):
    link, token = shared
    client.get(review_open_url(token))
    response = client.post(
        f"/accounts/signup/?next={review_url(link)}",
        {
            "username": "newmentor",
            "email": "newmentor@example.com",
            "password1": "a-long-Passw0rd!x",
            "password2": "a-long-Passw0rd!x",
            "next": review_url(link),
        },
    )
    assert response.status_code == 302 and response["Location"] == review_url(link)
    assert client.get(review_url(link)).status_code == 200


def test_it_saves_levels_and_comments_then_edits_them(client, reviewer, done, shared):
    link, token = shared
    client.force_login(reviewer)
    client.get(review_open_url(token))
    data = answers(done, 2, **{"comment-user-needs": "Strong interviews", "overall": "Good self-awareness"})
    response = client.post(review_url(link), data)
    assert response.status_code == 302 and response["Location"] == review_page_url(link)
    review = Review.objects.get(assessment=done, reviewer=reviewer)
    assert review.comment == "Good self-awareness" and review.link == link
    assert review.ratings.count() == 14
    assert review.ratings.get(skill_slug="user-needs").comment == "Strong interviews"
    # The form comes back filled in; saving again replaces the review, never duplicates it.
    html = client.get(review_url(link)).content.decode()
    assert elements(html, "input", name="level-user-needs", value="2")[0].attrs.get("checked") == ""
    assert "Strong interviews" in html
    client.post(review_url(link), answers(done, 4))
    assert Review.objects.filter(assessment=done).count() == 1
    assert set(ReviewRating.objects.values_list("level", flat=True)) == {4}
    assert Review.objects.get().comment == ""


def test_missing_levels_and_long_comments_are_refused_with_a_summary(client, reviewer, done, shared):
    link, token = shared
    client.force_login(reviewer)
    client.get(review_open_url(token))
    data = answers(done, 3, **{"comment-user-needs": "x" * 1001})
    del data["level-planning-prioritisation"]
    data["level-strategic-thinking"] = "9"
    response = client.post(review_url(link), data)
    assert response.status_code == 400
    html = response.content.decode()
    summary = texts(html, "div", id="error-summary")[0]
    assert "Choose a level for Planning & prioritisation." in summary
    assert "Choose one of the levels 1 to 5." in summary
    assert "Keep the comment to 1000 characters or fewer (it has 1001)." in summary
    assert not Review.objects.exists()


def test_the_owner_cannot_review_their_own_assessment(client, owner, shared):
    link, token = shared
    client.force_login(owner)
    client.get(review_open_url(token))
    response = client.post(review_url(link), answers(link.assessment))
    assert response.status_code == 403
    assert "This is your own assessment" in response.content.decode()
    assert not Review.objects.exists()


def test_it_is_not_editable_once_the_link_ends(client, reviewer, done):
    for end in ("revoke", "expire"):
        link, token = services.create_link(assessment=done, days=3)
        client.force_login(reviewer)
        client.get(review_open_url(token))
        assert client.post(review_url(link), answers(done)).status_code == 302
        services.revoke_link(link=link) if end == "revoke" else expire_link(link)
        assert client.get(review_url(link)).status_code == 404
        assert client.post(review_url(link), answers(done, 1)).status_code == 404
    assert set(ReviewRating.objects.values_list("level", flat=True)) == {3}


def test_without_a_grant_it_is_not_found(client, reviewer, shared):
    link, token = shared
    client.force_login(reviewer)
    assert client.get(review_url(link)).status_code == 404
    assert client.post(review_url(link), answers(link.assessment)).status_code == 404


def test_posts_need_the_csrf_token(reviewer, done, shared):
    link, token = shared
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    client.get(review_open_url(token))
    assert client.post(review_url(link), answers(done)).status_code == 403
    assert not Review.objects.exists()
    html = client.get(review_url(link)).content.decode()
    csrf = elements(html, "input", name="csrfmiddlewaretoken")[-1].attrs["value"]
    assert client.post(review_url(link), answers(done, csrfmiddlewaretoken=csrf)).status_code == 302


def test_it_sends_the_link_headers(client, reviewer, shared):
    link, token = shared
    client.force_login(reviewer)
    client.get(review_open_url(token))
    form, anonymous = client.get(review_url(link)), Client().get(review_url(link))
    for response in (form, anonymous):
        assert response["X-Robots-Tag"] == "noindex" and response["Cache-Control"] == "private, no-store"
    # A page with a POST form: no-referrer would make browsers post "Origin: null", which the
    # CSRF check refuses; same-origin still tells no other site anything.
    assert form["Referrer-Policy"] == "same-origin"
    assert anonymous["Referrer-Policy"] == "no-referrer"


def test_it_runs_a_constant_number_of_queries(client, sized, django_assert_num_queries):
    link, token = sized["links"][0]
    client.force_login(sized["reviewers"][0])
    client.get(review_open_url(token))
    client.get(review_url(link))
    # 1. session  2. user  3. the granted link + assessment + owner  4. your review
    # 5. its ratings
    with django_assert_num_queries(5):
        assert client.get(review_url(link)).status_code == 200
    data = answers(sized["assessment"], 2)
    # 1. session  2. user  3. the granted link  4-5. savepoints (the transaction and
    # update_or_create's)  6. the review, locked  7. its update  8. release  9. delete the old
    # ratings  10. insert the new ones (one statement)  11. release  12. the visit
    with django_assert_num_queries(12):
        assert client.post(review_url(link), data).status_code == 302
