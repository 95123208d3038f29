import io
import json
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from roles import framework
from roles.models import Expectation, Role, Skill, SkillLevel
from tests.roles.factories import load_starter, starter_data, with_changes

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter()


@pytest.mark.parametrize("who", ["superuser", "editor"])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/roles/role/",
        "/admin/roles/role/?q=product&track__id__exact=1&published__exact=1",
        "/admin/roles/role/add/",
        "/admin/roles/skill/",
        "/admin/roles/skill/add/",
        "/admin/roles/dimension/",
        "/admin/roles/track/",
        "/admin/roles/skillcategory/",
        "/admin/roles/role/framework/import/",
    ],
)
def test_it_renders_admin_pages(client, starter, request, who, url):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 200


def test_it_renders_role_and_skill_change_pages_with_inlines(client, starter, editor):
    client.force_login(editor)
    role = Role.objects.get(slug="product-leader")
    html = client.get(f"/admin/roles/role/{role.pk}/change/").content.decode()
    assert "Dimension texts" in html and "Expectations" in html
    assert "View on site" in html
    skill = Skill.objects.first()
    html = client.get(f"/admin/roles/skill/{skill.pk}/change/").content.decode()
    assert "Skill levels" in html


def test_the_rubric_editor_is_blocked_from_users_and_groups(client, starter, editor):
    client.force_login(editor)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


def test_the_rubric_editors_group_covers_only_the_roles_app():
    group = Group.objects.get(name="Rubric editors")
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"roles"}
    assert group.permissions.filter(codename="change_skilllevel").exists()


def _skill_post(skill, levels):
    data = {
        "name": skill.name,
        "slug": skill.slug,
        "category": skill.category_id,
        "description": skill.description,
        "order": skill.order,
        "levels-TOTAL_FORMS": str(len(levels)),
        "levels-INITIAL_FORMS": str(skill.levels.count()),
        "levels-MIN_NUM_FORMS": "5",
        "levels-MAX_NUM_FORMS": "5",
        # The learning resources inline, untouched (forms not posted are left as they are).
        "resources-TOTAL_FORMS": "0",
        "resources-INITIAL_FORMS": "0",
    }
    existing = list(skill.levels.order_by("level"))
    for i, (level, descriptor) in enumerate(levels):
        if i < len(existing):
            data[f"levels-{i}-id"] = existing[i].pk
        data[f"levels-{i}-skill"] = skill.pk
        data[f"levels-{i}-level"] = level
        data[f"levels-{i}-name"] = f"Level {level}"
        data[f"levels-{i}-descriptor"] = descriptor
        data[f"levels-{i}-growth"] = ""
        data[f"levels-{i}-examples"] = ""
    return data


