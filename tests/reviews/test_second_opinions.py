"""The owner's result gains "Second opinions": each reviewer's levels beside their own."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from reviews import services
from reviews.models import Review, ReviewRating
from tests.helpers import PASSWORD, elements, texts

pytestmark = pytest.mark.django_db


def review(assessment, person, levels, default=None, comment="", comments=None):
    made = Review.objects.create(assessment=assessment, reviewer=person, comment=comment)
    ReviewRating.objects.bulk_create(
        [
            ReviewRating(
                review=made, skill_slug=s, level=levels.get(s, default), comment=(comments or {}).get(s, "")
            )
            for s in assessment.skill_slugs()
            if levels.get(s, default) is not None
        ]
    )
    return made


def section(html):
    return html[html.index('id="second-opinions"') : html.index('id="result-actions-title"')]


def test_without_reviews_it_invites_sharing(owner_client, done):
    html = section(owner_client.get(f"/assessments/{done.pk}/").content.decode())
    assert "No second opinions yet." in html
    assert f'href="/assessments/{done.pk}/share/"' in html


def test_the_result_links_to_sharing(owner_client, done):
    html = owner_client.get(f"/assessments/{done.pk}/").content.decode()
    assert "Share for review" in [a.text for a in elements(html, "a", href=f"/assessments/{done.pk}/share/")]


def test_it_shows_self_and_each_reviewer_side_by_side_with_differences(owner_client, done, reviewer):
    # done: planning 2, user needs 4, everything else 3.
    lee = get_user_model().objects.create_user("lee", "lee@example.com", PASSWORD)
    review(
        done,
        reviewer,
        {"planning-prioritisation": 3, "user-needs": 2, "market-research": 1},
        default=3,
        comment="A fair view overall",
        comments={"user-needs": "Interviews, yes; synthesis less so"},
    )
    review(done, lee, {"planning-prioritisation": 2}, default=None)
    html = section(owner_client.get(f"/assessments/{done.pk}/").content.decode())
    # Names only: first name, or the username when there is none; never an email address.
    head = texts(html, "th", scope="col")
    assert head == ["Skill", "You", "Sam", "lee"]
    assert "sam@example.com" not in html and "lee@example.com" not in html
    # The calibration line per reviewer.
    lines = texts(html, "p", class_="calibration")
    assert lines == [
        "You rated yourself higher than Sam on 2 skills and lower on 1; you agree on 11.",
        "You and lee agree on every skill you both rated.",
    ]
    assert "A fair view overall" in html
    needs = re.search(r"<th scope=\"row\">Understanding user needs</th>.*?</tr>", html, re.S).group(0)
    assert "Level 4" in needs and "Level 2" in needs
    assert (
        '<div class="delta delta-down"><span aria-hidden="true">▼ </span>2 levels lower than you</div>'
        in needs
    )
    assert "“Interviews, yes; synthesis less so”" in needs
    assert needs.count("Not rated") == 1  # lee rated only planning
    planning = re.search(r"<th scope=\"row\">Planning &amp; prioritisation</th>.*?</tr>", html, re.S).group(0)
    assert '<span aria-hidden="true">▲ </span>1 level higher than you' in planning
    assert "Same as you" in planning
    # One delete button per review.
    assert len([f for f in elements(html, "form") if f.attrs["action"].endswith("/delete/")]) == 2


def test_others_never_see_the_section(client, outsider, done, reviewer):
    review(done, reviewer, {}, default=3, comment="PRIVATE-NOTE")
    client.force_login(outsider)
    response = client.get(f"/assessments/{done.pk}/")
    assert response.status_code == 404 and "PRIVATE-NOTE" not in response.content.decode()


def test_a_review_given_through_the_app_shows_up(owner_client, done, reviewer):
    link, token = services.create_link(assessment=done, days=3)
    client = Client()
    client.force_login(reviewer)
    client.get(f"/review/{token}/")
    data = {f"level-{s}": "5" for s in done.skill_slugs()}
    assert client.post(f"/review/s/{link.public_id}/review/", data).status_code == 302
    html = section(owner_client.get(f"/assessments/{done.pk}/").content.decode())
    assert "You rated yourself higher than Sam on 0 skills and lower on 14; you agree on 0." in html


def test_it_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries):
    target = sized["assessment"]
    url = f"/assessments/{target.pk}/"
    owner_client.get(url)  # the result body is now a cached fragment
    # 1. session  2. user  3. assessment + role + track  4-5. live rubric  6. published
    # roles  7. the framework's token (the cached fragment's key); Second opinions:
    # 8. reviews + reviewers  9. their ratings  10. your ratings
    with django_assert_num_queries(10):
        response = owner_client.get(url)
    html = section(response.content.decode())
    assert len(texts(html, "p", class_="calibration")) == len(sized["reviewers"])
