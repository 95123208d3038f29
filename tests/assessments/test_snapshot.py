"""Records stay true: editing or deleting the live rubric never changes a past result."""

import pytest

from roles.models import Expectation, Role, Skill, SkillLevel
from tests.helpers import make_assessment

pytestmark = pytest.mark.django_db


def result_body(client, assessment):
    """The scored part of the result page: the headline and the biggest gaps (before the
    live next-role block and the re-score form), and the lists, chart and table."""
    response = client.get(f"/assessments/{assessment.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    headline = html[html.index('class="result-headline') : html.index('id="what-next-title"')]
    steps = html[html.index('id="what-next-title"') : html.index('id="ready-for-title"')]
    steps = steps[steps.index("</div>") :] if 'class="card card-body mb-3 next-role' in steps else steps
    lists = html[html.index('class="row g-4 mb-4 result-lists"') : html.index('id="result-actions-title"')]
    return html, headline + steps + lists


def edit_descriptor():
    SkillLevel.objects.filter(skill__slug="planning-prioritisation", level=3).update(
        name="Renamed level", descriptor="A completely new descriptor."
    )


def edit_expectation():
    Expectation.objects.filter(role__slug="product-manager", skill__slug="user-needs").update(level=5)


def rename_skill():
    skill = Skill.objects.get(slug="market-research")
    skill.name = "Market sensing"
    skill.save()


def delete_skill():
    Skill.objects.get(slug="people-leadership").delete()


def delete_expectation():
    Expectation.objects.filter(role__slug="product-manager", skill__slug="market-research").delete()


def delete_level():
    # Admin forms insist on five levels; the database alone does not stop this.
    SkillLevel.objects.filter(skill__slug="planning-prioritisation", level=3).delete()


def add_examples():
    level = SkillLevel.objects.get(skill__slug="planning-prioritisation", level=3)
    level.examples = ["An outcome roadmap with a change log"]
    level.save()


CHANGES = [
    edit_descriptor,
    edit_expectation,
    rename_skill,
    delete_skill,
    delete_expectation,
    delete_level,
    add_examples,
]


@pytest.mark.parametrize("change", CHANGES)
def test_an_old_result_is_unchanged_after_rubric_edits(owner_client, owner, starter, change):
    # Evidence examples are not part of a result, so adding some raises no notice.
    changed = "The live rubric for this role has changed since you took this assessment."
    done = make_assessment(
        owner, levels={"planning-prioritisation": 3, "user-needs": 3, "people-leadership": 1}
    )
    html, before = result_body(owner_client, done)
    assert "has changed since" not in html
    assert "Plans a whole product" in before and "Market research &amp; analysis" in before
    change()
    html, after = result_body(owner_client, done)
    assert after == before
    assert (changed in html) is (change is not add_examples)
    # Stored scores and exports are unaffected too.
    done.refresh_from_db()
    assert (done.readiness, done.weighted_score) == (100, 98)


@pytest.mark.parametrize("change", CHANGES)
def test_every_page_about_old_assessments_still_answers_after_rubric_edits(
    owner_client, owner, starter, change
):
    first = make_assessment(owner, levels={"planning-prioritisation": 2})
    second = make_assessment(owner, levels={"planning-prioritisation": 3})
    change()
    for url in [
        "/assessments/",
        f"/assessments/{first.pk}/",
        f"/assessments/{first.pk}/?for=product-leader",
        "/assessments/progress/",
        f"/assessments/compare/?a={first.pk}&b={second.pk}",
        "/assessments/export.csv",
        "/assessments/export.json",
        f"/assessments/{first.pk}/export.json",
        f"/assessments/new/product-manager/?from={second.pk}",
        "/roles/product-manager/",
        "/compare/?roles=product-manager&roles=product-leader",
    ]:
        assert owner_client.get(url).status_code == 200, url


def test_an_old_result_survives_its_role_being_deleted(owner_client, owner, starter):
    done = make_assessment(owner)
    html, before = result_body(owner_client, done)
    Role.objects.get(slug="product-manager").delete()
    html, after = result_body(owner_client, done)
    assert after == before
    assert "This role no longer exists in the framework." in html
    assert "Re-assess (prefilled)" not in html
    done.refresh_from_db()
    assert done.role is None and done.role_name == "Digital Product Manager"
    assert owner_client.get("/assessments/").content.decode().count("Digital Product Manager") >= 1
    assert owner_client.get("/assessments/export.json").status_code == 200


def test_a_draft_keeps_its_snapshot_form_after_a_skill_is_deleted(owner_client, owner, starter):
    draft = make_assessment(owner, submit=False)
    Skill.objects.get(slug="people-leadership").delete()
    html = owner_client.get(f"/assessments/{draft.pk}/edit/").content.decode()
    assert html.count("<fieldset") == 14
    assert "Leadership &amp; management" in html
