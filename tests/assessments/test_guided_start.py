"""The start page's guided-flow parts: how long it takes, what a level means, and the two
ways in (one skill at a time, or all skills on one page)."""

import uuid

import pytest
from django.test import Client

from assessments import steps
from assessments.models import Assessment
from roles.scale import LEVEL_SCALE
from tests.helpers import elements, texts

pytestmark = pytest.mark.django_db

URL = "/assessments/new/product-manager/"


@pytest.mark.parametrize(
    ("skills", "said"),
    [
        (1, "about 1 minute"),
        (7, "about 7 minutes"),
        (10, "about 10 minutes"),
        (11, "about 15 minutes"),  # rounded up, never less than it takes
        (14, "about 15 minutes"),
        (60, "about 1 hour"),
        (61, "about 1 hour 5 minutes"),
        (130, "about 2 hours 10 minutes"),
        (0, "about 1 minute"),
    ],
)
def test_it_says_how_long_rating_takes_from_the_number_of_skills(skills, said):
    assert steps.time_to_rate(skills) == said


def test_it_explains_the_time_the_levels_and_rating_today(owner_client, starter):
    html = owner_client.get(URL).content.decode()
    assert "The role has 14 skills. Rating them takes about 15 minutes" in html
    # What a level means comes from the one scale in roles/scale.py, open on this page.
    assert elements(html, "details", class_="level-scale", open="")
    for step in LEVEL_SCALE:
        assert f"{step.level} · {step.name}" in html
        assert step.scope in html
    assert "Rate where you are today, not where you hope to be" in html


def test_it_offers_the_guided_flow_first_and_the_whole_page_second(owner_client, starter):
    html = owner_client.get(URL).content.decode()
    buttons = elements(html, "button", type="submit", name="mode")
    assert [(b.attrs["value"], b.text) for b in buttons] == [
        ("guided", "Start the assessment"),
        ("page", "All skills on one page"),
    ]
    assert buttons[0].has_class("btn-primary")


@pytest.mark.parametrize(("mode", "page"), [("guided", "tasks"), ("", "tasks"), ("page", "edit")])
def test_starting_goes_to_the_task_list_or_the_one_page_form(owner_client, owner, starter, mode, page):
    data = {"token": str(uuid.uuid4())}
    if mode:
        data["mode"] = mode
    response = owner_client.post(URL, data)
    assessment = Assessment.objects.get(user=owner)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/{page}/"
    assert assessment.is_draft


def test_no_mode_at_all_starts_the_guided_flow(owner_client, owner, starter):
    response = owner_client.post(URL, {"token": str(uuid.uuid4())}, follow=True)
    assert texts(response.content.decode(), "h1") == ["Digital Product Manager: rate your skills"]
    assert "Every answer is saved as you go" in response.content.decode()


@pytest.mark.parametrize("mode", ["both", "PAGE", "\x00"])
def test_an_unknown_mode_is_a_bad_request(owner_client, starter, mode):
    response = owner_client.post(URL, {"token": str(uuid.uuid4()), "mode": mode})
    assert response.status_code == 400
    assert Assessment.objects.count() == 0


def test_the_outsider_starts_their_own_not_someone_elses(owner_client, owner, outsider, starter):
    token = str(uuid.uuid4())
    mine = owner_client.post(URL, {"token": token, "mode": "guided"})
    other = Client()
    other.force_login(outsider)
    theirs = other.post(URL, {"token": token, "mode": "guided"})
    assert mine["Location"] != theirs["Location"]
    assert (
        Assessment.objects.filter(user=owner).count() == Assessment.objects.filter(user=outsider).count() == 1
    )
