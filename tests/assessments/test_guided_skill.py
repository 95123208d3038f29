"""One skill a page: /assessments/<id>/skills/<skill>/ (the guided flow)."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client

from assessments import services
from assessments.models import EVIDENCE_MAX_LENGTH, Assessment, Rating
from tests.helpers import elements, make_assessment, role, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(owner, starter):
    return services.start_assessment(user=owner, role=role("product-manager"))


def url(assessment, skill="product-vision", query=""):
    return f"/assessments/{assessment.pk}/skills/{skill}/{query}"


def saved(assessment):
    return {r.skill_slug: (r.level, r.evidence) for r in Rating.objects.filter(assessment=assessment)}


def test_it_shows_the_skill_its_levels_and_the_note(owner_client, draft):
    response = owner_client.get(url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    fieldset = elements(html, "fieldset", id="skill-product-vision")[0]
    assert texts(html, "legend") == ["Product vision"]  # the legend is the page's heading
    assert texts(html, "h1") == ["Product vision"]
    assert "skill-hint" in fieldset.attrs["aria-describedby"]
    assert draft.skills()[8]["description"] in html
    # Expected level 3 and the ones either side open; 1 and 5 behind "Show all levels".
    radios = [e.attrs["value"] for e in elements(html, "input", type="radio", name="level")]
    assert radios == ["2", "3", "4", "1", "5"]
    details = elements(html, "details", class_="more-levels")[0]
    assert "open" not in details.attrs
    assert texts(html, "summary")[-1].startswith("Show all levels")
    assert "Level 1 ·" not in details.text and "1 · " in details.text and "5 · " in details.text
    # Evidence examples of each level, tied to its radio.
    radio = elements(html, "input", id="id_level_3")[0]
    assert texts(html, "div", id=radio.attrs["aria-describedby"])[0].startswith("For example:")
    assert elements(html, "textarea", name="evidence", maxlength=str(EVIDENCE_MAX_LENGTH))
    assert texts(html, "label", **{"for": "id_evidence"}) == ["Evidence for Product vision (optional)"]
    assert texts(html, "button", type="submit")[-1] == "Continue"
    assert texts(html, "p", class_="guided-progress") == ["0 of 14 rated"]
    assert "skill 9 of 14" in html
    assert texts(html, "a", class_="back-link") == ["Back"]
    assert elements(html, "a", class_="back-link", href=url(draft, "strategic-thinking"))


def test_the_first_skill_goes_back_to_the_task_list(owner_client, draft):
    html = owner_client.get(url(draft, "planning-prioritisation")).content.decode()
    assert elements(html, "a", class_="back-link", href=f"/assessments/{draft.pk}/tasks/")


def test_a_saved_answer_in_the_folded_levels_opens_them(owner_client, draft):
    services.save_ratings(assessment=draft, ratings={"product-vision": (5, "Set the vision")}, submit=False)
    html = owner_client.get(url(draft)).content.decode()
    assert "open" in elements(html, "details", class_="more-levels")[0].attrs
    assert elements(html, "input", id="id_level_5", checked="")
    assert texts(html, "textarea", name="evidence") == ["Set the vision"]
    assert texts(html, "p", class_="guided-progress") == ["1 of 14 rated"]


def test_continue_saves_keeps_the_other_ratings_and_goes_to_the_next_unrated(owner_client, draft):
    services.save_ratings(
        assessment=draft, ratings={"user-needs": (4, "Interviews"), "business-acumen": (2, "")}, submit=False
    )
    response = owner_client.post(url(draft), {"level": "3", "evidence": "Wrote the vision"})
    # business-acumen (next after product vision) is rated already: it is skipped.
    assert response.status_code == 302 and response["Location"] == url(draft, "decision-making")
    assert saved(draft) == {
        "user-needs": (4, "Interviews"),
        "business-acumen": (2, ""),
        "product-vision": (3, "Wrote the vision"),
    }
    draft.refresh_from_db()
    assert draft.is_draft


def test_after_the_last_skill_it_wraps_round_then_goes_to_check(owner_client, owner, starter):
    draft = make_assessment(owner, submit=False, levels={"planning-prioritisation": None})
    response = owner_client.post(url(draft, "people-leadership"), {"level": "2"})
    assert response["Location"] == url(draft, "planning-prioritisation")
    response = owner_client.post(url(draft, "planning-prioritisation"), {"level": "2"})
    assert response["Location"] == f"/assessments/{draft.pk}/check/"


def test_changing_from_check_your_answers_goes_back_there(owner_client, draft):
    html = owner_client.get(url(draft, query="?return=check")).content.decode()
    assert elements(html, "a", class_="back-link", href=f"/assessments/{draft.pk}/check/")
    assert elements(html, "form", action=url(draft, query="?return=check"))
    response = owner_client.post(url(draft, query="?return=check"), {"level": "4"})
    assert response["Location"] == f"/assessments/{draft.pk}/check/"
    # Any other value is ignored: the ordinary next step.
    response = owner_client.post(url(draft, query="?return=https://evil.example/"), {"level": "4"})
    assert response["Location"] == url(draft, "business-acumen")


def test_continuing_without_a_level_names_the_skill_and_saves_nothing(owner_client, draft):
    response = owner_client.post(url(draft), {"evidence": "A note"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Product vision" in html
    summary = elements(html, "div", id="error-summary")[0]
    assert "autofocus" in summary.attrs and summary.attrs["tabindex"] == "-1"
    assert texts(html, "a", href="#skill-product-vision") == ["Choose a level for Product vision"]
    assert texts(html, "p", id="level-error") == ["Error: Choose a level for Product vision"]
    fieldset = elements(html, "fieldset", id="skill-product-vision")[0]
    assert fieldset.has_class("has-error") and "level-error" in fieldset.attrs["aria-describedby"]
    assert not elements(html, "input", class_="is-invalid")  # the option texts stay as they were
    assert texts(html, "textarea", name="evidence") == ["A note"]
    assert saved(draft) == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"level": "6"}, "Choose one of the levels 1 to 5 for Product vision"),
        ({"level": "three"}, "Choose one of the levels 1 to 5 for Product vision"),
        ({"level": "3", "evidence": "x" * (EVIDENCE_MAX_LENGTH + 1)}, "Keep the evidence for Product vision"),
        (
            {"level": "3", "evidence": "a\x00b"},
            "Remove the null characters from the evidence for Product vision",
        ),
    ],
)
def test_bad_answers_are_refused_with_a_specific_message(owner_client, draft, data, message):
    response = owner_client.post(url(draft), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert saved(draft) == {}


def test_a_chosen_level_in_the_folded_part_stays_open_on_an_error(owner_client, draft):
    html = owner_client.post(url(draft), {"level": "1", "evidence": "x" * 2000}).content.decode()
    assert "open" in elements(html, "details", class_="more-levels")[0].attrs
    assert elements(html, "input", id="id_level_1", checked="")
    assert texts(html, "a", href="#id_evidence")[0].startswith("Keep the evidence for Product vision")


def test_an_unknown_skill_is_not_found(owner_client, draft):
    assert owner_client.get(url(draft, "people-management-9000")).status_code == 404
    assert owner_client.post(url(draft, "people-management-9000"), {"level": "3"}).status_code == 404
    assert saved(draft) == {}


def test_someone_elses_assessment_is_not_found_and_not_changed(client, outsider, draft):
    client.force_login(outsider)
    for pk in (draft.pk, uuid.uuid4()):
        assert client.get(f"/assessments/{pk}/skills/product-vision/").status_code == 404
        assert client.post(f"/assessments/{pk}/skills/product-vision/", {"level": "3"}).status_code == 404
    assert saved(draft) == {}
    assert Client().get(url(draft)).status_code == 404  # signed out: not the visitor's either


def test_a_submitted_assessment_goes_to_its_result_and_does_not_change(owner_client, owner, starter):
    done = make_assessment(owner)
    response = owner_client.get(url(done), follow=True)
    assert response.redirect_chain == [(f"/assessments/{done.pk}/", 302)]
    response = owner_client.post(url(done), {"level": "1"})
    assert response.status_code == 302 and response["Location"] == f"/assessments/{done.pk}/"
    assert set(done.ratings.values_list("level", flat=True)) == {3}


def test_the_page_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    draft = make_assessment(owner, sized["slug"], submit=False, default=2)
    slug = draft.skills()[-1]["slug"]
    # 1. session  2. user  3. the assessment  4. its ratings
    with django_assert_num_queries(4):
        assert owner_client.get(url(draft, slug)).status_code == 200


def test_continue_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    draft = make_assessment(owner, sized["slug"], submit=False, default=2)
    slug = draft.skills()[-1]["slug"]
    # 1. session  2. user  3. the assessment  4. its ratings  5. SAVEPOINT  6. lock the
    # assessment row  7. read the saved ratings under the lock  8. delete dropped ratings
    # 9. upsert the ratings  10. update the assessment  11. RELEASE
    with django_assert_num_queries(11):
        response = owner_client.post(url(draft, slug), {"level": "4"})
    assert response.status_code == 302
    assert draft.ratings.get(skill_slug=slug).level == 4
    assert draft.ratings.filter(level=2).count() == len(draft.skills()) - 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_continues_both_land(django_user_model):
    from tests.roles.factories import load_starter

    load_starter()
    user = django_user_model.objects.create_user("racer", "r@example.com", "a-long-Passw0rd!")
    draft = services.start_assessment(user=user, role=role("product-manager"))
    # Two tabs: different skills at once, and the same skill double-clicked.
    posts = [("product-vision", "3"), ("user-needs", "4"), ("user-needs", "4"), ("business-acumen", "2")]
    barrier = threading.Barrier(len(posts))
    statuses = [None] * len(posts)

    def run(i):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            skill, level = posts[i]
            statuses[i] = client.post(url(draft, skill), {"level": level}).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(posts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [302] * len(posts)
    assert saved(draft) == {"product-vision": (3, ""), "user-needs": (4, ""), "business-acumen": (2, "")}
    assert Assessment.objects.get().is_draft


def test_it_is_private_and_not_stored(owner_client, draft):
    response = owner_client.get(url(draft))
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_a_snapshot_without_examples_still_shows(owner_client, draft):
    # Snapshots taken before levels had evidence examples have no "examples" key at all.
    for category in draft.rubric["categories"]:
        for skill in category["skills"]:
            for level in skill["levels"]:
                level.pop("examples", None)
    draft.save(update_fields=["rubric"])
    response = owner_client.get(url(draft))
    assert response.status_code == 200
    assert "For example:" not in response.content.decode()
    assert elements(response.content.decode(), "input", id="id_level_3", type="radio")
