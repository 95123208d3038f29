"""Editors' tools for issue 10: levels side by side, errors at the field, guides, titles, examples."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group

from roles.models import Role, Skill, SkillLevel, TransitionGuide
from tests.roles.factories import load_starter, make_guide
from tests.roles.test_admin import _skill_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter()


def _levels(skill):
    return [(lv.level, lv.descriptor) for lv in skill.levels.order_by("level")]


def test_it_edits_a_skills_five_levels_side_by_side(client, starter, editor):
    client.force_login(editor)
    skill = Skill.objects.get(slug="strategic-thinking")
    html = client.get(f"/admin/roles/skill/{skill.pk}/change/").content.decode()
    group = html[html.index('id="levels-group"') :]
    # One table, one row per level, every field of a level in that row.
    assert 'class="tabular inline-related' in group
    for n in range(5):
        row = re.search(rf'<tr class="form-row[^"]*"[^>]*id="levels-{n}">(.*?)</tr>', group, re.S).group(1)
        for name in ("level", "name", "descriptor", "growth", "examples"):
            assert f'name="levels-{n}-{name}"' in row


def test_it_shows_a_level_error_next_to_the_field(client, starter, editor):
    client.force_login(editor)
    skill = Skill.objects.get(slug="strategic-thinking")
    url = f"/admin/roles/skill/{skill.pk}/change/"
    levels = _levels(skill)
    levels[3] = (3, levels[3][1])  # level 3 twice
    html = client.post(url, _skill_post(skill, levels)).content.decode()
    assert "Each level may appear once; repeated: 3." in html  # the summary at the top of the inline
    for n in (2, 3):
        assert re.search(
            r'<td class="field-level">\s*<ul class="errorlist"[^>]*>\s*<li>Level 3 appears more than once\.</li>'
            rf'\s*</ul>\s*<select name="levels-{n}-level"',
            html,
        )
    levels = _levels(skill)
    levels[1] = (2, "")
    html = client.post(url, _skill_post(skill, levels)).content.decode()
    assert re.search(
        r'<td class="field-descriptor">\s*<ul class="errorlist"[^>]*>\s*<li>[^<]+</li>\s*</ul>\s*'
        r'<textarea name="levels-1-descriptor"',
        html,
    )
    assert SkillLevel.objects.get(skill=skill, level=2).descriptor != ""


def test_it_saves_evidence_examples_one_per_line(client, starter, editor):
    client.force_login(editor)
    skill = Skill.objects.get(slug="strategic-thinking")
    data = _skill_post(skill, _levels(skill))
    data["levels-2-examples"] = "A one-page strategy with a 'won't do' list\r\n\r\n  A roadmap review  \r\n"
    response = client.post(f"/admin/roles/skill/{skill.pk}/change/", data)
    assert response.status_code == 302
    assert SkillLevel.objects.get(skill=skill, level=3).examples == [
        "A one-page strategy with a 'won't do' list",
        "A roadmap review",
    ]
    html = client.get(f"/admin/roles/skill/{skill.pk}/change/").content.decode()
    assert "A one-page strategy with a &#x27;won&#x27;t do&#x27; list\nA roadmap review</textarea>" in html


def test_it_edits_alternative_titles_on_the_role(client, starter, editor):
    client.force_login(editor)
    role = Role.objects.get(slug="product-leader")
    role.alternative_titles = ["Head of Product", "Product Lead"]
    role.save()
    html = client.get(f"/admin/roles/role/{role.pk}/change/").content.decode()
    assert re.search(
        r'<textarea name="alternative_titles"[^>]*>\s*Head of Product\nProduct Lead</textarea>', html
    )


def test_the_rubric_editors_group_may_edit_guides():
    group = Group.objects.get(name="Rubric editors")
    codenames = set(group.permissions.values_list("codename", flat=True))
    for model in ("transitionguide", "guidereading"):
        assert {f"{a}_{model}" for a in ("add", "change", "delete", "view")} <= codenames


@pytest.mark.parametrize("who", ["superuser", "editor"])
@pytest.mark.parametrize("url", ["/admin/roles/transitionguide/", "/admin/roles/transitionguide/add/"])
def test_it_renders_the_guide_admin(client, starter, request, who, url):
    make_guide("product-manager", "product-leader")
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 200


def test_an_editor_writes_a_guide_and_it_is_in_the_history(client, starter, editor):
    client.force_login(editor)
    roles = {r.slug: r.pk for r in Role.objects.all()}
    data = {
        "from_role": roles["director-of-product"],
        "to_role": roles["chief-product-officer"],
        "published": "on",
        "what_changes": "You start leading leaders.\r\n\r\nAnd you join company strategy.",
        "pitfalls": "Running each portfolio yourself",
        "evidence": "An allocation decision\r\nA leader you developed",
        "first_30_days": "Meet each product leader",
        "days_31_to_60": "",
        "days_61_to_90": "",
        "alternative_role": "",
        "how_to_choose": "",
        "readings-TOTAL_FORMS": "1",
        "readings-INITIAL_FORMS": "0",
        "readings-MIN_NUM_FORMS": "0",
        "readings-MAX_NUM_FORMS": "1000",
        "readings-0-title": "High Output Management",
        "readings-0-author": "Andrew S. Grove",
        "readings-0-order": "0",
    }
    response = client.post("/admin/roles/transitionguide/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    guide = TransitionGuide.objects.get(from_role__slug="director-of-product")
    assert guide.evidence == ["An allocation decision", "A leader you developed"]
    assert guide.paragraphs() == ["You start leading leaders.", "And you join company strategy."]
    assert [r.title for r in guide.readings.all()] == ["High Output Management"]
    entry = LogEntry.objects.get(content_type__model="transitionguide", object_id=str(guide.pk))
    assert entry.user == editor
    assert client.get("/paths/director-of-product/chief-product-officer/").status_code == 200
    # The same pair twice, or a role to itself, is refused with a message, not a 500.
    response = client.post("/admin/roles/transitionguide/add/", data)
    assert response.status_code == 200 and "already exists" in response.content.decode()
    data["to_role"] = roles["director-of-product"]
    response = client.post("/admin/roles/transitionguide/add/", data)
    assert response.status_code == 200
    assert TransitionGuide.objects.filter(from_role__slug="director-of-product").count() == 1
