"""The admin's framework import: upload → preview (nothing written) → confirm → one bulk load."""

import json
import uuid
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from roles import framework
from roles.admin_views import MAX_UPLOAD_BYTES
from roles.models import FrameworkUpload, Role
from tests.roles.factories import generated_framework, load_starter, starter_data, with_changes
from tests.roles.test_framework_malformed import CASES, starter_text_with

pytestmark = pytest.mark.django_db

URL = "/admin/roles/role/framework/import/"
APM = "associate-product-manager"


@pytest.fixture
def starter():
    load_starter()


@pytest.fixture
def other_editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "ed2", "ed2@example.com", "tangerine-orbit-41", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Rubric editors"))
    return user


def upload(client, text, name="framework.json"):
    body = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile(name, body, content_type="application/json")})


def renamed_apm():
    return json.dumps(with_changes(starter_data(), lambda d: d["roles"][0].update(name="APM")))


def test_it_previews_without_writing_then_imports_on_confirmation(client, starter, editor):
    client.force_login(editor)
    response = upload(client, renamed_apm())
    assert response.status_code == 200
    html = response.content.decode()
    assert "update 1 roles" in html and "leave 7 roles unchanged" in html
    assert Role.objects.get(slug=APM).name != "APM"  # preview only
    staged = response.context["upload"]
    assert FrameworkUpload.objects.get(pk=staged.pk).user == editor
    assert '"format"' not in html  # the file stays on the server, not in the page

    response = client.post(URL, {"upload": str(staged.pk)})
    assert response.status_code == 302
    assert Role.objects.get(slug=APM).name == "APM"
    assert not FrameworkUpload.objects.exists()  # imported once, then gone


def test_it_records_each_import_in_the_change_history(client, starter, editor):
    client.force_login(editor)
    staged = upload(client, renamed_apm(), name="q3-framework.json").context["upload"]
    client.post(URL, {"upload": str(staged.pk)})
    entry = LogEntry.objects.get(object_repr="Framework import: q3-framework.json")
    assert entry.user == editor
    assert entry.action_time > timezone.now() - timedelta(minutes=1)
    assert "updated: 1 roles" in entry.change_message and "SHA-256" in entry.change_message
    html = client.get("/admin/admin/logentry/").content.decode()
    assert "Framework import: q3-framework.json" in html and "updated: 1 roles" in html


def test_it_imports_a_file_larger_than_a_form_post_may_be(client, editor, settings):
    # Before, the confirmation posted the whole file back, and above
    # DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) that was a bare 400. A lower limit keeps this quick.
    text = json.dumps(generated_framework(120, 40))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(text) // 2
    client.force_login(editor)
    response = upload(client, text)
    assert response.status_code == 200 and "create 120 roles" in response.content.decode()
    response = client.post(URL, {"upload": str(response.context["upload"].pk)})
    assert response.status_code == 302
    assert Role.objects.filter(slug__startswith="gen-role-").count() == 120