def test_it_rejects_duplicate_or_missing_levels_in_admin(client, starter, editor):
    client.force_login(editor)
    skill = Skill.objects.get(slug="strategic-thinking")
    url = f"/admin/roles/skill/{skill.pk}/change/"
    dupes = _skill_post(skill, [(1, "a"), (2, "b"), (3, "c"), (3, "d"), (5, "e")])
    response = client.post(url, dupes)
    assert response.status_code == 200
    html = response.content.decode()
    assert "already exists" in html or "Each level may appear once" in html
    missing = _skill_post(skill, [(1, "a"), (2, "b"), (3, "c"), (4, "d")])
    missing["levels-TOTAL_FORMS"] = "4"
    assert client.post(url, missing).status_code == 200
    blank = _skill_post(skill, [(1, "a"), (2, "b"), (3, "c"), (4, " "), (5, "e")])
    assert client.post(url, blank).status_code == 200
    assert SkillLevel.objects.get(skill=skill, level=1).descriptor != "a"  # nothing saved
    ok = _skill_post(skill, [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")])
    assert client.post(url, ok).status_code == 302
    assert SkillLevel.objects.get(skill=skill, level=4).descriptor == "d"


def test_it_publishes_unpublishes_and_duplicates(client, starter, editor):
    client.force_login(editor)
    pm = Role.objects.get(slug="product-manager")
    client.post("/admin/roles/role/", {"action": "unpublish", "_selected_action": [pm.pk]})
    assert not Role.objects.get(pk=pm.pk).published
    client.post("/admin/roles/role/", {"action": "publish", "_selected_action": [pm.pk]})
    assert Role.objects.get(pk=pm.pk).published
    client.post("/admin/roles/role/", {"action": "duplicate", "_selected_action": [pm.pk]})
    copy = Role.objects.get(slug="copy-of-product-manager")
    assert copy.name == "Copy of Digital Product Manager"
    assert not copy.published
    assert copy.expectations.count() == pm.expectations.count()
    assert copy.dimension_texts.count() == 4
    assert copy.alternative_titles == pm.alternative_titles != []
    assert set(copy.next_roles.all()) == set(pm.next_roles.all())
    client.post("/admin/roles/role/", {"action": "duplicate", "_selected_action": [pm.pk]})
    assert Role.objects.filter(slug="copy-of-product-manager-2").exists()


def test_it_records_who_changed_what(client, starter, editor):
    client.force_login(editor)
    skill = Skill.objects.get(slug="strategic-thinking")
    ok = _skill_post(skill, [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "e")])
    client.post(f"/admin/roles/skill/{skill.pk}/change/", ok)
    entry = LogEntry.objects.get(object_id=str(skill.pk), content_type__model="skill")
    assert entry.user == editor
    history = client.get(f"/admin/roles/skill/{skill.pk}/history/").content.decode()
    assert "ed" in history


def test_the_admin_downloads_the_framework(client, starter, editor):
    client.force_login(editor)
    response = client.get("/admin/roles/role/framework/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="careerpaths-framework-')
    assert json.loads(response.content) == starter_data()


def test_export_and_import_commands_round_trip(starter, tmp_path):
    out = tmp_path / "framework.json"
    call_command("export_framework", output=str(out))
    assert json.loads(out.read_text()) == starter_data()
    Expectation.objects.all().delete()
    Role.objects.all().delete()
    stdout = io.StringIO()
    call_command("import_framework", str(out), "--dry-run", stdout=stdout)
    assert "Dry run" in stdout.getvalue()
    assert Role.objects.count() == 0
    call_command("import_framework", str(out), stdout=stdout)
    assert framework.export() == starter_data()


def test_import_command_reports_locations(starter, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            with_changes(starter_data(), lambda d: d["roles"][3]["expectations"][7].update(skill="vison"))
        )
    )
    with pytest.raises(CommandError, match=r'roles\[3\]\.expectations\[7\]: unknown skill "vison"'):
        call_command("import_framework", str(bad))


def _log(user, obj, message):
    from django.contrib.admin.models import CHANGE
    from django.contrib.contenttypes.models import ContentType

    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=CHANGE,
        change_message=message,
    )


def test_it_lists_framework_changes_for_the_editor_but_not_account_changes(
    client, starter, editor, superuser
):
    role = Role.objects.get(slug="product-leader")
    _log(superuser, role, "Tightened the strategy expectations")
    _log(superuser, editor, "Reset the editor's password")
    client.force_login(editor)
    html = client.get("/admin/admin/logentry/").content.decode()
    assert "Tightened the strategy expectations" in html
    assert "Reset the editor" not in html
    client.force_login(superuser)
    html = client.get("/admin/admin/logentry/").content.decode()
    assert "Reset the editor" in html


def test_it_keeps_the_change_history_read_only(client, starter, editor):
    entry = _log(editor, Role.objects.get(slug="product-leader"), "Renamed")
    client.force_login(editor)
    assert client.get(f"/admin/admin/logentry/{entry.pk}/change/").status_code == 200
    assert client.post(f"/admin/admin/logentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/admin/logentry/add/").status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_it_hides_the_change_history_from_staff_without_framework_rights(client, starter, django_user_model):
    staff = django_user_model.objects.create_user("s", "s@example.com", "pw-very-long-1", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/admin/logentry/").status_code == 403


def test_it_records_an_inline_level_edit_in_the_skill_history(client, starter, editor):
    skill = Skill.objects.get(slug="strategic-thinking")
    levels = [(lv.level, lv.descriptor) for lv in skill.levels.order_by("level")]
    levels[1] = (2, "Writes a one-page strategy memo others can act on.")
    client.force_login(editor)
    response = client.post(f"/admin/roles/skill/{skill.pk}/change/", _skill_post(skill, levels))
    assert response.status_code == 302
    html = " ".join(client.get(f"/admin/roles/skill/{skill.pk}/history/").content.decode().split())
    assert "<td>ed</td>" in html and re.search(r"Descriptor[^.]*Strategic thinking · 2 ", html)
