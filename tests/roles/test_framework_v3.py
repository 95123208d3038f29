"""Format version 3: learning resources per skill.

Export → import round-trips byte-identical, version 1 and 2 files still import and leave
resources alone, problems come with their location, and the starter file's three-way merge
adds new resources without bringing back the ones an editor deleted.
"""

import copy
import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from roles import framework, starter
from roles.models import LearningResource, Skill
from roles.scale import HIGHEST_LEVEL, LOWEST_LEVEL
from tests.roles.factories import starter_data, with_changes
from tests.roles.test_framework_v2 import as_version_1

pytestmark = pytest.mark.django_db


def as_version_2(data):
    data = copy.deepcopy(data)
    data["version"] = 2
    del data["resources"]
    return data


def titles(skill_slug):
    return list(LearningResource.objects.filter(skill__slug=skill_slug).values_list("title", flat=True))


def test_the_starter_file_has_one_to_three_resources_for_every_skill():
    data = starter_data()
    assert data["version"] == framework.VERSION == 3
    for skill in data["skills"]:
        mine = [r for r in data["resources"] if r["skill"] == skill["slug"]]
        assert 1 <= len(mine) <= 3, skill["slug"]
    for resource in data["resources"]:
        assert resource["title"].strip() and resource["author_or_source"].strip()
        assert resource["why"].strip() and "\n" not in resource["why"] and len(resource["why"]) <= 200
        assert LOWEST_LEVEL <= resource["min_level"] <= resource["max_level"] <= HIGHEST_LEVEL
        if resource["kind"] == "practice" and not resource["url"]:
            continue
        parts = urlsplit(resource["url"])
        assert parts.scheme == "https" and parts.netloc, resource["url"]


def test_export_then_import_round_trips_byte_identical():
    text = framework.STARTER_FILE.read_text(encoding="utf-8")
    report = framework.load(framework.parse(text))
    assert report.created["resources"] == len(starter_data()["resources"])
    exported = framework.dumps(framework.export())
    assert exported == text
    LearningResource.objects.all().delete()
    framework.load(framework.parse(exported))
    assert framework.dumps(framework.export()) == text
    again = framework.load(framework.parse(exported))
    assert again.created == {} and again.updated == {} and again.deleted == {}


def test_the_position_within_a_skill_is_the_order_and_edits_round_trip():
    framework.load(starter_data())
    first, second, *_ = LearningResource.objects.filter(skill__slug="user-needs").order_by("order")
    LearningResource.objects.filter(pk=first.pk).update(order=9, url="http://example.org/moved")
    exported = framework.export()
    mine = [r["title"] for r in exported["resources"] if r["skill"] == "user-needs"]
    assert mine[-1] == first.title and mine[0] == second.title
    LearningResource.objects.all().delete()
    framework.load(exported)
    assert framework.export() == exported
    assert LearningResource.objects.get(pk__isnull=False, title=first.title).url == "http://example.org/moved"


@pytest.mark.parametrize("older", [as_version_1, as_version_2])
def test_an_older_file_still_imports_and_leaves_resources_alone(older):
    old = older(starter_data())
    assert framework.validate(old) == []
    framework.load(old)
    assert not LearningResource.objects.exists()
    framework.load(starter_data())
    LearningResource.objects.filter(skill__slug="user-needs", title="The Mom Test").update(why="Edited.")
    report = framework.load(old)
    assert "resources" not in report.updated and "resources" not in report.deleted
    assert LearningResource.objects.get(title="The Mom Test").why == "Edited."
    assert LearningResource.objects.count() == len(starter_data()["resources"])


