import re

import pytest
from django.test import Client

from assessments import services
from assessments.models import EVIDENCE_MAX_LENGTH, Assessment, Rating
from roles.models import SkillLevel
from tests.helpers import elements, form_data, make_assessment, role, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(owner, starter):
    """A blank draft: no ratings yet."""
    return services.start_assessment(user=owner, role=role("product-manager"))


def url(assessment):
    return f"/assessments/{assessment.pk}/edit/"


def test_it_shows_one_fieldset_per_skill_grouped_by_category(owner_client, draft):
    response = owner_client.get(url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<fieldset") == 14
    assert re.search(r"<legend[^>]*>Planning &amp; prioritisation</legend>", html)
    for category in ("Execution", "Customer &amp; market insight", "Strategy", "Leadership &amp; influence"):
        assert f">{category}</h2>" in html
    # Five radios per skill, labelled with number, name and descriptor.
    assert html.count('type="radio" name="level-planning-prioritisation"') == 5
    assert re.search(
        r'<label class="form-check-label" for="id_level-planning-prioritisation_3"><strong>3 · Plans a whole product</strong> — Builds and keeps current the roadmap',
        html,
    )
    assert "Expected for this role:" in html and "Level 3 · Plans a whole product" in html
    assert f'maxlength="{EVIDENCE_MAX_LENGTH}"' in html
    assert f"Up to {EVIDENCE_MAX_LENGTH} characters" in html
    assert 'value="save"' in html and 'value="submit"' in html


def test_a_partial_draft_saves_and_resumes(owner_client, draft):
    data = {
        "action": "save",
        "level-user-needs": "4",
        "evidence-user-needs": "Ran 12 interviews",
        "evidence-market-research": "Note only",
    }
    response = owner_client.post(url(draft), data)
    assert response.status_code == 302 and response["Location"] == url(draft)
    assert set(draft.ratings.values_list("skill_slug", "level", "evidence")) == {
        ("user-needs", 4, "Ran 12 interviews"),
        ("market-research", None, "Note only"),
    }
    html = owner_client.get(url(draft)).content.decode()
    assert elements(html, "input", id="id_level-user-needs_4", value="4", checked="")
    assert texts(html, "textarea", name="evidence-user-needs") == ["Ran 12 interviews"]
    assert "Draft saved" in html
    draft.refresh_from_db()
    assert draft.is_draft


def test_submitting_everything_goes_to_the_result(owner_client, draft):
    response = owner_client.post(url(draft), form_data(draft, action="submit"))
    assert response.status_code == 302 and response["Location"] == f"/assessments/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.is_submitted and draft.readiness == 100
    assert draft.ratings.count() == 14


def test_submitting_with_gaps_shows_an_error_summary_and_keeps_answers(owner_client, draft):
    data = form_data(draft, levels={"user-needs": None, "market-research": None}, action="submit")
    data["evidence-user-needs"] = "My note"
    response = owner_client.post(url(draft), data)
    # An ordinary mistake the form allows: re-shown with 200 (tampering gets 400, below).
    assert response.status_code == 200
    html = response.content.decode()
    assert "There are problems with your answers" in html
    assert texts(html, "a", href="#id_level-user-needs_1")[0].startswith("Understanding user needs")
    assert texts(html, "a", href="#id_level-market-research_1")[0].startswith("Market research & analysis")
    assert html.count("Choose a level: every skill needs one before you submit.") == 4  # summary + inline
    assert elements(html, "input", id="id_level-planning-prioritisation_3", value="3", checked="")
    assert "My note" in texts(html, "textarea")
    assert "<title>Error:" in html
    assert draft.ratings.count() == 0
    draft.refresh_from_db()
    assert draft.is_draft


@pytest.mark.parametrize("bad", ["0", "6", "three", "-1", "99999999999999999999"])
def test_levels_out_of_range_are_refused(owner_client, draft, bad):
    response = owner_client.post(url(draft), form_data(draft, levels={"user-needs": bad}))
    assert response.status_code == 400
    assert "Choose one of the levels 1 to 5." in response.content.decode()
    assert draft.ratings.count() == 0


def test_huge_evidence_is_refused_with_the_limit(owner_client, draft):
    data = form_data(draft)
    data["evidence-user-needs"] = "x" * (EVIDENCE_MAX_LENGTH + 1)
    response = owner_client.post(url(draft), data)
    assert response.status_code == 400
    assert f"Keep the evidence to {EVIDENCE_MAX_LENGTH} characters or fewer" in response.content.decode()
    assert elements(response.content.decode(), "a", href="#id_evidence-user-needs")
    assert draft.ratings.count() == 0


def test_a_request_body_over_the_upload_limit_is_a_bad_request(owner_client, draft):
    data = form_data(draft)
    data["evidence-user-needs"] = "x" * 3_000_000  # beyond DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)
    assert owner_client.post(url(draft), data).status_code == 400
    assert draft.ratings.count() == 0


def test_nul_bytes_are_refused(owner_client, draft):
    data = form_data(draft)
    data["evidence-user-needs"] = "a\x00b"
    assert owner_client.post(url(draft), data).status_code == 400
    assert draft.ratings.count() == 0


def test_tampered_skill_ids_are_refused_and_nothing_is_saved(owner_client, draft):
    data = form_data(draft, action="submit")
    data["level-people-management-9000"] = "3"
    response = owner_client.post(url(draft), data)
    assert response.status_code == 400
    assert "not part of this assessment, so nothing was saved" in response.content.decode()
    assert draft.ratings.count() == 0
    draft.refresh_from_db()
    assert draft.is_draft


def test_an_unknown_action_only_saves_the_draft(owner_client, draft):
    response = owner_client.post(url(draft), form_data(draft, action="publish-everything"))
    assert response.status_code == 302 and response["Location"] == url(draft)
    draft.refresh_from_db()
    assert draft.is_draft and draft.ratings.count() == 14


def test_a_submitted_assessment_cannot_be_edited(owner_client, owner, starter):
    done = make_assessment(owner)
    response = owner_client.get(url(done), follow=True)
    assert response.redirect_chain == [(f"/assessments/{done.pk}/", 302)]
    assert "can no longer change" in response.content.decode()
    response = owner_client.post(url(done), form_data(done, default=1, action="submit"))
    assert response.status_code == 302 and response["Location"] == f"/assessments/{done.pk}/"
    assert set(done.ratings.values_list("level", flat=True)) == {3}


def test_a_double_clicked_submit_creates_one_record(owner_client, draft):
    data = form_data(draft, action="submit")
    first = owner_client.post(url(draft), data)
    second = owner_client.post(url(draft), data)
    assert first["Location"] == second["Location"] == f"/assessments/{draft.pk}/"
    assert Assessment.objects.count() == 1
    assert Rating.objects.count() == 14


def test_others_get_not_found_by_url_and_by_post(outsider_client, draft):
    assert outsider_client.get(url(draft)).status_code == 404
    response = outsider_client.post(url(draft), form_data(draft, action="submit"))
    assert response.status_code == 404
    assert draft.ratings.count() == 0


def test_unknown_and_malformed_ids_are_not_found(owner_client, starter):
    assert owner_client.get("/assessments/00000000-0000-0000-0000-000000000000/edit/").status_code == 404
    assert owner_client.get("/assessments/not-a-uuid/edit/").status_code == 404


def test_a_visitor_cannot_see_or_change_someone_elses_draft(client, draft):
    for response in (client.get(url(draft)), client.post(url(draft), form_data(draft))):
        assert response.status_code == 404
    assert draft.ratings.count() == 0


def test_csrf_is_enforced(owner, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(url(draft), form_data(draft, action="submit")).status_code == 403
    assert draft.ratings.count() == 0


def test_the_form_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    draft = make_assessment(owner, sized["slug"], submit=False)
    # 1. session  2. user  3. the assessment  4. its ratings
    with django_assert_num_queries(4):
        response = owner_client.get(url(draft))
    assert response.status_code == 200


def test_submitting_runs_a_constant_number_of_queries(owner_client, owner, sized, django_assert_num_queries):
    draft = make_assessment(owner, sized["slug"], submit=False, default=2)
    # 1. session  2. user  3. the assessment (its ratings are not read: they are replaced)
    # 4. SAVEPOINT  5. lock the assessment row (SELECT … FOR UPDATE)  6. delete dropped ratings
    # 7. upsert all ratings in one INSERT … ON CONFLICT  8. update the assessment  9. RELEASE
    with django_assert_num_queries(9):
        response = owner_client.post(url(draft), form_data(draft, default=4, action="submit"))
    assert response.status_code == 302
    assert set(draft.ratings.values_list("level", flat=True)) == {4}


def test_it_explains_the_levels_and_hints_at_evidence(owner_client, owner, starter):
    SkillLevel.objects.filter(skill__slug="planning-prioritisation", level=2).update(examples=[])
    level = SkillLevel.objects.get(skill__slug="planning-prioritisation", level=3)
    level.examples = ["An outcome roadmap with a change log", "A written no to a stakeholder"]
    level.save()
    draft = services.start_assessment(user=owner, role=role("product-manager"))
    html = owner_client.get(url(draft)).content.decode()
    assert "What the levels mean" in html and "3 · Whole product" in html
    hint = "examples-level-planning-prioritisation-3"
    assert re.search(
        rf'id="id_level-planning-prioritisation_3" value="3"[^>]*aria-describedby="{hint}"', html
    )
    assert (
        f'<div class="examples small mt-1" id="{hint}"><span class="fw-semibold">For example:</span>'
        '<ul class="mb-0"><li>An outcome roadmap with a change log</li><li>A written no to a stakeholder</li></ul>'
    ) in html
    assert 'aria-describedby="examples-level-planning-prioritisation-2"' not in html  # no examples there


def test_a_draft_from_before_examples_existed_still_renders(owner_client, draft):
    # A snapshot taken before levels had examples has no "examples" keys at all.
    for category in draft.rubric["categories"]:
        for skill in category["skills"]:
            for level in skill["levels"]:
                level.pop("examples", None)
    draft.save()
    SkillLevel.objects.filter(skill__slug="planning-prioritisation").update(examples=["Added later"])
    response = owner_client.get(url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert "For example:" not in html and 'aria-describedby="examples-' not in html
    assert "Added later" not in html  # the draft keeps its own rubric
