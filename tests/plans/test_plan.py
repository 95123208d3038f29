"""/plan/: the owner's plan, private, in a constant number of queries."""

import pytest

from plans.models import MAX_ACTIVE
from tests.helpers import elements, texts
from tests.plans.factories import GAPS, make_plan

pytestmark = pytest.mark.django_db


def test_it_shows_focus_items_with_suggested_actions(owner_client, owner, starter):
    make_plan(owner, skills=["user-needs"])
    response = owner_client.get("/plan/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert texts(html, "h3", id=f"focus-{owner.focus_items.get().pk}-title") == ["Understanding user needs"]
    assert "Level now: 1 · expected: 3 (Digital Product Manager)" in html
    # The rubric's "how to grow" from level 1, as an editable action and as a print line.
    action = owner.focus_items.get().actions.order_by("id").first()
    assert action.text.startswith("Run your own interviews")
    assert elements(html, "input", name=f"a{action.pk}-text", value=action.text)
    assert texts(html, "p", class_="print-only")[0] == f"[To do] {action.text}"


def test_it_shows_at_most_a_handful_now_and_the_rest_later(owner_client, owner, starter):
    items = make_plan(owner, skills=GAPS)
    html = owner_client.get("/plan/").content.decode()
    assert [i.active for i in items] == [True] * MAX_ACTIVE + [False]
    now, later = html.split('id="later-title"')
    assert now.count('class="card mb-3 focus-item"') == MAX_ACTIVE
    assert later.count('class="card mb-3 focus-item"') == 1
    # No room: the later item cannot be moved up until one moves down.
    assert "Work on it now" not in later and later.count("Remove") == 1


def test_it_shows_nothing_of_anyone_else(outsider_client, owner, starter):
    make_plan(owner, skills=["user-needs"])
    html = outsider_client.get("/plan/").content.decode()
    assert "Understanding user needs" not in html
    assert "Nothing yet." in html


def test_anonymous_goes_to_sign_in(client, db):
    response = client.get("/plan/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/plan/")


def test_it_refuses_other_methods(owner_client, db):
    assert owner_client.post("/plan/").status_code == 405


def test_it_runs_a_constant_number_of_queries(owner_client, sized_plan, django_assert_num_queries):
    # 1. session  2. user  3. the plan row  4. focus items  5. their actions
    # 6. the last submission (next check-in)
    with django_assert_num_queries(6):
        response = owner_client.get("/plan/")
    assert response.status_code == 200
    assert response.content.decode().count("focus-item") >= len(sized_plan["items"])
