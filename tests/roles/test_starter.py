"""Editors' work survives every start path; updating to a newer starter file is explicit."""

import io
import json
import os
import re
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection

from roles import framework, starter
from roles.models import Expectation, Role, RoleDimension, SkillLevel, StarterBaseline
from tests.helpers import BASE_DIR, database_url
from tests.roles.factories import generated_framework, starter_data, with_changes

pytestmark = pytest.mark.django_db


def run(*args, **kwargs):
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def edit_everything():
    """An editor's changes of each kind, plus a deleted role; returns what to look for."""
    leader = Role.objects.get(slug="product-leader")
    leader.summary = "Edited by an editor."
    leader.save()
    text = RoleDimension.objects.filter(role__slug="product-manager").first()
    text.text = "Edited dimension text."
    text.save()
    level = SkillLevel.objects.order_by("pk").first()
    level.descriptor = "Edited descriptor."
    level.save()
    expectation = Expectation.objects.filter(role__slug="product-manager").order_by("pk").first()
    expectation.level = 1 if expectation.level != 1 else 2
    expectation.save()
    Role.objects.get(slug="associate-product-manager").delete()
    return text.pk, level.pk, expectation.pk, expectation.level


def assert_edits_survived(text_pk, level_pk, expectation_pk, expected_level):
    assert Role.objects.get(slug="product-leader").summary == "Edited by an editor."
    assert RoleDimension.objects.get(pk=text_pk).text == "Edited dimension text."
    assert SkillLevel.objects.get(pk=level_pk).descriptor == "Edited descriptor."
    assert Expectation.objects.get(pk=expectation_pk).level == expected_level
    assert not Role.objects.filter(slug="associate-product-manager").exists()


def test_it_loads_the_starter_only_into_an_empty_framework():
    out = run("load_framework")
    assert out.startswith("Starter framework loaded: created:")
    assert StarterBaseline.objects.count() == 1
    edits = edit_everything()
    out = run("load_framework")
    assert out.count("\n") == 1 and "already has content: nothing loaded" in out
    assert_edits_survived(*edits)
    assert StarterBaseline.objects.count() == 1


def test_a_framework_with_only_a_skill_counts_as_not_empty():
    framework.load(generated_framework(0, 1))
    assert "nothing loaded" in run("load_framework")
    assert not Role.objects.exists()


def db_touching_steps(target):
    dry = subprocess.run(["make", "-n", target], cwd=BASE_DIR, capture_output=True, text=True, check=True)
    return [line for line in dry.stdout.splitlines() if "manage.py migrate" in line or "_framework" in line]


