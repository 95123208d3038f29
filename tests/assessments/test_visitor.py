"""A visitor (no account) assesses themselves: start, save, submit, result, delete, all
tied to a key in their session that only its hash in the database matches."""

import hashlib
import uuid
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from assessments.models import Assessment, Rating
from tests.helpers import become_visitor, form_data, make_assessment, texts, visitor_key_of

pytestmark = pytest.mark.django_db

START = "/assessments/new/product-manager/"


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def start(client, token=None):
    response = client.post(START, {"token": str(token or uuid.uuid4())})
    assert response.status_code == 302
    return Assessment.objects.get(pk=response["Location"].split("/")[2])


def test_it_lets_a_visitor_start_save_submit_and_see_the_result(client, starter):
    assert client.get("/assessments/new/").status_code == 200
    responses = [client.get(START)]
    key = visitor_key_of(client)
    assert key and len(key) == 43  # token_urlsafe(32): 256 random bits
    draft = start(client)
    assert draft.user is None and draft.is_draft
    edit = f"/assessments/{draft.pk}/edit/"
    responses.append(client.get(edit))
    assert responses[-1].status_code == 200
    responses.append(client.post(edit, form_data(draft, levels={"user-needs": 5}, default=None)))
    assert responses[-1]["Location"] == edit
    assert Rating.objects.get(assessment=draft).level == 5
    responses.append(client.post(edit, form_data(draft, action="submit")))
    assert responses[-1]["Location"] == f"/assessments/{draft.pk}/"
    responses.append(client.get(f"/assessments/{draft.pk}/"))
    html = responses[-1].content.decode()
    assert responses[-1].status_code == 200
    assert "Digital Product Manager: your result" in html and "Growth areas" in html
    assert texts(html, "h2", id="keep-result-title") == [
        "Create a free account to keep this result and track your progress"
    ]
    back = f"/assessments/{draft.pk}/"
    keep = html[html.index('id="keep-result-title"') :]
    assert texts(keep, "a", href=f"/accounts/signup/?next={back}")[0] == "Create a free account"
    assert texts(keep, "a", href=f"/accounts/login/?next={back}")[0] == "I already have an account: sign in"
    # The key never leaves the session: not in a page, a redirect, or a cookie.
    for response in responses:
        assert key not in response.content.decode() and key not in response.get("Location", "")
        assert all(key not in morsel.value for morsel in response.cookies.values())
    assert client.session.get("assessments_visitor_key") == key
    assert visitor_key_of(client) == key


