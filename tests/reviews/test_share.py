"""/assessments/<id>/share/: the owner creates review links and sees their status."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from reviews import services
from reviews.models import ReviewLink, hash_token
from reviews.throttle import INVITES_PER_OWNER
from tests.helpers import elements, expire_link, make_assessment, review_open_url, texts

pytestmark = pytest.mark.django_db


def share_url(assessment):
    return f"/assessments/{assessment.pk}/share/"


def created_url(html):
    return elements(html, "input", id="new-link-url")[0].attrs["value"]


def test_it_creates_a_link_shown_once_with_a_14_day_default(owner_client, done):
    page = owner_client.get(share_url(done))
    assert page.status_code == 200
    assert elements(page.content.decode(), "input", name="days")[0].attrs["value"] == "14"
    response = owner_client.post(share_url(done), {"days": "14", "message": "Thanks!"})
    assert response.status_code == 200
    html = response.content.decode()
    url = created_url(html)
    token = re.fullmatch(r"http://testserver/review/([A-Za-z0-9_-]{43})/", url)[1]
    link = ReviewLink.objects.get()
    assert link.token_hash == hash_token(token) and link.message == "Thanks!"
    assert timedelta(days=14) - (link.expires_at - timezone.now()) < timedelta(minutes=1)
    # Listed with its status; the token itself is never shown again.
    again = owner_client.get(share_url(done)).content.decode()
    assert token not in again
    assert "Active" in texts(again, "table", class_="review-links-table")[0]
    assert not mail.outbox


def test_days_outside_1_to_90_are_refused_with_a_clear_message(owner_client, done):
    for days in ("0", "91", "-1", "abc", "", "1.5"):
        response = owner_client.post(share_url(done), {"days": days})
        assert response.status_code == 400, days
        summary = texts(response.content.decode(), "div", id="error-summary")[0]
        assert "a whole number from 1 to 90" in summary, days
    assert not ReviewLink.objects.exists()
    for days in ("1", "90"):
        assert owner_client.post(share_url(done), {"days": days}).status_code == 200
    assert ReviewLink.objects.count() == 2


def test_a_bad_email_or_long_message_is_refused(owner_client, done):
    response = owner_client.post(share_url(done), {"days": "3", "email": "not-an-address"})
    assert response.status_code == 400 and "Enter an email address" in response.content.decode()
    response = owner_client.post(share_url(done), {"days": "3", "message": "x" * 1001})
    assert response.status_code == 400 and "1000 characters or fewer" in response.content.decode()
    assert not ReviewLink.objects.exists()


def test_it_emails_the_invitation_after_the_response(owner, owner_client, done):
    owner.first_name = "Olu"
    owner.save()
    response = owner_client.post(
        share_url(done), {"days": "7", "email": "Mentor@Example.com", "message": "Hi"}
    )
    url = created_url(response.content.decode())
    (sent,) = mail.outbox
    assert sent.to == ["mentor@example.com"]
    assert "Olu" in sent.subject and "Digital Product Manager" in sent.subject
    assert url in sent.body and "Hi" in sent.body and "owner@example.com" not in sent.body
    assert ReviewLink.objects.get().invited_email == "mentor@example.com"


def test_invitations_are_throttled_per_owner_and_per_address(owner_client, done, settings):
    for n in range(INVITES_PER_OWNER.limit):
        assert (
            owner_client.post(share_url(done), {"days": "1", "email": f"p{n}@example.com"}).status_code == 200
        )
    refused = owner_client.post(share_url(done), {"days": "1", "email": "another@example.com"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert ReviewLink.objects.count() == INVITES_PER_OWNER.limit
    # Links without an email are never throttled.
    assert owner_client.post(share_url(done), {"days": "1"}).status_code == 200


def test_one_address_gets_at_most_the_account_email_limit(owner_client, done, settings):
    settings.EMAIL_LIMIT_PER_ADDRESS = 2
    for _ in range(2):
        assert owner_client.post(share_url(done), {"days": "1", "email": "x@example.com"}).status_code == 200
    assert owner_client.post(share_url(done), {"days": "1", "email": "X@example.com"}).status_code == 429
    assert len(mail.outbox) == 2


def test_it_lists_each_links_status_and_last_opened(owner_client, client, done):
    active, token = services.create_link(assessment=done, days=5)
    expired, _ = services.create_link(assessment=done, days=5)
    expire_link(expired)
    revoked, _ = services.create_link(assessment=done, days=5)
    services.revoke_link(link=revoked)
    Client().get(review_open_url(token))
    html = owner_client.get(share_url(done)).content.decode()
    table = texts(html, "table", class_="review-links-table")[0]
    assert "Active" in table and "Expired" in table and "Revoked" in table
    assert table.count("Not opened yet") == 2
    # Only the active link can be revoked.
    assert len(elements(html, "form", action=f"/assessments/{done.pk}/share/{active.public_id}/revoke/")) == 1
    assert len([f for f in elements(html, "form") if "/revoke/" in f.attrs.get("action", "")]) == 1


def test_others_drafts_and_visitors_get_nothing(client, outsider, done, owner):
    draft = make_assessment(owner, submit=False)
    assert client.get(share_url(done)).status_code == 302
    client.force_login(outsider)
    assert client.get(share_url(done)).status_code == 404
    assert client.post(share_url(done), {"days": "3"}).status_code == 404
    client.force_login(owner)
    assert client.get(share_url(draft)).status_code == 404
    assert not ReviewLink.objects.exists()


def test_posts_need_the_csrf_token(owner, done):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(share_url(done), {"days": "3"}).status_code == 403
    html = client.get(share_url(done)).content.decode()
    csrf = elements(html, "input", name="csrfmiddlewaretoken")[-1].attrs["value"]
    assert client.post(share_url(done), {"days": "3", "csrfmiddlewaretoken": csrf}).status_code == 200


def test_it_runs_a_constant_number_of_queries(owner_client, sized, django_assert_num_queries):
    target = sized["assessment"]
    owner_client.get(share_url(target))
    # 1. session  2. user  3. the assessment  4. its links
    with django_assert_num_queries(4):
        assert owner_client.get(share_url(target)).status_code == 200
    # 1-3 as above  4. the new link  5. the links
    with django_assert_num_queries(5):
        assert owner_client.post(share_url(target), {"days": "3"}).status_code == 200