def test_a_listed_skills_resources_become_exactly_the_files():
    framework.load(starter_data())
    skill = Skill.objects.get(slug="user-needs")
    LearningResource.objects.create(
        skill=skill,
        title="An editor's pick",
        author_or_source="Someone",
        url="https://example.org",
        why="Good.",
    )

    def change(data):
        mine = [r for r in data["resources"] if r["skill"] == "user-needs"]
        mine[0]["why"] = "A new reason."
        data["resources"].remove(mine[1])

    report = framework.load(with_changes(starter_data(), change))
    # The why of one, and the order of the one that moved up; the removed and the editor's go.
    assert report.updated == {"resources": 2} and report.deleted == {"resources": 2}
    assert titles("user-needs") == ["The Mom Test", "Talk to a customer every week"]
    assert LearningResource.objects.get(title="The Mom Test").why == "A new reason."
    assert [r.order for r in skill.resources.order_by("order")] == [0, 1]


def test_it_reports_every_resource_problem_with_its_location_and_writes_nothing():
    def break_it(data):
        resources = data["resources"]
        resources[0]["url"] = "javascript:alert(1)"
        resources[1]["skill"] = "juggling"
        resources[2]["min_level"] = 0
        resources[3]["max_level"] = 6
        resources[4].update(min_level=4, max_level=2)
        resources[5]["kind"] = "video"
        resources[6]["why"] = "two\nlines"
        resources[7]["title"] = resources[8]["title"]
        resources[7]["skill"] = resources[8]["skill"]
        resources[9].update(kind="book", url="")
        resources[10]["url"] = "ftp://example.org/file"
        del resources[11]["author_or_source"]

    with pytest.raises(framework.FrameworkError) as excinfo:
        framework.load(with_changes(starter_data(), break_it))
    problems = excinfo.value.problems
    for expected in (
        'resources[0].url: "javascript:alert(1)" is not an http:// or https:// address',
        'resources[1].skill: unknown skill "juggling"',
        "resources[2].min_level: must be between 1 and 5, got 0",
        "resources[3].max_level: must be between 1 and 5, got 6",
        "resources[4].max_level: must not be below min_level (4), got 2",
        "resources[5].kind: must be",
        "resources[6].why: must be one line",
        "resources[8].title:",
        "resources[9].url: is missing (only a practice may have no address)",
        'resources[10].url: "ftp://example.org/file" is not an http:// or https:// address',
        "resources[11].author_or_source: is missing",
    ):
        assert any(p.startswith(expected) for p in problems), (expected, problems)
    assert not Skill.objects.exists() and not LearningResource.objects.exists()


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_starter_update_adds_new_resources_and_keeps_deletions_and_edits(tmp_path):
    run("load_framework")
    LearningResource.objects.filter(title="The Mom Test").delete()
    LearningResource.objects.filter(title="Radical Candor").update(why="An editor's reason.")

    def newer(data):
        data["resources"].append(
            {
                "skill": "user-needs",
                "title": "A new starter resource",
                "author_or_source": "A publisher",
                "url": "https://example.org/new",
                "kind": "course",
                "why": "New in this file.",
                "min_level": 1,
                "max_level": 2,
            }
        )
        for r in data["resources"]:
            if r["title"] in ("Radical Candor", "Lean Analytics"):
                r["why"] = "The file's new reason."

    path = tmp_path / "newer.json"
    path.write_text(framework.dumps(with_changes(starter_data(), newer)))
    out = run("update_framework", str(path))
    assert "resource user-needs→A new starter resource: new" in out
    assert "resource market-research→Lean Analytics: why changed" in out
    assert "resource people-leadership→Radical Candor: why: edited here and changed in the file" in out
    assert not LearningResource.objects.filter(title="The Mom Test").exists()  # stays deleted
    assert LearningResource.objects.get(title="Radical Candor").why == "An editor's reason."
    assert LearningResource.objects.get(title="Lean Analytics").why == "The file's new reason."
    assert titles("user-needs")[-1] == "A new starter resource"


def test_a_resource_title_holding_the_pair_separator_survives_the_merge():
    framework.load(starter_data())
    LearningResource.objects.filter(title="The Mom Test").update(title="Before → after")
    current = framework.export()
    plan = starter.plan_update(base=starter_data(), current=current, new=starter_data())
    assert plan.merged is not None
    assert "Before → after" in [r["title"] for r in plan.merged["resources"]]