def test_a_file_over_the_limit_gets_a_clear_message(client, starter, editor):
    client.force_login(editor)
    response = upload(client, b" " * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 413
    assert "files of at most 5 MB can be imported" in response.content.decode()
    assert not FrameworkUpload.objects.exists()


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_malformed_files_answer_400_with_the_problem(client, starter, editor, case):
    path, literal, message = CASES[case]
    client.force_login(editor)
    response = upload(client, starter_text_with(path, literal))
    assert response.status_code == 400
    assert message.replace('"', "&quot;") in response.content.decode()
    assert not FrameworkUpload.objects.exists()


def test_it_reports_problems_and_writes_nothing(client, starter, editor):
    client.force_login(editor)
    data = with_changes(starter_data(), lambda d: d["roles"][3]["expectations"][7].update(skill="vison"))
    data["roles"][0]["name"] = "Changed"
    response = upload(client, json.dumps(data))
    assert response.status_code == 400
    assert "roles[3].expectations[7]: unknown skill &quot;vison&quot;" in response.content.decode()
    assert Role.objects.get(slug=APM).name == "Associate Product Manager"
    assert upload(client, b"\xff\xfe not json").status_code == 400
    assert upload(client, b"{not json").status_code == 400


def test_it_shows_the_first_problems_of_a_file_with_very_many(client, starter, editor):
    def misspell_every_skill(data):
        for role in data["roles"]:
            for exp in role["expectations"]:
                exp["skill"] = "nope"

    client.force_login(editor)
    response = upload(client, json.dumps(with_changes(generated_framework(10, 30), misspell_every_skill)))
    html = response.content.decode()
    assert response.status_code == 400
    total = 10 * 30
    assert f"{total} problems" in html and f"and {total - 200} more" in html
    assert html.count("unknown skill") == 200


def test_only_the_editor_who_uploaded_can_confirm(client, starter, editor, other_editor):
    client.force_login(editor)
    staged = upload(client, renamed_apm()).context["upload"]
    client.force_login(other_editor)
    response = client.post(URL, {"upload": str(staged.pk)})
    assert response.status_code == 404
    assert "no longer available" in response.content.decode()
    assert Role.objects.get(slug=APM).name != "APM"
    assert FrameworkUpload.objects.filter(pk=staged.pk).exists()  # still the owner's


@pytest.mark.parametrize("value", [str(uuid.uuid4()), "not-a-uuid", ""])
def test_an_unknown_upload_is_404(client, starter, editor, value):
    client.force_login(editor)
    assert client.post(URL, {"upload": value}).status_code == 404


def test_uploads_expire_and_expired_ones_are_removed(client, starter, editor, other_editor):
    client.force_login(editor)
    staged = upload(client, renamed_apm()).context["upload"]
    FrameworkUpload.objects.filter(pk=staged.pk).update(
        created_at=timezone.now() - timedelta(hours=2), expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.post(URL, {"upload": str(staged.pk)}).status_code == 404
    assert Role.objects.get(slug=APM).name != "APM"
    client.force_login(other_editor)
    upload(client, renamed_apm())
    assert not FrameworkUpload.objects.filter(pk=staged.pk).exists()


def test_an_editor_keeps_at_most_a_few_pending_uploads(client, starter, editor):
    client.force_login(editor)
    staged = [
        upload(client, renamed_apm()).context["upload"].pk for _ in range(FrameworkUpload.KEEP_PER_USER + 2)
    ]
    assert set(FrameworkUpload.objects.values_list("pk", flat=True)) == set(
        staged[-FrameworkUpload.KEEP_PER_USER :]
    )


def test_it_previews_again_when_the_framework_changed_after_the_preview(client, starter, editor):
    client.force_login(editor)
    staged = upload(client, renamed_apm()).context["upload"]
    Role.objects.filter(slug="product-manager").get().save()  # someone edits meanwhile
    response = client.post(URL, {"upload": str(staged.pk)})
    assert response.status_code == 409
    assert "changed after the preview" in response.content.decode()
    assert Role.objects.get(slug=APM).name != "APM"
    assert client.post(URL, {"upload": str(staged.pk)}).status_code == 302
    assert Role.objects.get(slug=APM).name == "APM"


def test_staff_without_framework_rights_cannot_import(client, starter, django_user_model):
    staff = django_user_model.objects.create_user("s", "s@example.com", "pw-very-long-1", is_staff=True)
    client.force_login(staff)
    assert upload(client, renamed_apm()).status_code == 403


def test_the_admin_round_trips_its_own_export(client, starter, editor):
    client.force_login(editor)
    exported = client.get("/admin/roles/role/framework/export/").content
    response = upload(client, exported)
    assert response.status_code == 200 and "create" not in response.content.decode()
    client.post(URL, {"upload": str(response.context["upload"].pk)})
    assert framework.dumps(framework.export()).encode() == exported