def test_the_database_keeps_only_the_keys_sha256(client, starter):
    key = become_visitor(client)
    draft = start(client)
    stored = Assessment.objects.filter(pk=draft.pk).values().get()
    assert stored["visitor_key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert all(key not in str(value) for value in stored.values())


def test_a_double_clicked_start_makes_one_assessment(client, starter):
    become_visitor(client)
    token = uuid.uuid4()
    assert start(client, token) == start(client, token)
    assert Assessment.objects.count() == 1


def test_a_signed_in_persons_result_has_no_call_to_sign_up(owner_client, owner, starter):
    html = owner_client.get(f"/assessments/{make_assessment(owner).pk}/").content.decode()
    assert "keep-result-title" not in html


def test_it_lets_a_visitor_delete(client, starter):
    key = become_visitor(client)
    done = make_assessment(None, visitor_key=key)
    assert client.get(f"/assessments/{done.pk}/delete/").status_code == 200
    response = client.post(f"/assessments/{done.pk}/delete/", follow=True)
    assert response.redirect_chain == [("/assessments/new/", 302)]
    assert "assessment was deleted" in response.content.decode()
    assert not Assessment.objects.exists()


@pytest.fixture
def theirs(client, starter):
    """A visitor's result and draft, and the client of that visitor."""
    key = become_visitor(client)
    return {
        "done": make_assessment(None, visitor_key=key),
        "draft": make_assessment(None, visitor_key=key, submit=False),
        "client": client,
    }


def urls(a):
    return [f"/assessments/{a.pk}/", f"/assessments/{a.pk}/edit/", f"/assessments/{a.pk}/delete/"]


def test_no_other_session_or_person_can_read_it(theirs, outsider, owner):
    other_visitor = Client()
    become_visitor(other_visitor)
    signed_in = Client()
    signed_in.force_login(outsider)
    for client in (Client(), other_visitor, signed_in):
        for a in (theirs["done"], theirs["draft"]):
            for url in urls(a):
                assert client.get(url).status_code == 404, url
            assert client.post(f"/assessments/{a.pk}/delete/").status_code == 404
            assert client.post(f"/assessments/{a.pk}/edit/", form_data(a)).status_code == 404
    # Not even with the hash in place of the key.
    forger = Client()
    session = forger.session
    session["assessments_visitor_key"] = theirs["done"].visitor_key_hash
    session.save()
    assert forger.get(urls(theirs["done"])[0]).status_code == 404
    assert Assessment.objects.count() == 2 and not Rating.objects.filter(level=None).exists()


def test_a_signed_in_person_with_a_leftover_key_still_sees_only_their_own(theirs, owner):
    client = theirs["client"]
    client.force_login(owner)  # force_login keeps the session's data, the key included
    assert visitor_key_of(client)
    assert client.get(urls(theirs["done"])[0]).status_code == 404


def test_history_progress_and_exports_still_need_an_account(theirs):
    client = theirs["client"]
    for url in (
        "/assessments/",
        "/assessments/progress/",
        "/assessments/compare/",
        "/assessments/export.csv",
        "/assessments/export.json",
        f"/assessments/{theirs['done'].pk}/export.json",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next="), url


def test_a_visitors_pages_are_private_and_not_stored(theirs):
    client = theirs["client"]
    for url in [*urls(theirs["done"]), *urls(theirs["draft"]), START, "/roles/product-manager/", "/"]:
        response = client.get(url)
        assert response.status_code in (200, 302), url
        assert {"private", "no-store"} <= directives(response), url
    response = client.post(f"/assessments/{theirs['draft'].pk}/edit/", form_data(theirs["draft"]))
    assert {"private", "no-store"} <= directives(response)


def test_the_start_page_is_private_from_the_moment_it_makes_the_key(client, starter):
    response = client.get(START)
    assert {"private", "no-store"} <= directives(response)
    assert "sessionid" in response.cookies


def test_the_page_cache_never_stores_or_serves_a_visitors_page(settings, theirs):
    from django.core.cache import cache

    settings.PAGE_CACHE = True
    client = theirs["client"]
    done = theirs["done"]
    client.post(f"/assessments/{theirs['draft'].pk}/edit/", form_data(theirs["draft"], default=2))
    for url in (*urls(done), *urls(theirs["draft"]), "/roles/product-manager/", "/roles/", "/"):
        client.get(url)
    # Whatever the cache holds now, none of it is theirs.
    stored = b"".join(value for value in cache._cache.values() if isinstance(value, bytes))
    assert stored  # the public pages are cached as usual
    assert str(done.pk).encode() not in stored and str(theirs["draft"].pk).encode() not in stored
    assert b"keep-result" not in stored and b"Growth areas" not in stored
    # An anonymous visitor without a session gets the public role page, not someone's.
    html = Client().get("/roles/product-manager/").content.decode()
    assert str(done.pk) not in html


@pytest.mark.parametrize("page", ["result", "draft"])
def test_a_visitors_pages_run_a_constant_number_of_queries(client, sized, django_assert_num_queries, page):
    key = become_visitor(client, sized["slug"])
    if page == "result":
        target = make_assessment(None, sized["slug"], visitor_key=key, default=1)  # growth areas
        # 1. session  2. assessment + role + track  3-4. the live rubric (expectations +
        # skills, levels) to spot changes  5. published roles for "How ready am I for…"
        # 6. the framework's token (part of the result fragment's cache key)
        # 7. the ratings (the result is not yet a cached fragment)  8. the learning resources
        # of the growth areas. No user: none is signed in.
        expected, url = 8, f"/assessments/{target.pk}/"
    else:
        target = make_assessment(None, sized["slug"], visitor_key=key, submit=False)
        # 1. session  2. the assessment  3. its ratings
        expected, url = 3, f"/assessments/{target.pk}/edit/"
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


def test_saving_a_draft_keeps_the_visitors_session_alive(client, starter, settings):
    key = become_visitor(client)
    draft = make_assessment(None, visitor_key=key, submit=False)
    session_key = client.session.session_key
    Session.objects.filter(pk=session_key).update(expire_date=timezone.now() + timedelta(days=1))
    client.post(f"/assessments/{draft.pk}/edit/", form_data(draft))
    expires = Session.objects.get(pk=session_key).expire_date
    assert expires > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
