"""Data rights: the JSON export holds the plan and goal; deleting the account deletes them."""

import json

import pytest

from accounts.services import delete_account
from plans import services
from plans.models import Action, ActionStatus, FocusItem, Plan
from tests.helpers import role
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(owner, outsider, starter):
    services.set_goal(user=owner, role=role("product-leader"))
    services.set_rhythm(user=owner, rhythm=6)
    (item,) = make_plan(owner, skills=["user-needs"])
    Action.objects.create(
        focus=item,
        text="Ran a discovery sprint",
        status=ActionStatus.DONE,
        evidence_url="https://example.com/n",
    )
    make_plan(outsider, skills=["product-vision"])
    return item


def test_the_export_includes_the_plan_and_goal(owner_client, planned):
    document = json.loads(owner_client.get("/assessments/export.json").content)
    plan = document["plan"]
    assert plan["goal"] == {"slug": "product-leader", "name": "Product Leader"}
    assert plan["checkin_every_months"] == 6
    (focus,) = plan["focus"]
    assert (focus["skill"], focus["level_now"], focus["level_expected"]) == (
        "user-needs",
        1,
        planned.level_expected,
    )
    assert {
        "text": "Ran a discovery sprint",
        "status": "done",
        "evidence_url": "https://example.com/n",
    }.items() <= focus["actions"][-1].items()
    assert [f["skill"] for f in plan["focus"]] == ["user-needs"]  # nobody else's


def test_an_empty_plan_exports_as_empty(outsider_client, db):
    assert json.loads(outsider_client.get("/assessments/export.json").content)["plan"] == {
        "goal": None,
        "checkin_every_months": 0,
        "focus": [],
    }


def test_deleting_the_account_deletes_the_plan(owner, outsider, planned):
    delete_account(user=owner)
    assert not Plan.objects.filter(user_id=owner.pk).exists()
    assert not FocusItem.objects.filter(user_id=owner.pk).exists()
    assert not Action.objects.filter(focus__user_id=owner.pk).exists()
    assert FocusItem.objects.filter(user=outsider).count() == 1  # others keep theirs
