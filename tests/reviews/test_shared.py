"""/review/s/<public id>/: the shared result, read-only, for holders of a grant."""

import re

import pytest
from django.test import Client

from reviews import services
from reviews.models import LinkVisit
from tests.helpers import (
    PASSWORD,
    elements,
    expire_link,
    make_assessment,
    review_open_url,
    review_page_url,
    texts,
)

pytestmark = pytest.mark.django_db


def test_it_shows_the_result_read_only_with_the_owners_display_name(client, owner, shared):
    link, token = shared
    owner.first_name = "Olu"
    owner.save()
    response = client.get(review_open_url(token), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert texts(html, "h1") == ["Olu’s Digital Product Manager self-assessment"]
    assert "owner@example.com" not in html and "owner" not in html.replace("Olu", "")
    # Ratings, evidence, chart and table.
    row = re.search(r"<th scope=\"row\">Understanding user needs.*?</tr>", html, re.S).group(0)
    assert (
        "Level 4" in row and "Evidence: Ran twelve customer interviews" in row and "▲</span> Exceeds" in row
    )
    assert '<svg class="chart bar-chart"' in html and html.count('<rect class="chart-bar ') == 14
    assert "Olu’s level, the expected level and the gap for every skill" in html
    # Read only: no form posts anything; the way to review is to sign in.
    assert elements(html, "form", method="post") == []
    sign_in = elements(html, "a", class_="btn-primary")[0]
    assert sign_in.text == "Sign in to give your view"
    assert sign_in.attrs["href"] == f"/accounts/login/?next={review_page_url(link)}review/"


def test_the_username_stands_in_for_a_missing_first_name(client, shared):
    link, token = shared
    html = client.get(review_open_url(token), follow=True).content.decode()
    assert texts(html, "h1") == ["owner’s Digital Product Manager self-assessment"]
    assert "owner@example.com" not in html


def test_it_shows_the_owners_message(client, done):
    link, token = services.create_link(assessment=done, days=5, message="Be <b>honest</b>, please")
    html = client.get(review_open_url(token), follow=True).content.decode()
    assert "Be &lt;b&gt;honest&lt;/b&gt;, please" in html


def test_without_a_grant_it_is_the_same_404_as_a_bad_token(client, shared):
    link, token = shared
    missing = client.get(review_page_url(link))
    bad = client.get(review_open_url("not-a-token"))
    assert missing.status_code == bad.status_code == 404
    assert missing.content == bad.content
    assert missing["X-Robots-Tag"] == "noindex" and missing["Referrer-Policy"] == "no-referrer"


def test_revocation_and_expiry_apply_on_the_next_request(client, done):
    for end in (services.revoke_link, None):
        link, token = services.create_link(assessment=done, days=5)
        assert client.get(review_open_url(token), follow=True).status_code == 200
        if end:
            end(link=link)
        else:
            expire_link(link)
        assert client.get(review_page_url(link)).status_code == 404
        assert client.get(review_open_url(token)).status_code == 404


def test_a_grant_opens_only_its_own_link(client, done, owner):
    link, token = services.create_link(assessment=done, days=5)
    other_link, _ = services.create_link(assessment=make_assessment(owner, "product-leader"), days=5)
    client.get(review_open_url(token))
    assert client.get(review_page_url(link)).status_code == 200
    assert client.get(review_page_url(other_link)).status_code == 404
    assert client.get(f"/review/s/{other_link.public_id}/review/").status_code == 302  # sign in first


def test_a_reviewer_reaches_nothing_else_of_the_owner(client, owner, reviewer, done):
    other = make_assessment(owner, "product-leader")
    draft = make_assessment(owner, submit=False)
    link, token = services.create_link(assessment=done, days=5)
    other_link, _ = services.create_link(assessment=other, days=5)
    client.force_login(reviewer)
    client.get(review_open_url(token))
    assert client.get(review_page_url(link)).status_code == 200
    for path in (
        f"/assessments/{done.pk}/",
        f"/assessments/{other.pk}/",
        f"/assessments/{draft.pk}/edit/",
        f"/assessments/{done.pk}/export.json",
        f"/assessments/{done.pk}/share/",
        f"/assessments/compare/?a={done.pk}&b={other.pk}",
        review_page_url(other_link),
        f"/review/s/{other_link.public_id}/review/",
    ):
        assert client.get(path).status_code in (400, 404), path
    for path in ("/assessments/", "/assessments/progress/"):
        html = client.get(path).content.decode()
        assert "Product Leader" not in html and str(done.pk) not in html, path
    assert client.post(f"/assessments/{done.pk}/share/", {"days": "5"}).status_code == 404


def test_a_signed_in_visitor_is_recorded_and_gets_back_in_from_another_session(reviewer, shared):
    link, token = shared
    first = Client()
    first.force_login(reviewer)
    first.get(review_open_url(token))
    assert LinkVisit.objects.filter(link=link, user=reviewer).count() == 1
    second = Client()
    second.force_login(reviewer)
    assert second.get(review_page_url(link)).status_code == 200
    services.revoke_link(link=link)
    assert second.get(review_page_url(link)).status_code == 404


def test_the_owner_sees_it_without_being_asked_to_review(client, owner, shared):
    link, token = shared
    client.force_login(owner)
    html = client.get(review_open_url(token), follow=True).content.decode()
    assert "Give your view" not in html and "Your result" in html
    assert not LinkVisit.objects.exists()


def test_it_sends_the_link_headers(client, reviewer, shared):
    link, token = shared
    response = client.get(review_open_url(token), follow=True)
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"
    # Signed in, the page holds the sign-out form (see reviews.decorators.FORM_REFERRER_POLICY).
    client.force_login(reviewer)
    client.get(review_open_url(token))
    response = client.get(review_page_url(link))
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex" and response["Cache-Control"] == "private, no-store"


def test_it_only_answers_get_and_head(client, shared):
    link, token = shared
    client.get(review_open_url(token))
    assert client.post(review_page_url(link)).status_code == 405


@pytest.mark.parametrize("signed_in", [False, True])
def test_it_runs_a_constant_number_of_queries(client, sized, django_assert_num_queries, signed_in):
    link, token = sized["links"][0]
    if signed_in:
        client.force_login(sized["reviewers"][0])
    client.get(review_open_url(token))
    client.get(review_page_url(link))  # the session's once-a-minute activity stamp
    # Signed in: 1. session  2. user  3. the granted link + assessment + owner (grant or
    # visit)  4. the ratings  5. your review  6. its ratings  7. the visit (insert, no conflict)
    # Visitor: 1. session  2. the granted link + assessment + owner  3. the ratings
    with django_assert_num_queries(7 if signed_in else 3):
        response = client.get(review_page_url(link))
    assert response.status_code == 200


def test_a_fresh_client_with_the_password_sees_nothing_without_the_link(shared, reviewer):
    link, token = shared
    other = Client()
    assert other.login(username=reviewer.username, password=PASSWORD)
    assert other.get(review_page_url(link)).status_code == 404
