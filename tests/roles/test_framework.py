import io
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from roles import framework
from roles.models import Dimension, Expectation, Role, RoleDimension, Skill, SkillLevel
from tests.roles.factories import generated_framework, starter_data, with_changes

pytestmark = pytest.mark.django_db


def test_it_loads_the_starter_framework_with_the_articles_roles():
    report = framework.load(starter_data())
    assert report.created["roles"] >= 6
    pm = Role.objects.get(slug="product-manager")
    leader = Role.objects.get(slug="product-leader")
    assert pm.name == "Digital Product Manager"
    assert leader.name == "Product Leader"
    assert list(Dimension.objects.values_list("name", flat=True)) == [
        "Focus & Scope",
        "Responsibilities",
        "Skill Set",
        "Scope of Influence",
    ]
    for role in (pm, leader):
        assert role.dimension_texts.count() == 4
        assert role.expectations.count() == Skill.objects.count()
    for skill in Skill.objects.all():
        assert sorted(skill.levels.values_list("level", flat=True)) == [1, 2, 3, 4, 5]
        assert all(len(d) > 40 for d in skill.levels.values_list("descriptor", flat=True))


def test_it_is_idempotent():
    framework.load(starter_data())
    counts = (Role.objects.count(), Expectation.objects.count(), SkillLevel.objects.count())
    report = framework.load(starter_data())
    assert report.created == {} and report.updated == {} and report.deleted == {}
    assert (Role.objects.count(), Expectation.objects.count(), SkillLevel.objects.count()) == counts


def test_it_updates_by_slug_and_reports_what_changed():
    framework.load(starter_data())

    def change(data):
        data["roles"][1]["name"] = "Digital PM"
        data["roles"][1]["expectations"].pop()  # drop one expectation
        data["skills"][0]["levels"][2]["descriptor"] = "A new descriptor for level three."

    report = framework.load(with_changes(starter_data(), change))
    assert report.updated == {"roles": 1, "skill levels": 1}
    assert report.deleted == {"expectations": 1}
    assert Role.objects.get(slug="product-manager").name == "Digital PM"
    assert SkillLevel.objects.get(
        skill__slug=starter_data()["skills"][0]["slug"], level=3
    ).descriptor.startswith("A new")


def test_it_reports_every_problem_with_its_location_and_writes_nothing():
    def break_it(data):
        data["roles"][3]["expectations"][7]["skill"] = "vison"
        data["roles"][0]["expectations"][0]["level"] = 7
        data["skills"][2]["levels"].pop()
        data["roles"][2]["track"] = "nowhere"

    with pytest.raises(framework.FrameworkError) as excinfo:
        framework.load(with_changes(starter_data(), break_it))
    problems = excinfo.value.problems
    assert 'roles[3].expectations[7]: unknown skill "vison"' in problems
    assert "roles[0].expectations[0].level: must be between 1 and 5, got 7" in problems
    assert any(p.startswith("skills[2].levels: must be exactly levels 1, 2, 3, 4, 5") for p in problems)
    assert 'roles[2].track: unknown track "nowhere"' in problems
    assert Role.objects.count() == 0 and Skill.objects.count() == 0


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "the file must contain a JSON object"),
        ({"format": "other"}, 'format: must be "careerpaths-framework"'),
        ({"format": "careerpaths-framework", "version": 1, "tracks": "x"}, "tracks: must be a list"),
    ],
)
def test_it_rejects_malformed_files(data, message):
    assert message in framework.validate(data)


def test_it_rejects_duplicate_slugs_and_bad_slugs():
    def dupe(data):
        data["roles"][1]["slug"] = data["roles"][0]["slug"]
        data["skills"][0]["slug"] = "Not A Slug"

    problems = framework.validate(with_changes(starter_data(), dupe))
    assert any("duplicate slug" in p for p in problems)
    assert any('"Not A Slug" is not a valid slug' in p for p in problems)


def test_it_round_trips_export_import_export():
    framework.load(starter_data())
    first = framework.export()
    assert first == starter_data()  # the starter file is itself a canonical export
    Role.objects.all().delete()
    Skill.objects.all().delete()
    framework.load(json.loads(framework.dumps(first)))
    assert framework.export() == first


def test_it_dry_runs_without_writing():
    report = framework.load(starter_data(), dry_run=True)
    assert report.created["roles"] == len(starter_data()["roles"])
    assert Role.objects.count() == 0


def test_the_command_loads_and_reports(capsys):
    call_command("load_framework")
    assert "created:" in capsys.readouterr().out
    call_command("load_framework")
    out = capsys.readouterr().out
    assert "nothing loaded" in out and "created" not in out


def test_the_command_fails_with_a_clear_message(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_framework", str(bad))
    with pytest.raises(CommandError, match="cannot read"):
        call_command("load_framework", str(tmp_path / "missing.json"))
    assert Role.objects.count() == 0


def test_it_loads_a_large_generated_framework():
    framework.load(generated_framework(20, 30))
    assert Expectation.objects.count() == 600
    assert RoleDimension.objects.count() == 80


def test_generated_frameworks_with_other_prefixes_sit_beside_each_other():
    # The benchmark loads a "bench" framework next to the starter one.
    data = generated_framework(5, 8, prefix="bench", n_categories=6)
    assert framework.validate(data) == []
    framework.load(generated_framework(2, 3))
    framework.load(data)
    assert Role.objects.filter(slug__startswith="bench-role-").count() == 5
    assert Role.objects.filter(slug__startswith="gen-role-").count() == 2


def test_the_import_command_records_the_import_under_a_user(tmp_path, editor):
    path = tmp_path / "framework.json"
    path.write_text(framework.dumps(starter_data()))
    call_command("import_framework", str(path), "--user", "ed", stdout=io.StringIO())
    entry = LogEntry.objects.get()
    assert entry.user == editor and entry.object_repr == f"Framework import: {path}"
    assert f"{len(starter_data()['roles'])} roles" in entry.change_message.split("created: ")[1]
    call_command("import_framework", str(path), "--dry-run", "--user", "ed", stdout=io.StringIO())
    assert LogEntry.objects.count() == 1  # a dry run changes nothing, so records nothing
    with pytest.raises(CommandError, match='No user "nobody"'):
        call_command("import_framework", str(path), "--user", "nobody")
