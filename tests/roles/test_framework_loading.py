"""The bulk loader: a preview reads without writing, a load writes in a few statements per
table, and both keep the loading rules of docs/framework-format.md."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from roles import caching, framework
from roles.models import Expectation, Role, RoleDimension, Skill, SkillLevel, Track
from tests.roles.factories import generated_framework, load_starter, starter_data, with_changes

pytestmark = pytest.mark.django_db


def test_a_preview_reads_the_framework_in_the_same_queries_at_any_size(django_assert_num_queries):
    framework.load(generated_framework(3, 4))
    # tracks, dimensions, categories, skills, skill levels, roles, dimension texts,
    # expectations, next-role links, guides, guide readings, learning resources: one read
    # each, whatever the file's size.
    for size in [(3, 4), (40, 30)]:
        with django_assert_num_queries(12):
            framework.load(generated_framework(*size), dry_run=True)


def test_a_load_writes_in_a_constant_number_of_statements(django_assert_num_queries):
    # savepoint, lock, 12 reads; a COPY per table with new rows (10: no guides here) and
    # the new ids of the five tables that others point at (5); the cache token; release the
    # savepoint.
    for prefix, size in [("small", (3, 4)), ("large", (60, 40))]:
        with django_assert_num_queries(31):
            framework.load(generated_framework(*size, prefix=prefix))
    assert Expectation.objects.filter(role__slug__startswith="large-").count() == 60 * 40


def revised(data):
    for role in data["roles"]:
        role["name"] = role["name"].upper()
        role["expectations"] = role["expectations"][1:]
        for exp in role["expectations"]:
            exp["level"] = exp["level"] % 5 + 1
    return data


def test_updates_take_the_same_statements_at_any_size():
    counts = []
    for prefix, size in [("small", (3, 4)), ("large", (60, 40))]:
        framework.load(generated_framework(*size, prefix=prefix))
        with CaptureQueriesContext(connection) as queries:
            report = framework.load(revised(generated_framework(*size, prefix=prefix)))
        counts.append(len(queries))
        n_roles, n_skills = size
        assert report.updated == {"roles": n_roles, "expectations": n_roles * (n_skills - 1)}
        assert report.deleted == {"expectations": n_roles}
    assert counts[0] == counts[1] <= 25
    role = Role.objects.get(slug="large-role-7")
    assert role.name == "GENERATED ROLE 7"
    assert sorted(role.expectations.values_list("level", flat=True)) == sorted(
        e["level"] for e in revised(generated_framework(60, 40, prefix="large"))["roles"][7]["expectations"]
    )


def test_a_preview_writes_nothing_and_keeps_the_cache_token():
    load_starter()
    token = caching.current_token()
    report = framework.load(
        with_changes(starter_data(), lambda d: d["roles"][0].update(name="APM")), dry_run=True
    )
    assert report.updated["roles"] == 1
    assert caching.current_token() == token
    assert not Role.objects.filter(name="APM").exists()


def test_a_load_replaces_the_cache_token_although_bulk_writes_send_no_signals():
    load_starter()
    token = caching.current_token()
    framework.load(with_changes(starter_data(), lambda d: d["roles"][0].update(name="APM")))
    assert caching.current_token() != token


def test_it_stamps_only_the_records_whose_own_fields_changed():
    load_starter()
    past = timezone.now() - timedelta(days=3)
    Role.objects.update(updated_at=past)
    Skill.objects.update(updated_at=past)

    def change(data):
        data["roles"][0]["name"] = "APM"
        data["roles"][1]["expectations"][0]["level"] = 1 + data["roles"][1]["expectations"][0]["level"] % 5
        data["skills"][0]["description"] = "New words."

    framework.load(with_changes(starter_data(), change))
    stamped = set(Role.objects.filter(updated_at__gt=past).values_list("slug", flat=True))
    assert stamped == {starter_data()["roles"][0]["slug"]}
    assert set(Skill.objects.filter(updated_at__gt=past).values_list("slug", flat=True)) == {
        starter_data()["skills"][0]["slug"]
    }


def test_it_makes_a_roles_texts_expectations_and_next_roles_exactly_the_files():
    load_starter()
    leader = starter_data()["roles"][-1]["slug"]

    def change(data):
        role = data["roles"][0]
        role["dimensions"].pop(next(iter(role["dimensions"])))
        role["expectations"] = role["expectations"][:3]
        role["next_roles"] = [leader]

    report = framework.load(with_changes(starter_data(), change))
    first = Role.objects.get(slug=starter_data()["roles"][0]["slug"])
    assert report.deleted["dimension texts"] == 1
    assert report.deleted["expectations"] == len(starter_data()["roles"][0]["expectations"]) - 3
    assert first.expectations.count() == 3 and first.dimension_texts.count() == 3
    assert list(first.next_roles.values_list("slug", flat=True)) == [leader]
    assert "next-role links" in report.created or "next-role links" in report.deleted
    # Other roles keep theirs.
    assert RoleDimension.objects.exclude(role=first).count() == 4 * (len(starter_data()["roles"]) - 1)


def test_records_the_file_does_not_mention_are_left_alone():
    load_starter()
    framework.load(generated_framework(2, 3))
    framework.load(starter_data())
    assert Role.objects.filter(slug__startswith="gen-role-").count() == 2
    assert SkillLevel.objects.filter(skill__slug__startswith="gen-skill-").count() == 15


def test_loading_the_same_file_twice_changes_nothing():
    data = generated_framework(5, 6)
    first = framework.load(data)
    second = framework.load(data)
    assert second.created == {} and second.updated == {} and second.deleted == {}
    assert second.unchanged == {kind: n for kind, n in first.created.items()}


@pytest.mark.django_db(transaction=True)
def test_an_edit_that_collides_with_an_import_fails_the_import_cleanly():
    """An editor adds a role while an import creates one with the same slug: the import
    is rolled back with a message, never a 500 or a half-written framework."""
    framework.load(generated_framework(1, 1, prefix="base"))
    track = Track.objects.get(slug="base-track")
    inserted, release = threading.Event(), threading.Event()

    def editor():
        try:
            with transaction.atomic():
                Role.objects.create(
                    slug="gen-role-3", name="An editor's", track=track, seniority=1, summary="x"
                )
                inserted.set()
                release.wait(60)
        finally:
            connection.close()

    def release_once_the_import_waits():
        # The import's COPY of roles waits on the editor's uncommitted row; then commit it.
        try:
            for _ in range(600):
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND query LIKE 'COPY \"roles_role\"%%'"
                    )
                    if cursor.fetchone()[0]:
                        break
                time.sleep(0.05)
        finally:
            release.set()
            connection.close()

    threads = [threading.Thread(target=editor), threading.Thread(target=release_once_the_import_waits)]
    threads[0].start()
    assert inserted.wait(60)
    threads[1].start()
    with pytest.raises(framework.FrameworkError, match="the framework changed during the import"):
        framework.load(generated_framework(5, 2))
    for thread in threads:
        thread.join()
    assert Role.objects.get(slug="gen-role-3").name == "An editor's"
    assert not Role.objects.filter(slug="gen-role-0").exists()  # nothing of the file was written
