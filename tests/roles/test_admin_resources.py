"""Rubric editors manage learning resources: their own list and inline on the skill."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group

from roles import caching
from roles.models import LearningResource, Skill
from tests.roles.factories import load_starter
from tests.roles.test_admin import _skill_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter()


def _levels(skill):
    return [(lv.level, lv.descriptor) for lv in skill.levels.order_by("level")]


def new_resource(skill, **fields):
    return {
        "skill": skill.pk,
        "title": "Thinking in Systems",
        "kind": "book",
        "author_or_source": "Donella H. Meadows",
        "url": "https://example.org/thinking-in-systems",
        "why": "Helps see the loops behind a product's growth.",
        "min_level": "2",
        "max_level": "4",
        "order": "5",
    } | fields


def test_the_rubric_editors_group_may_manage_resources():
    codenames = set(Group.objects.get(name="Rubric editors").permissions.values_list("codename", flat=True))
    assert {f"{a}_learningresource" for a in ("add", "change", "delete", "view")} <= codenames


def test_an_editor_adds_a_resource_it_is_in_the_history_and_the_pages_change(client, starter, editor):
    client.force_login(editor)
    skill = Skill.objects.get(slug="strategic-thinking")
    token = caching.current_token()
    response = client.post("/admin/roles/learningresource/add/", new_resource(skill))
    assert response.status_code == 302
    resource = LearningResource.objects.get(title="Thinking in Systems")
    assert (resource.skill, resource.min_level, resource.max_level) == (skill, 2, 4)
    entry = LogEntry.objects.get(object_id=str(resource.pk))
    assert entry.user == editor and entry.action_flag == ADDITION
    assert caching.current_token() != token  # cached role pages are obsolete


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"url": "javascript:alert(1)"}, "url", "http:// or https://"),
        ({"url": ""}, None, "only a practice may have none"),
        ({"min_level": "4", "max_level": "2"}, None, "must not be above the to level"),
        ({"why": "Line one\r\nline two"}, "why", "one line"),
    ],
)
def test_it_refuses_a_bad_resource_with_a_message(client, starter, editor, fields, field, message):
    client.force_login(editor)
    skill = Skill.objects.get(slug="strategic-thinking")
    response = client.post("/admin/roles/learningresource/add/", new_resource(skill, **fields))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in str(errors[field] if field else errors)
    assert not LearningResource.objects.filter(title="Thinking in Systems").exists()


def test_an_editor_adds_a_resource_inline_on_the_skill(client, starter, editor):
    client.force_login(editor)
    skill = Skill.objects.get(slug="strategic-thinking")
    url = f"/admin/roles/skill/{skill.pk}/change/"
    assert 'id="resources-group"' in client.get(url).content.decode()
    data = _skill_post(skill, _levels(skill))
    data.update({"resources-TOTAL_FORMS": "1", "resources-INITIAL_FORMS": "0"})
    for name, value in new_resource(skill, kind="practice", url="").items():
        data[f"resources-0-{name}"] = value
    assert client.post(url, data).status_code == 302
    assert skill.resources.get(title="Thinking in Systems").kind == "practice"


def test_the_list_searches_and_filters_by_skill_and_kind(client, starter, editor):
    client.force_login(editor)
    html = client.get("/admin/roles/learningresource/?kind__exact=practice&q=week").content.decode()
    assert "Talk to a customer every week" in html and "The Mom Test" not in html
    skill = Skill.objects.get(slug="user-needs")
    html = client.get(f"/admin/roles/learningresource/?skill__id__exact={skill.pk}").content.decode()
    assert "The Mom Test" in html and "Radical Candor" not in html


@pytest.mark.parametrize("url", ["/admin/roles/learningresource/", "/admin/roles/learningresource/add/"])
def test_someone_who_is_not_an_editor_cannot_manage_resources(client, starter, django_user_model, url):
    staff = django_user_model.objects.create_user("staff", "s@example.com", "x-Passw0rd!-long", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403
    skill = Skill.objects.get(slug="strategic-thinking")
    assert client.post("/admin/roles/learningresource/add/", new_resource(skill)).status_code == 403
    assert not LearningResource.objects.filter(title="Thinking in Systems").exists()
