"""The people and data of the review tests: an owner with a submitted assessment, an
outsider, a reviewer (Sam), and links made through the real service."""

import pytest

from reviews import services
from tests.helpers import PASSWORD, make_assessment, make_history
from tests.roles.factories import load_generated


@pytest.fixture
def reviewer(django_user_model):
    return django_user_model.objects.create_user(
        "sam-the-mentor", "sam@example.com", PASSWORD, first_name="Sam"
    )


@pytest.fixture
def done(owner, starter):
    """The owner's submitted Digital Product Manager assessment, with one evidence note."""
    return make_assessment(
        owner,
        levels={"planning-prioritisation": 2, "user-needs": 4},
        evidence={"user-needs": "Ran twelve customer interviews"},
    )


@pytest.fixture
def shared(done):
    """An active link to ``done``: (link, token)."""
    return services.create_link(assessment=done, days=14)


@pytest.fixture(params=["small", "large"])
def sized(request, owner, starter, django_user_model):
    """Two sizes: the starter rubric (14 skills), one link, one review; a 60-skill rubric
    with 50 past assessments, 10 links and 5 reviews (each with every skill rated)."""
    from reviews.models import Review, ReviewRating

    if request.param == "small":
        target = make_assessment(owner, "product-manager", default=2)
        links, reviewers = 1, 1
    else:
        load_generated(8, 60)
        target = make_history(owner, "gen-role-3", 50)[-1]
        links, reviewers = 10, 5
    made = [services.create_link(assessment=target, days=14) for _ in range(links)]
    people = [
        django_user_model.objects.create_user(
            f"reviewer{n}", f"r{n}@example.com", PASSWORD, first_name=f"R{n}"
        )
        for n in range(reviewers)
    ]
    for person in people:
        review = Review.objects.create(assessment=target, reviewer=person, link=made[0][0], comment="Fine")
        ReviewRating.objects.bulk_create(
            [ReviewRating(review=review, skill_slug=s, level=3, comment="ok") for s in target.skill_slugs()]
        )
    return {"assessment": target, "links": made, "reviewers": people, "size": request.param}
