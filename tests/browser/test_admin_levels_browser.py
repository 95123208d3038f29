"""A skill's five levels side by side in the admin, with a problem shown beside its field."""

import pytest

from roles.models import Skill
from tests.browser.test_admin_editing_browser import people, sign_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_reads_the_five_levels_side_by_side_and_sees_an_error_at_its_field(
    gunicorn_server,
    browser,
    people,  # noqa: F811
):
    skill = Skill.objects.get(slug="strategic-thinking")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    sign_in(page, gunicorn_server, "ed", f"/admin/roles/skill/{skill.pk}/change/")
    table = page.locator("#levels-group table")
    rows = table.locator("tbody tr.form-row.has_original")
    assert rows.count() == 5
    # One row per level: every field of a level on the same line, all five in one screenful
    # or so (the stacked form was about 3,800 px tall).
    for n in range(5):
        level = page.locator(f"select[name='levels-{n}-level']").bounding_box()
        descriptor = page.locator(f"textarea[name='levels-{n}-descriptor']").bounding_box()
        examples = page.locator(f"textarea[name='levels-{n}-examples']").bounding_box()
        assert descriptor["x"] > level["x"] and examples["x"] > descriptor["x"]
        assert abs(descriptor["y"] - examples["y"]) < 40
    assert table.bounding_box()["height"] < 1400

    page.locator("textarea[name='levels-3-descriptor']").fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    error = page.locator("#levels-group td.field-descriptor .errorlist").first
    error.wait_for()
    field = page.locator("textarea[name='levels-3-descriptor']").bounding_box()
    box = error.bounding_box()
    # The message sits in the field's own cell, right above it — not only at the top.
    assert abs(box["x"] - field["x"]) < 20 and 0 <= field["y"] - box["y"] < 80
    context.close()
