"""/review/<token>/: the token is exchanged for a grant in the session, then left behind."""

import hashlib
import math

import pytest
from django.db import connection
from django.test import Client

from accounts import throttle
from reviews import services
from reviews.decorators import LINK_HEADERS
from reviews.models import ReviewLink
from reviews.throttle import BAD_TOKENS_PER_IP
from tests.helpers import expire_link, review_open_url, review_page_url

pytestmark = pytest.mark.django_db


def assert_link_headers(response):
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"


def test_it_exchanges_the_token_for_a_session_grant_and_redirects_without_it(client, shared):
    link, token = shared
    response = client.get(review_open_url(token))
    assert response.status_code == 302
    assert response["Location"] == review_page_url(link)
    assert token not in response["Location"]
    assert client.session[services.GRANTS] == [link.pk]
    assert_link_headers(response)
    link.refresh_from_db()
    assert link.last_opened_at is not None
    assert client.get(review_page_url(link)).status_code == 200


def test_tokens_carry_256_random_bits_and_only_their_hash_is_stored(done):
    made = [services.create_link(assessment=done, days=1) for _ in range(20)]
    tokens = [token for _, token in made]
    assert len(set(tokens)) == 20
    # token_urlsafe(32): 32 random bytes, 43 URL-safe base64 characters (6 bits each).
    assert all(len(t) == 43 and math.floor(len(t) * 6) >= 256 for t in tokens)
    for link, token in made:
        link.refresh_from_db()
        assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert link.matches(token) and not link.matches(token[:-1] + ("A" if token[-1] != "A" else "B"))
    # No column of any review link row holds a raw token.
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(l)::text FROM reviews_reviewlink l")
        dump = " ".join(row[0] for row in cursor.fetchall())
    assert not any(token in dump for token in tokens)


def test_the_session_keeps_the_grant_and_never_the_token(client, shared):
    link, token = shared
    client.get(review_open_url(token))
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_data FROM django_session")
        stored = [row[0] for row in cursor.fetchall()]
    from django.contrib.sessions.backends.db import SessionStore

    decoded = [str(SessionStore().decode(s)) for s in stored]
    assert decoded and not any(token in d for d in decoded)


def test_unknown_expired_and_revoked_tokens_answer_the_same_404(client, done):
    expired, expired_token = services.create_link(assessment=done, days=3)
    expire_link(expired)
    revoked, revoked_token = services.create_link(assessment=done, days=3)
    services.revoke_link(link=revoked)
    _, unknown = ReviewLink.new_token()
    responses = [client.get(review_open_url(t)) for t in (unknown, expired_token, revoked_token, "x")]
    assert {r.status_code for r in responses} == {404}
    assert len({r.content for r in responses}) == 1
    html = responses[0].content.decode()
    assert "This review link is not available" in html
    for response, token in zip(responses, (unknown, expired_token, revoked_token), strict=False):
        assert token not in response.content.decode()
        assert_link_headers(response)
    assert services.GRANTS not in client.session


def test_repeated_bad_tokens_from_one_address_are_throttled(client, shared):
    link, token = shared
    for n in range(BAD_TOKENS_PER_IP.limit):
        assert client.get(review_open_url(f"wrong-{n}")).status_code == 404
    refused = client.get(review_open_url("wrong-again"))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= BAD_TOKENS_PER_IP.window
    assert_link_headers(refused)
    # While throttled even a good token waits: the answer must not tell good from bad.
    assert client.get(review_open_url(token)).status_code == 429
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert other.get(review_open_url(token)).status_code == 302


def test_the_throttle_window_ends(client, shared, monkeypatch):
    link, token = shared
    now = [1_000_000.0]
    monkeypatch.setattr(throttle, "clock", lambda: now[0])
    for n in range(BAD_TOKENS_PER_IP.limit):
        client.get(review_open_url(f"wrong-{n}"))
    assert client.get(review_open_url(token)).status_code == 429
    now[0] += BAD_TOKENS_PER_IP.window
    assert client.get(review_open_url(token)).status_code == 302


def test_good_tokens_are_not_counted(client, shared):
    link, token = shared
    for _ in range(BAD_TOKENS_PER_IP.limit + 2):
        assert client.get(review_open_url(token)).status_code == 302


def test_it_only_answers_get_and_head(client, shared):
    link, token = shared
    assert client.post(review_open_url(token)).status_code == 405
    assert client.head(review_open_url(token)).status_code == 302


def test_every_link_header_is_defined_once():
    assert set(LINK_HEADERS) == {"Referrer-Policy", "X-Robots-Tag", "Cache-Control"}


def test_it_runs_a_constant_number_of_queries(client, sized, django_assert_num_queries):
    link, token = sized["links"][-1]
    # 1. the active link by token hash (with its owner's id)  2. its "last opened" time
    # 3-6. a new session: its key is free, savepoint, insert, release
    with django_assert_num_queries(6):
        assert client.get(review_open_url(token)).status_code == 302
    # 1. the session  2-3. as above  4-6. its save (savepoint, update, release: the grant
    # list was rewritten)
    with django_assert_num_queries(6):
        assert client.get(review_open_url(token)).status_code == 302
    # A bad token: 1. the lookup, nothing else (no session is created)
    with django_assert_num_queries(1):
        assert Client().get(review_open_url("nope")).status_code == 404