@pytest.mark.django_db(transaction=True)
def test_every_start_path_keeps_editors_changes():
    run("load_framework")
    edits = edit_everything()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "PATH": f"{BASE_DIR / '.venv' / 'bin'}:{os.environ['PATH']}",
    }
    # make run and make serve reach the database only through the `starter` steps.
    assert db_touching_steps("run") == db_touching_steps("serve") == db_touching_steps("starter")
    assert any("load_framework" in step for step in db_touching_steps("starter"))
    done = subprocess.run(["make", "starter"], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nothing loaded" in done.stdout
    assert_edits_survived(*edits)

    # The compose `migrate` service's command, exactly as written in docker-compose.yml.
    compose = (BASE_DIR / "docker-compose.yml").read_text()
    command = json.loads(re.search(r"migrate:.*?command: (\[.*?\])\n", compose, re.S).group(1))
    assert "load_framework" in command[-1]
    done = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_edits_survived(*edits)


def newer_starter(data):
    leader = next(r for r in data["roles"] if r["slug"] == "product-leader")
    leader["summary"] = "A newer summary from the file."
    pm = next(r for r in data["roles"] if r["slug"] == "product-manager")
    pm["name"] = "Digital PM (newer file)"
    data["skills"][0]["levels"][3]["descriptor"] = "A newer level 4 descriptor."
    data["skills"][1]["levels"][0]["growth"] = "A newer growth text."


def test_update_dry_run_lists_field_level_changes_and_writes_nothing(tmp_path):
    run("load_framework")
    path = tmp_path / "newer.json"
    path.write_text(framework.dumps(with_changes(starter_data(), newer_starter)))
    before = framework.export()
    out = run("update_framework", str(path), "--dry-run")
    skill0, skill1 = starter_data()["skills"][0]["slug"], starter_data()["skills"][1]["slug"]
    assert "change: role product-leader: summary changed" in out
    assert "change: role product-manager: name changed" in out
    assert f"change: skill {skill0}: level 4 descriptor changed" in out
    assert f"change: skill {skill1}: level 1 growth changed" in out
    assert "Dry run, nothing written: 4 change(s), 0 conflict(s)" in out
    assert framework.export() == before


def test_update_keeps_conflicting_edits_and_applies_the_rest_all_or_nothing(tmp_path):
    run("load_framework")
    edits = edit_everything()
    path = tmp_path / "newer.json"
    path.write_text(framework.dumps(with_changes(starter_data(), newer_starter)))
    out = run("update_framework", str(path))
    assert "conflict: role product-leader: summary: edited here and changed in the file" in out
    assert "Applied: 3 change(s), 1 conflict(s) kept as edited" in out
    assert_edits_survived(*edits)
    assert Role.objects.get(slug="product-manager").name == "Digital PM (newer file)"
    assert StarterBaseline.objects.count() == 2
    # Running it again finds nothing new: the file is the new baseline.
    assert "Nothing to apply: 0 change(s), 0 conflict(s)" in run("update_framework", str(path))
    assert Role.objects.get(slug="product-leader").summary == "Edited by an editor."


def test_a_record_deleted_here_and_changed_in_the_file_is_a_conflict(tmp_path):
    run("load_framework")
    Role.objects.get(slug="associate-product-manager").delete()

    def change_apm(data):
        next(r for r in data["roles"] if r["slug"] == "associate-product-manager")["summary"] = "New."

    new = with_changes(starter_data(), change_apm)
    plan = starter.plan_update(base=starter.baseline(), current=framework.export(), new=new)
    assert plan.conflicts == [
        "role associate-product-manager: deleted here, kept deleted (the file still has it)"
    ]
    assert plan.changes == []


def test_update_with_force_overwrites_edits_and_recreates_deleted_records(tmp_path):
    run("load_framework")
    edit_everything()
    path = tmp_path / "newer.json"
    path.write_text(framework.dumps(with_changes(starter_data(), newer_starter)))
    out = run("update_framework", str(path), "--force")
    assert "overwrites an edit made here" in out
    assert Role.objects.get(slug="product-leader").summary == "A newer summary from the file."
    assert Role.objects.filter(slug="associate-product-manager").exists()


def test_update_writes_nothing_when_the_merged_framework_is_invalid(tmp_path):
    run("load_framework")
    Role.objects.get(slug="product-manager").delete()

    def new_role_pointing_at_deleted_one(data):
        data["roles"].append({**data["roles"][0], "slug": "new-role", "next_roles": ["product-manager"]})
        next(r for r in data["roles"] if r["slug"] == "product-leader")["summary"] = "Newer."

    path = tmp_path / "newer.json"
    path.write_text(framework.dumps(with_changes(starter_data(), new_role_pointing_at_deleted_one)))
    before = framework.export()
    with pytest.raises(Exception, match="unknown role"):
        run("update_framework", str(path))
    assert framework.export() == before
    assert StarterBaseline.objects.count() == 1


def test_without_a_baseline_every_difference_is_a_conflict():
    framework.load(starter_data())  # loaded before baselines existed
    new = with_changes(starter_data(), newer_starter)
    plan = starter.plan_update(base=None, current=framework.export(), new=new)
    assert plan.changes == [] and len(plan.conflicts) == 4


def test_flatten_round_trips_the_starter_file():
    data = starter_data()
    assert data["guides"]  # guides, keyed by their two roles, go through the merge too
    order = [(kind, starter.identity(kind, item)) for kind in starter.KINDS for item in data[kind]]
    rebuilt = starter.unflatten(starter.flatten(data), order)
    assert starter.flatten(rebuilt) == starter.flatten(data)


def test_the_update_command_reports_a_broken_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(Exception, match="was not applied"):
        run("update_framework", str(bad))
    assert not Role.objects.exists()
