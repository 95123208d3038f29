"""Format version 2: alternative titles, evidence examples and transition guides.

Version-1 files still import, export → import round-trips byte-identical, and the starter
file's three-way merge (update_framework) diffs the new fields and guides.
"""

import copy
import io

import pytest
from django.core.management import call_command

from roles import framework, starter
from roles.models import GuideReading, Role, SkillLevel, TransitionGuide
from tests.roles.factories import starter_data, with_changes

pytestmark = pytest.mark.django_db

PM_TO_LEADER = ("product-manager", "product-leader")


def as_version_1(data):
    """``data`` as a version-1 file: without the fields and list version 2 added."""
    data = copy.deepcopy(data)
    data["version"] = 1
    for skill in data["skills"]:
        for level in skill["levels"]:
            del level["examples"]
    for role in data["roles"]:
        del role["alternative_titles"]
    del data["guides"]
    del data["resources"]  # version 3
    return data


def guide(pair):
    return TransitionGuide.objects.get(from_role__slug=pair[0], to_role__slug=pair[1])


def test_the_starter_file_has_titles_examples_and_five_guides():
    data = starter_data()
    assert data["version"] == framework.VERSION == 3
    assert all(role["alternative_titles"] for role in data["roles"])
    assert all(1 <= len(level["examples"]) <= 2 for skill in data["skills"] for level in skill["levels"])
    pairs = {(g["from_role"], g["to_role"]) for g in data["guides"]}
    assert pairs == {
        ("product-manager", "product-leader"),
        ("product-manager", "senior-product-manager"),
        ("senior-product-manager", "group-product-manager"),
        ("senior-product-manager", "principal-product-manager"),
        ("product-leader", "director-of-product"),
    }
    featured = [g for g in data["guides"] if g["featured"]]
    assert [(g["from_role"], g["to_role"]) for g in featured] == [PM_TO_LEADER]
    fork = next(g for g in data["guides"] if g["to_role"] == "principal-product-manager")
    assert fork["alternative_role"] == "group-product-manager" and "choose" in fork["how_to_choose"].lower()
    for g in data["guides"]:
        assert g["published"] and g["pitfalls"] and g["evidence"] and g["readings"]
        assert g["first_30_days"] and g["days_31_to_60"] and g["days_61_to_90"]
        assert all(set(r) == {"title", "author"} for r in g["readings"])  # title and author only


def test_export_then_import_round_trips_byte_identical():
    text = framework.STARTER_FILE.read_text(encoding="utf-8")
    framework.load(framework.parse(text))
    exported = framework.dumps(framework.export())
    assert exported == text
    TransitionGuide.objects.all().delete()
    Role.objects.all().delete()
    report = framework.load(framework.parse(exported))
    assert report.created["guides"] == 5 and report.created["guide readings"] == 14
    assert framework.dumps(framework.export()) == text
    again = framework.load(framework.parse(exported))
    assert again.created == {} and again.updated == {} and again.deleted == {}


def test_it_loads_titles_examples_guides_and_their_reading_in_order():
    framework.load(starter_data())
    leader = Role.objects.get(slug="product-leader")
    assert leader.alternative_titles == ["Head of Product", "Product Lead", "Senior Group Product Manager"]
    level = SkillLevel.objects.get(skill__slug="people-leadership", level=4)
    assert level.examples[0] == "A product manager you coached to promotion"
    pm_to_leader = guide(PM_TO_LEADER)
    assert pm_to_leader.featured and pm_to_leader.alternative_role.slug == "principal-product-manager"
    assert [r.title for r in pm_to_leader.readings.all()][0].startswith("Empowered")


def test_a_version_1_file_still_imports_and_leaves_the_new_content_alone():
    v1 = as_version_1(starter_data())
    assert framework.validate(v1) == []
    framework.load(v1)  # into an empty framework: no titles, examples or guides
    assert Role.objects.get(slug="product-leader").alternative_titles == []
    assert not TransitionGuide.objects.exists()
    framework.load(starter_data())
    Role.objects.filter(slug="product-leader").update(alternative_titles=["Edited title"])
    report = framework.load(v1)  # an old file again: what it cannot say is kept
    assert report.updated == {} and report.deleted == {}
    assert Role.objects.get(slug="product-leader").alternative_titles == ["Edited title"]
    assert SkillLevel.objects.get(skill__slug="people-leadership", level=4).examples
    assert TransitionGuide.objects.count() == 5 and GuideReading.objects.count() == 14


def test_a_guides_reading_becomes_exactly_the_files_and_unlisted_guides_stay():
    framework.load(starter_data())
    extra = TransitionGuide.objects.create(
        from_role=Role.objects.get(slug="director-of-product"),
        to_role=Role.objects.get(slug="chief-product-officer"),
        what_changes="An editor's own guide.",
    )

    def change(data):
        first = next(g for g in data["guides"] if (g["from_role"], g["to_role"]) == PM_TO_LEADER)
        first["readings"] = [first["readings"][2], first["readings"][0]]  # reorder, drop one
        first["pitfalls"].append("A new pitfall.")

    report = framework.load(with_changes(starter_data(), change))
    assert report.updated == {"guides": 1, "guide readings": 2}
    assert report.deleted == {"guide readings": 1}
    titles = [r.title for r in guide(PM_TO_LEADER).readings.all()]
    assert titles == ["High Output Management", "Empowered: Ordinary People, Extraordinary Products"]
    assert guide(PM_TO_LEADER).pitfalls[-1] == "A new pitfall."
    assert TransitionGuide.objects.filter(pk=extra.pk).exists()


