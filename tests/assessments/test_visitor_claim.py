"""Moving a visitor's assessments into an account (services.claim_visitor_assessments):
all of them, once, atomically, next to what the account already has."""

import secrets

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from assessments import services
from assessments.models import Assessment, Rating, hash_visitor_key
from tests.helpers import make_assessment, role

pytestmark = pytest.mark.django_db


@pytest.fixture
def key():
    return secrets.token_urlsafe(32)


@pytest.fixture
def visited(key, starter):
    """A visitor's submitted result (with a note) and a draft."""
    return [
        make_assessment(None, visitor_key=key, evidence={"user-needs": "Weekly interviews"}),
        make_assessment(None, "product-leader", visitor_key=key, submit=False),
    ]


def test_it_moves_every_draft_and_result_with_their_ratings(key, visited, owner):
    ratings = {a.pk: sorted(a.ratings.values_list("skill_slug", "level", "evidence")) for a in visited}
    assert services.claim_visitor_assessments(visitor_key=key, user=owner) == 2
    moved = {a.pk: a for a in Assessment.objects.for_user(owner)}
    assert set(moved) == {a.pk for a in visited}
    for a in moved.values():
        assert (
            a.visitor_key_hash == ""
            and sorted(a.ratings.values_list("skill_slug", "level", "evidence")) == (ratings[a.pk])
        )
    assert {a.status for a in moved.values()} == {"draft", "submitted"}
    assert not Assessment.objects.for_visitor(key).exists()
    assert Rating.objects.count() == 28


def test_a_replayed_claim_moves_nothing_and_does_not_fail(key, visited, owner, outsider):
    assert services.claim_visitor_assessments(visitor_key=key, user=owner) == 2
    assert services.claim_visitor_assessments(visitor_key=key, user=owner) == 0
    assert services.claim_visitor_assessments(visitor_key=key, user=outsider) == 0
    assert Assessment.objects.for_user(owner).count() == 2 and Assessment.objects.count() == 2


def test_an_account_with_assessments_keeps_them_all_even_with_a_clashing_start_token(key, owner, starter):
    mine = make_assessment(owner)
    # The same start token as one of the account's (the same start form, posted signed in
    # and signed out): unique per owner, so the move gives the visitor's a new one.
    theirs = services.start_assessment(visitor_key=key, role=role("product-manager"), token=mine.start_token)
    other = make_assessment(None, visitor_key=key, submit=False)
    assert theirs.pk != mine.pk
    assert services.claim_visitor_assessments(visitor_key=key, user=owner) == 2
    kept = Assessment.objects.for_user(owner)
    assert {a.pk for a in kept} == {mine.pk, theirs.pk, other.pk}
    assert len({a.start_token for a in kept}) == 3
    assert kept.get(pk=mine.pk).start_token == mine.start_token  # the account's own is untouched
    assert kept.get(pk=other.pk).start_token == other.start_token  # no clash, no change


def test_a_failure_midway_leaves_nothing_half_moved(key, visited, owner, starter):
    mine = make_assessment(owner)
    Assessment.objects.filter(pk=visited[0].pk).update(start_token=mine.start_token)  # a clash to fix first
    # A real failure in the middle of the move: the database refuses the second row.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE FUNCTION refuse_move() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
            CREATE TRIGGER refuse_move BEFORE UPDATE ON assessments_assessment FOR EACH ROW
            WHEN (NEW.user_id IS NOT NULL AND OLD.id = %s) EXECUTE FUNCTION refuse_move();
            """,
            [visited[1].pk],
        )
    with pytest.raises(DatabaseError), transaction.atomic():
        services.claim_visitor_assessments(visitor_key=key, user=owner)
    # Nothing moved, not even the new start token of the clashing one.
    assert set(Assessment.objects.for_visitor(key)) == set(visited)
    assert Assessment.objects.get(pk=visited[0].pk).start_token == mine.start_token
    assert list(Assessment.objects.for_user(owner)) == [mine]


def test_the_database_insists_on_exactly_one_owner(key, owner, starter):
    a = make_assessment(owner)
    for change in ({"visitor_key_hash": hash_visitor_key(key)}, {"user": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Assessment.objects.filter(pk=a.pk).update(**change)
    with pytest.raises(IntegrityError), transaction.atomic():  # a visitor owner must be a hash
        Assessment.objects.filter(pk=a.pk).update(user=None, visitor_key_hash=key)


def test_services_take_exactly_one_owner(key, owner, starter):
    for owners in ({}, {"user": owner, "visitor_key": key}):
        with pytest.raises(ValueError):
            services.start_assessment(role=role("product-manager"), **owners)
