"""Moving focus items between "now" and "Later", and removing them."""

import pytest

from plans.models import MAX_ACTIVE, Action, FocusItem
from tests.plans.factories import GAPS, make_plan

pytestmark = pytest.mark.django_db


def move(client, item, to):
    return client.post(f"/plan/focus/{item.pk}/move/", {"to": to})


def test_it_moves_an_item_to_later_and_back(owner_client, owner, starter):
    items = make_plan(owner, skills=GAPS)
    later = items[-1]
    assert move(owner_client, later, "active").status_code == 400  # full
    assert f"You already focus on {MAX_ACTIVE} skills" in move(owner_client, later, "active").content.decode()
    assert move(owner_client, items[0], "later").status_code == 302
    assert move(owner_client, later, "active").status_code == 302
    assert list(FocusItem.objects.filter(user=owner).active().order_by("pk")) == items[1:]


@pytest.mark.parametrize("to", ["", "soon", "ACTIVE"])
def test_a_bad_destination_is_400(owner_client, owner, starter, to):
    (item,) = make_plan(owner, skills=["user-needs"])
    assert move(owner_client, item, to).status_code == 400
    item.refresh_from_db()
    assert item.active


def test_it_removes_an_item_with_its_actions(owner_client, owner, starter):
    (item,) = make_plan(owner, skills=["user-needs"], actions=2)
    response = owner_client.post(f"/plan/focus/{item.pk}/remove/")
    assert response.status_code == 302
    assert not FocusItem.objects.exists() and not Action.objects.exists()
    assert (
        "Understanding user needs and its actions were removed" in owner_client.get("/plan/").content.decode()
    )


def test_someone_elses_items_are_404(outsider_client, owner, starter):
    (item,) = make_plan(owner, skills=["user-needs"])
    assert move(outsider_client, item, "later").status_code == 404
    assert outsider_client.post(f"/plan/focus/{item.pk}/remove/").status_code == 404
    item.refresh_from_db()
    assert item.active
