"""Adding, editing and deleting a focus item's actions (POST /plan/focus/<id>/actions/,
/plan/actions/<id>/, /plan/actions/<id>/delete/)."""

import datetime

import pytest

from plans.models import Action, ActionStatus
from plans.views import MAX_ACTIONS
from tests.helpers import elements
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(owner, starter):
    return make_plan(owner, skills=["user-needs"])[0]


def edit_data(action, **changes):
    data = {"text": action.text, "due": "", "status": action.status, "evidence_url": ""}
    data.update(changes)
    return {f"a{action.pk}-{k}": v for k, v in data.items()}


def test_it_adds_an_action(owner_client, item):
    response = owner_client.post(
        f"/plan/focus/{item.pk}/actions/",
        {
            f"new{item.pk}-text": "  Interview  five users ",
            f"new{item.pk}-due": "2026-03-31",
            f"new{item.pk}-status": "doing",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/plan/#focus-{item.pk}"
    action = item.actions.latest("id")
    assert (action.text, action.due, action.status) == (
        "Interview five users",
        datetime.date(2026, 3, 31),
        "doing",
    )


def test_it_edits_an_action_and_marks_it_done_with_evidence(owner_client, item):
    action = item.actions.order_by("id").first()
    response = owner_client.post(
        f"/plan/actions/{action.pk}/",
        edit_data(
            action, text="Ran a discovery sprint", status="done", evidence_url="https://example.com/notes"
        ),
    )
    assert response.status_code == 302 and response["Location"] == f"/plan/#action-{action.pk}"
    action.refresh_from_db()
    assert (action.text, action.status, action.evidence_url) == (
        "Ran a discovery sprint",
        ActionStatus.DONE,
        "https://example.com/notes",
    )
    html = owner_client.get("/plan/").content.decode()
    assert "Action saved (done)." in html
    assert f"1 of {item.actions.count()} actions done" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "   "}, "Action: Say what you will do."),
        ({"text": "x" * 501}, "Keep the action to 500 characters or fewer (it has 501)."),
        ({"status": "finished"}, "Choose to do, doing or done."),
        ({"due": "31/03/2026"}, "Enter the due date as a date, e.g. 2026-03-31."),
        ({"evidence_url": "javascript:alert(1)"}, "Enter a web address starting with http:// or https://."),
        ({"evidence_url": "ftp://example.com/x"}, "Enter a web address starting with http:// or https://."),
    ],
)
def test_invalid_input_is_400_with_a_clear_message_and_nothing_saved(owner_client, item, changes, message):
    action = item.actions.order_by("id").first()
    before = Action.objects.values().get(pk=action.pk)
    response = owner_client.post(f"/plan/actions/{action.pk}/", edit_data(action, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    (summary,) = elements(html, "div", id="error-summary")
    assert message.split(": ")[-1] in summary.text
    # What was typed is shown again, in the action's own form.
    field = next(iter(changes))
    if field != "status":
        assert elements(
            html, "input", name=f"a{action.pk}-{field}", value=changes[field].replace("   ", "   ")
        )
    assert Action.objects.values().get(pk=action.pk) == before


def test_an_invalid_new_action_is_400(owner_client, item):
    before = item.actions.count()
    response = owner_client.post(
        f"/plan/focus/{item.pk}/actions/", {f"new{item.pk}-text": "", f"new{item.pk}-status": "todo"}
    )
    assert response.status_code == 400
    assert "Say what you will do." in response.content.decode()
    assert item.actions.count() == before


def test_a_focus_item_holds_a_bounded_number_of_actions(owner_client, item):
    Action.objects.bulk_create(Action(focus=item, text=f"a{n}") for n in range(MAX_ACTIONS - 1))
    response = owner_client.post(
        f"/plan/focus/{item.pk}/actions/", {f"new{item.pk}-text": "one more", f"new{item.pk}-status": "todo"}
    )
    assert response.status_code == 400
    assert f"at most {MAX_ACTIONS} actions" in response.content.decode()


def test_it_deletes_an_action(owner_client, item):
    action = item.actions.order_by("id").first()
    response = owner_client.post(f"/plan/actions/{action.pk}/delete/")
    assert response.status_code == 302
    assert not item.actions.filter(pk=action.pk).exists() and item.actions.exists()


def test_someone_elses_actions_are_404_and_untouched(outsider_client, item):
    count = item.actions.count()
    action = item.actions.order_by("id").first()
    before = Action.objects.values().get(pk=action.pk)
    assert (
        outsider_client.post(f"/plan/actions/{action.pk}/", edit_data(action, text="mine")).status_code == 404
    )
    assert outsider_client.post(f"/plan/actions/{action.pk}/delete/").status_code == 404
    assert (
        outsider_client.post(
            f"/plan/focus/{item.pk}/actions/", {f"new{item.pk}-text": "x", f"new{item.pk}-status": "todo"}
        ).status_code
        == 404
    )
    assert Action.objects.values().get(pk=action.pk) == before and item.actions.count() == count


@pytest.mark.parametrize("pk", [0, 999999, 2**63, 10**30])
def test_unknown_ids_are_404(owner_client, item, pk):
    assert owner_client.post(f"/plan/actions/{pk}/", {}).status_code == 404
    assert owner_client.post(f"/plan/actions/{pk}/delete/").status_code == 404
    assert owner_client.post(f"/plan/focus/{pk}/actions/", {}).status_code == 404


def test_get_is_refused(owner_client, item):
    action = item.actions.order_by("id").first()
    assert owner_client.get(f"/plan/actions/{action.pk}/").status_code == 405
    assert owner_client.get(f"/plan/actions/{action.pk}/delete/").status_code == 405
