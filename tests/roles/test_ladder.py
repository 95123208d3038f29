"""The ladder map: both tracks side by side, on /roles/ and on every role page."""

import re

import pytest

from roles.ladder import ladder, route
from roles.models import Role
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db

IC = ["associate-product-manager", "product-manager", "senior-product-manager", "principal-product-manager"]
LEADERSHIP = ["group-product-manager", "product-leader", "director-of-product", "chief-product-officer"]


@pytest.fixture
def starter():
    load_starter()


def slugs(steps):
    return [step["role"].slug for step in steps]


def test_it_builds_both_tracks_with_the_moves_between_them(starter, django_assert_num_queries):
    senior = Role.objects.get(slug="senior-product-manager")
    # 1. published roles + tracks  2. next-role links
    with django_assert_num_queries(2):
        plan = ladder(senior.pk)
    ic, leadership = plan["tracks"]
    assert slugs(ic["steps"]) == IC and slugs(leadership["steps"]) == LEADERSHIP
    assert [r.slug for r in leadership["entry"]] == ["senior-product-manager", "principal-product-manager"]
    states = {step["role"].slug: step["state"] for column in plan["tracks"] for step in column["steps"]}
    assert states["senior-product-manager"] == "current"
    assert states["product-manager"] == "previous"
    assert states["principal-product-manager"] == states["group-product-manager"] == "next"
    assert states["product-leader"] == ""
    assert plan["current"]["position"] == 3 and plan["current"]["track_size"] == 4
    pm, leader = Role.objects.get(slug="product-manager"), Role.objects.get(slug="product-leader")
    assert [r.slug for r in route(plan, pm, leader)] == [
        "product-manager",
        "senior-product-manager",
        "group-product-manager",
        "product-leader",
    ]
    assert route(plan, leader, pm) == []


def test_it_leaves_unpublished_roles_off_the_map(starter):
    Role.objects.filter(slug="group-product-manager").update(published=False)
    plan = ladder()
    leadership = plan["tracks"][1]
    assert "group-product-manager" not in slugs(leadership["steps"])
    assert [r.slug for r in leadership["entry"]] == ["principal-product-manager"]
    assert plan["current"] is None


def _map(html):
    """The map alone (the caveat follows it on every page that has one)."""
    return html[html.index('<section class="ladder-map') : html.index('<aside class="role-caveat')]


def test_it_draws_the_map_on_the_role_list(client, starter):
    html = _map(client.get("/roles/").content.decode())
    tracks = re.findall(r'<h3 id="ladder-([a-z-]+)"', html)
    assert tracks == ["product-management", "product-leadership"]
    for slug in IC + LEADERSHIP:
        assert f'href="/roles/{slug}/"' in html
    assert "This role" not in html
    assert "Joined from Senior Product Manager or Principal Product Manager." in html


def test_it_marks_where_a_role_sits_what_leads_to_it_and_where_it_leads(client, starter):
    html = _map(client.get("/roles/group-product-manager/").content.decode())
    assert "Group Product Manager is stage 1 of 4 on the product leadership track." in html
    assert 'Usually reached from <a href="/roles/senior-product-manager/">Senior Product Manager</a>.' in html
    assert 'Usually leads to <a href="/roles/product-leader/">Product Leader</a>.' in html
    assert (
        '<strong aria-current="page">Group Product Manager</strong> <span class="ladder-tag">This role</span>'
        in html
    )
    assert re.search(
        r'href="/roles/senior-product-manager/">Senior Product Manager</a> <span class="ladder-tag">Leads here',
        html,
    )
    assert re.search(
        r'href="/roles/product-leader/">Product Leader</a> <span class="ladder-tag">Next step', html
    )
    top = _map(client.get("/roles/chief-product-officer/").content.decode())
    assert "It is the top of its track." in top
