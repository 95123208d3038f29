"""Done plan actions offered as evidence when the next assessment starts (the start view's
hook, plans.services.offer_evidence)."""

import uuid

import pytest

from assessments.models import Rating
from plans import services
from plans.models import Action, ActionStatus
from tests.helpers import make_assessment
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


def start(client, slug, **extra):
    response = client.post(f"/assessments/new/{slug}/", {"token": str(uuid.uuid4()), **extra})
    assert response.status_code == 302
    return response["Location"]


@pytest.fixture
def done_actions(owner, starter):
    (item,) = make_plan(owner, skills=["user-needs"])
    item.actions.update(status=ActionStatus.DONE)
    Action.objects.create(
        focus=item,
        text="Interviewed five users",
        status=ActionStatus.DONE,
        evidence_url="https://example.com/notes",
    )
    Action.objects.create(focus=item, text="Not finished", status=ActionStatus.DOING)
    return item


def test_done_actions_prefill_the_evidence_note(owner_client, owner, done_actions):
    location = start(owner_client, "product-leader")  # any role with the skill
    tasks = owner_client.get(location).content.decode()  # the guided flow's task list
    assert "Done actions from your plan are in the evidence notes" in tasks
    rating = Rating.objects.get(assessment__user=owner, assessment__status="draft", skill_slug="user-needs")
    html = owner_client.get(f"/assessments/{rating.assessment_id}/skills/user-needs/").content.decode()
    assert rating.level is None
    assert rating.evidence.startswith(services.EVIDENCE_PREFIX)
    assert "Interviewed five users (https://example.com/notes)" in rating.evidence
    assert "Not finished" not in rating.evidence
    # Shown in the skill's evidence box, editable like any note.
    assert "Interviewed five users (https://example.com/notes)" in html


def test_it_never_overwrites_evidence_already_there(owner_client, owner, done_actions):
    previous = make_assessment(owner, evidence={"user-needs": "Ran weekly interviews"})
    start(owner_client, "product-manager", prefill=str(previous.pk))
    rating = Rating.objects.get(assessment__status="draft", skill_slug="user-needs")
    assert rating.evidence.startswith("Ran weekly interviews\n\nFrom my plan: ")
    assert rating.level == 3  # the prefilled level is kept too
    # Offering again (a replayed start) adds nothing twice.
    assert services.offer_evidence(assessment=rating.assessment) == 0


def test_a_full_note_is_left_alone(owner, done_actions):
    draft = make_assessment(owner, submit=False, evidence={"user-needs": "x" * 990})
    assert services.offer_evidence(assessment=draft) == 0
    assert draft.ratings.get(skill_slug="user-needs").evidence == "x" * 990


def test_nothing_is_offered_without_done_actions_or_to_others(owner_client, outsider_client, owner, starter):
    make_plan(owner, skills=["user-needs"])  # suggestions are "to do"
    start(owner_client, "product-manager")
    assert not Rating.objects.filter(assessment__user=owner).exclude(evidence="").exists()
    (item,) = owner.focus_items.all()
    item.actions.update(status=ActionStatus.DONE)
    start(outsider_client, "product-manager")
    assert not Rating.objects.exclude(evidence="").exclude(assessment__user=owner).exists()


def test_a_submitted_assessment_is_never_changed(owner, done_actions):
    submitted = make_assessment(owner)
    assert services.offer_evidence(assessment=submitted) == 0
    assert submitted.ratings.get(skill_slug="user-needs").evidence == ""
