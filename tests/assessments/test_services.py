import uuid

import pytest

from assessments import services
from assessments.models import Assessment
from tests.helpers import make_assessment, role

pytestmark = pytest.mark.django_db


def all_levels(assessment, level=3):
    return {slug: (level, "") for slug in assessment.skill_slugs()}


def test_it_starts_a_draft_with_a_snapshot(owner, starter):
    a = services.start_assessment(user=owner, role=role("product-manager"))
    assert a.is_draft and a.user == owner
    assert (a.role_name, a.role_slug) == ("Digital Product Manager", "product-manager")
    assert a.rubric["hash"] == a.rubric_hash
    assert len(a.skill_slugs()) == 14
    assert a.ratings.count() == 0


def test_the_same_start_token_returns_the_same_assessment(owner, starter):
    token = uuid.uuid4()
    first = services.start_assessment(user=owner, role=role("product-manager"), token=token)
    second = services.start_assessment(user=owner, role=role("product-manager"), token=token)
    assert first.pk == second.pk
    assert Assessment.objects.count() == 1


def test_it_prefills_shared_skills_from_a_previous_assessment(owner, starter):
    previous = make_assessment(
        owner, "product-manager", levels={"user-needs": 5}, evidence={"user-needs": "Ran research"}
    )
    a = services.start_assessment(user=owner, role=role("product-leader"), prefill_from=previous)
    prefilled = {r.skill_slug: (r.level, r.evidence) for r in a.ratings.all()}
    assert prefilled["user-needs"] == (5, "Ran research")
    assert len(prefilled) == 14  # the two starter roles share every skill


def test_saving_a_draft_replaces_its_ratings(owner, starter):
    a = services.start_assessment(user=owner, role=role("product-manager"))
    services.save_ratings(
        assessment=a, ratings={"user-needs": (2, "note"), "market-research": (None, "")}, submit=False
    )
    assert list(a.ratings.values_list("skill_slug", "level", "evidence")) == [("user-needs", 2, "note")]
    services.save_ratings(
        assessment=a, ratings={"user-needs": (None, "only a note"), "market-research": (4, "")}, submit=False
    )
    assert set(a.ratings.values_list("skill_slug", "level", "evidence")) == {
        ("user-needs", None, "only a note"),
        ("market-research", 4, ""),
    }
    a.refresh_from_db()
    assert a.is_draft


def test_submitting_needs_every_skill_and_writes_nothing_otherwise(owner, starter):
    a = services.start_assessment(user=owner, role=role("product-manager"))
    ratings = all_levels(a)
    ratings["user-needs"] = (None, "")
    with pytest.raises(services.IncompleteSubmission) as excinfo:
        services.save_ratings(assessment=a, ratings=ratings, submit=True)
    assert excinfo.value.missing == ["user-needs"]
    assert a.ratings.count() == 0
    a.refresh_from_db()
    assert a.is_draft


def test_submitting_scores_and_fixes_the_record(owner, starter):
    a = services.start_assessment(user=owner, role=role("product-manager"))
    services.save_ratings(assessment=a, ratings=all_levels(a, 3), submit=True)
    a.refresh_from_db()
    assert a.is_submitted and a.submitted_at
    assert (a.readiness, a.weighted_score) == (100, 100)
    with pytest.raises(services.AlreadySubmitted):
        services.save_ratings(assessment=a, ratings=all_levels(a, 1), submit=True)
    assert set(a.ratings.values_list("level", flat=True)) == {3}


def test_it_refuses_skills_outside_the_snapshot(owner, starter):
    a = services.start_assessment(user=owner, role=role("product-manager"))
    with pytest.raises(ValueError):
        services.save_ratings(assessment=a, ratings={"not-a-skill": (3, "")}, submit=False)
    assert a.ratings.count() == 0


def test_saving_one_rating_keeps_the_others(owner, starter):
    a = services.start_assessment(user=owner, role=role("product-manager"))
    services.save_ratings(assessment=a, ratings={"user-needs": (4, "Interviews")}, submit=False)
    services.save_rating(assessment=a, skill_slug="product-vision", level=2, evidence="")
    services.save_rating(assessment=a, skill_slug="user-needs", level=5, evidence="More interviews")
    assert {r.skill_slug: (r.level, r.evidence) for r in a.ratings.all()} == {
        "user-needs": (5, "More interviews"),
        "product-vision": (2, ""),
    }
    # A stale copy of the assessment (its ratings read earlier) loses nothing either.
    stale = Assessment.objects.prefetch_related("ratings").get(pk=a.pk)
    services.save_rating(assessment=a, skill_slug="business-acumen", level=1, evidence="")
    services.save_rating(assessment=stale, skill_slug="decision-making", level=3, evidence="")
    assert a.ratings.count() == 4
    with pytest.raises(ValueError, match="not in this rubric"):
        services.save_rating(assessment=a, skill_slug="not-a-skill", level=3, evidence="")


def test_submitting_what_is_saved_needs_every_level_and_happens_once(owner, starter):
    a = services.start_assessment(user=owner, role=role("product-manager"))
    services.save_ratings(
        assessment=a, ratings={**all_levels(a), "user-needs": (None, "A note")}, submit=False
    )
    with pytest.raises(services.IncompleteSubmission) as excinfo:
        services.submit_saved(assessment=a)
    assert excinfo.value.missing == ["user-needs"]
    services.save_rating(assessment=a, skill_slug="user-needs", level=4, evidence="A note")
    services.submit_saved(assessment=a)
    a.refresh_from_db()
    assert a.is_submitted and a.ratings.get(skill_slug="user-needs").evidence == "A note"
    with pytest.raises(services.AlreadySubmitted):
        services.submit_saved(assessment=a)
    with pytest.raises(services.AlreadySubmitted):
        services.save_rating(assessment=a, skill_slug="user-needs", level=1, evidence="")
