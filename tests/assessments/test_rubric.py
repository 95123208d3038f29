import pytest

from assessments.rubric import build_snapshot, changes, has_changed, skills
from roles.models import Expectation, Skill, SkillCategory, SkillLevel
from tests.helpers import role
from tests.roles.factories import load_generated

pytestmark = pytest.mark.django_db


def test_it_snapshots_skills_by_category_with_levels_expectations_and_version(starter):
    pm = role("product-manager")
    snap = build_snapshot(pm)
    assert snap["role"] == {
        "slug": "product-manager",
        "name": "Digital Product Manager",
        "track": pm.track.name,
    }
    assert [c["name"] for c in snap["categories"]] == [
        "Execution",
        "Customer & market insight",
        "Strategy",
        "Leadership & influence",
    ]
    planning = skills(snap)[0]
    assert planning["slug"] == "planning-prioritisation"
    assert (planning["expected"], planning["importance"]) == (3, "core")
    assert [lv["level"] for lv in planning["levels"]] == [1, 2, 3, 4, 5]
    assert planning["levels"][2]["name"] == "Plans a whole product"
    assert planning["levels"][0]["growth"].startswith("Learn one prioritisation method")
    assert len(skills(snap)) == 14
    assert snap["version"] >= pm.updated_at.isoformat()
    assert len(snap["hash"]) == 64


def test_the_hash_changes_with_any_rubric_content_and_only_then(starter):
    pm = role("product-manager")
    before = build_snapshot(pm)
    assert not has_changed(before, build_snapshot(pm))
    SkillLevel.objects.filter(skill__slug="user-needs", level=2).update(descriptor="Changed.")
    after_descriptor = build_snapshot(pm)
    assert has_changed(before, after_descriptor)
    Expectation.objects.filter(role=pm, skill__slug="user-needs").update(importance="supporting")
    assert has_changed(after_descriptor, build_snapshot(pm))
    assert has_changed(before, None)


@pytest.mark.parametrize("n_skills", [14, 80])
def test_it_builds_in_two_queries_whatever_the_size(django_assert_num_queries, n_skills):
    load_generated(3, n_skills)
    r = role("gen-role-1")
    # 1. expectations + skills + categories  2. levels of those skills
    with django_assert_num_queries(2):
        snap = build_snapshot(r)
    assert len(skills(snap)) == n_skills


def test_examples_join_the_snapshot_only_when_there_are_some(starter):
    SkillLevel.objects.update(examples=[])  # as on a site from before examples existed
    leader = role("product-leader")
    before = build_snapshot(leader)
    assert all("examples" not in lv for c in before["categories"] for s in c["skills"] for lv in s["levels"])
    level = SkillLevel.objects.get(skill__slug="people-leadership", level=4)
    level.examples = ["A product manager you coached to promotion"]
    level.save()
    after = build_snapshot(leader)
    people = next(s for c in after["categories"] for s in c["skills"] if s["slug"] == "people-leadership")
    assert people["levels"][3]["examples"] == ["A product manager you coached to promotion"]
    assert "examples" not in people["levels"][2]
    assert after["hash"] != before["hash"]
    level.examples = []
    level.save()
    assert build_snapshot(leader)["hash"] == before["hash"]  # no examples: the hash it always had


def test_changes_name_each_change_of_the_roles_own_rubric(starter):
    pm = role("product-manager")
    before = build_snapshot(pm)
    assert changes(before, build_snapshot(pm)) == []
    Expectation.objects.filter(role=pm, skill__slug="product-vision").update(level=4)
    SkillLevel.objects.filter(skill__slug="planning-prioritisation", level=4).update(descriptor="New.")
    SkillLevel.objects.filter(skill__slug="planning-prioritisation", level=5).delete()
    Expectation.objects.filter(role=pm, skill__slug="people-leadership").delete()
    live = build_snapshot(pm)
    assert changes(before, live) == [
        "Planning & prioritisation: level 4 descriptor reworded",
        "Planning & prioritisation: level 5 removed",
        "Product vision: expected level 3 → 4",
        "no longer expected: Leadership & management",
    ]
    assert has_changed(before, live)
    # The other way round: what was removed comes back as added.
    assert "new skill: Leadership & management" in changes(live, before)
    assert "Planning & prioritisation: level 5 added" in changes(live, before)


def test_changes_ignore_what_a_result_does_not_rest_on(starter):
    pm = role("product-manager")
    before = build_snapshot(pm)
    # Another role's expectation, and a skill's description, examples and category name.
    Expectation.objects.filter(role__slug="product-leader", skill__slug="product-vision").update(level=1)
    Skill.objects.filter(slug="user-needs").update(description="Something else.")
    SkillLevel.objects.filter(skill__slug="user-needs", level=2).update(examples=["An example"])
    SkillCategory.objects.filter(skills__slug="user-needs").update(name="Renamed")
    live = build_snapshot(pm)
    assert live["hash"] != before["hash"]  # the cache key still moves on any content edit
    assert changes(before, live) == [] and not has_changed(before, live)


@pytest.mark.parametrize("n_skills", [14, 80])
def test_spotting_changes_costs_no_queries(django_assert_num_queries, n_skills):
    load_generated(3, n_skills)
    r = role("gen-role-1")
    before = build_snapshot(r)
    SkillLevel.objects.filter(skill__expectations__role=r).update(growth="Reworded.")
    live = build_snapshot(r)
    with django_assert_num_queries(0):
        found = changes(before, live)
    assert len(found) == n_skills * 5  # five levels each
