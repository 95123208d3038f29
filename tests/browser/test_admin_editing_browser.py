"""A rubric editor changes a level descriptor in the admin, in a real browser: the role page
shows the new text at once, while a result submitted earlier still reads exactly as before."""

import pytest
from django.contrib.auth.models import Group, Permission

from roles.models import SkillLevel
from tests.helpers import make_assessment
from tests.roles.factories import load_starter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-Horse-battery-9"
NEW_TEXT = "Owns an outcome roadmap for one product and retires work that stops moving the metric."


@pytest.fixture
def people(django_user_model):
    load_starter()
    # Transactional tests flush every table, the migration-made group included: rebuild it
    # the way the migration does (every roles permission, nothing else).
    group, _ = Group.objects.get_or_create(name="Rubric editors")
    group.permissions.set(Permission.objects.filter(content_type__app_label="roles"))
    editor = django_user_model.objects.create_user("ed", "ed@example.com", PASSWORD, is_staff=True)
    editor.groups.add(group)
    ada = django_user_model.objects.create_user("ada", "ada@example.com", PASSWORD)
    return editor, ada


def sign_in(page, server, username, next_path):
    page.goto(f"{server.url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server.url}{next_path}")


def test_an_editor_changes_a_descriptor_and_old_results_keep_theirs(gunicorn_server, browser, people):
    server = gunicorn_server
    editor, ada = people
    level = SkillLevel.objects.select_related("skill").get(skill__slug="planning-prioritisation", level=3)
    old_text = level.descriptor
    # Ada rated herself a level below the role's expectation (3), so her result shows the
    # level-3 descriptor as what to work on next.
    done = make_assessment(ada, levels={"planning-prioritisation": 2})

    admin_context = browser.new_context()
    page = admin_context.new_page()
    sign_in(page, server, "ed", f"/admin/roles/skill/{level.skill_id}/change/")
    textarea = page.locator("textarea[name$='-descriptor']").nth(2)
    assert textarea.input_value() == old_text
    textarea.fill(NEW_TEXT)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was changed successfully").wait_for()

    # The edit is on the public role page straight away…
    page.goto(f"{server.url}/roles/product-manager/")
    assert page.get_by_text(NEW_TEXT).count() == 1
    assert page.get_by_text(old_text).count() == 0
    # …and the editor still cannot open anyone's assessments.
    response = page.goto(f"{server.url}/admin/assessments/assessment/")
    assert response.status == 403
    admin_context.close()

    ada_context = browser.new_context()
    page = ada_context.new_page()
    sign_in(page, server, "ada", f"/assessments/{done.pk}/")
    body = page.locator("main")
    assert body.get_by_text(old_text).count() >= 1
    assert body.get_by_text(NEW_TEXT).count() == 0
    page.get_by_text("The live rubric for this role has changed since you took this assessment.").wait_for()
    ada_context.close()