def test_featuring_another_guide_moves_the_flag_without_breaking_the_constraint():
    framework.load(starter_data())
    extra = TransitionGuide.objects.create(
        from_role=Role.objects.get(slug="director-of-product"),
        to_role=Role.objects.get(slug="chief-product-officer"),
        what_changes="Featured by an editor.",
    )
    TransitionGuide.objects.filter(featured=True).update(featured=False)
    TransitionGuide.objects.filter(pk=extra.pk).update(featured=True)
    # The file features its own guide: the editor's (not in the file) gives way.
    framework.load(starter_data())
    assert list(TransitionGuide.objects.filter(featured=True)) == [guide(PM_TO_LEADER)]

    def swap(data):
        for g in data["guides"]:
            g["featured"] = (g["from_role"], g["to_role"]) == (
                "senior-product-manager",
                "group-product-manager",
            )

    framework.load(with_changes(starter_data(), swap))  # one statement changes both flags
    assert [str(g) for g in TransitionGuide.objects.filter(featured=True)] == [
        "Senior Product Manager → Group Product Manager"
    ]


def test_it_reports_every_guide_problem_with_its_location_and_writes_nothing():
    def break_it(data):
        guides = data["guides"]
        guides[0]["to_role"] = "astronaut"
        guides[1]["to_role"] = guides[1]["from_role"]
        guides[2].update(from_role=guides[3]["from_role"], to_role=guides[3]["to_role"])
        guides[4]["featured"] = True
        guides[4]["readings"].append(dict(guides[4]["readings"][0]))
        guides[4]["alternative_role"] = "nobody"
        data["roles"][0]["alternative_titles"] = "Junior PM"
        data["skills"][0]["levels"][0]["examples"] = ["fine", ""]

    with pytest.raises(framework.FrameworkError) as excinfo:
        framework.load(with_changes(starter_data(), break_it))
    problems = excinfo.value.problems
    for expected in (
        'guides[0].to_role: unknown role "astronaut"',
        "guides[1].to_role: a guide must lead to another role",
        "guides[3]: a guide from",
        "guides[4].featured: only one guide can be featured",
        "guides[4].readings[3].title:",
        'guides[4].alternative_role: unknown role "nobody"',
        "roles[0].alternative_titles: must be a list of texts",
        "skills[0].levels[0].examples[1]:",
    ):
        assert any(p.startswith(expected) for p in problems), (expected, problems)
    assert not Role.objects.exists() and not TransitionGuide.objects.exists()


def test_it_refuses_an_unknown_version():
    problems = framework.validate(with_changes(starter_data(), lambda d: d.update(version=4)))
    assert problems == ["version: must be 1 or 2 or 3, got 4"]


def test_the_starter_update_diffs_titles_examples_and_guides():
    """A site loaded from a version-1 starter file, then updated to this one."""
    old = as_version_1(starter_data())
    call_command("load_framework", stdout=io.StringIO())  # records a baseline…
    framework.load(old)  # …which, for this test, is the old file
    from roles.models import StarterBaseline

    TransitionGuide.objects.all().delete()
    Role.objects.update(alternative_titles=[])
    SkillLevel.objects.update(examples=[])
    StarterBaseline.objects.update(document=old)
    plan = starter.plan_update(base=old, current=framework.export(), new=starter_data())
    assert plan.conflicts == []
    assert "role product-leader: alternative titles changed" in plan.changes
    assert "skill people-leadership: level 4 examples changed" in plan.changes
    assert "guide product-manager→product-leader: new" in plan.changes
    out = io.StringIO()
    call_command("update_framework", "--dry-run", stdout=out)
    assert "guide senior-product-manager→principal-product-manager: new" in out.getvalue()
    call_command("update_framework", stdout=io.StringIO())
    assert framework.dumps(framework.export()) == framework.STARTER_FILE.read_text(encoding="utf-8")


def test_an_edited_guide_is_a_conflict_and_kept():
    call_command("load_framework", stdout=io.StringIO())
    edited = guide(PM_TO_LEADER)
    edited.pitfalls = ["An editor's pitfall."]
    edited.save()

    def newer(data):
        for g in data["guides"]:
            if (g["from_role"], g["to_role"]) == PM_TO_LEADER:
                g["pitfalls"] = ["The file's new pitfall."]
                g["how_to_choose"] = "New words on choosing."

    new = with_changes(starter_data(), newer)
    plan = starter.plan_update(base=starter_data(), current=framework.export(), new=new)
    assert plan.conflicts == [
        "guide product-manager→product-leader: pitfalls: edited here and changed in the file, kept as edited"
    ]
    assert plan.changes == ["guide product-manager→product-leader: how to choose changed"]
    starter.apply_update(plan, source="test")
    assert guide(PM_TO_LEADER).pitfalls == ["An editor's pitfall."]
    assert guide(PM_TO_LEADER).how_to_choose == "New words on choosing."
