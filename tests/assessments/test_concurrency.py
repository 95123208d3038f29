"""A double-clicked submit, for real: two connections racing on the same draft."""

import threading
import uuid

import pytest
from django.db import connection

from assessments import services
from assessments.models import Assessment, Rating
from tests.helpers import role
from tests.roles.factories import load_starter

pytestmark = pytest.mark.django_db(transaction=True)


def race(n, work):
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the outcome is what we assert on
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_simultaneous_submits_write_once(django_user_model):
    load_starter()
    user = django_user_model.objects.create_user("racer", "r@example.com", "a-long-Passw0rd!")
    draft = services.start_assessment(user=user, role=role("product-manager"))
    ratings = {slug: (3, "") for slug in draft.skill_slugs()}

    def submit(i):
        fresh = Assessment.objects.get(pk=draft.pk)
        return services.save_ratings(assessment=fresh, ratings=ratings, submit=True)

    results = race(2, submit)
    assert sum(isinstance(r, Assessment) for r in results) == 1
    assert sum(isinstance(r, services.AlreadySubmitted) for r in results) == 1
    assert Rating.objects.count() == 14
    assert Assessment.objects.get().is_submitted


def test_two_simultaneous_starts_with_one_token_create_one_assessment(django_user_model):
    load_starter()
    user = django_user_model.objects.create_user("racer", "r@example.com", "a-long-Passw0rd!")
    token = uuid.uuid4()
    results = race(
        3, lambda i: services.start_assessment(user=user, role=role("product-manager"), token=token)
    )
    assert len({r.pk for r in results}) == 1
    assert Assessment.objects.count() == 1


def test_two_simultaneous_claims_move_each_assessment_once(django_user_model):
    """A double-clicked sign-in: both requests claim the same visitor's assessments."""
    load_starter()
    user = django_user_model.objects.create_user("racer", "r@example.com", "a-long-Passw0rd!")
    key = "k" * 43
    for slug in ("product-manager", "product-leader"):
        services.start_assessment(visitor_key=key, role=role(slug))
    results = race(3, lambda i: services.claim_visitor_assessments(visitor_key=key, user=user))
    assert sorted(results) == [0, 0, 2]
    assert Assessment.objects.for_user(user).count() == 2 and Assessment.objects.count() == 2
