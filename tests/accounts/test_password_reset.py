"""Password reset does the same work for a registered and an unknown address while the
request is answered; the email is sent only once the response has gone out (accounts/mail.py).

Timing is compared through the work done, not the clock: the request is run through
Django's real WSGI handler the way a WSGI server does, and what happens before the server
closes the response (queries, templates, mail) must be identical for both addresses.
"""

import re

import pytest
from django.core import mail
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.middleware.csrf import CSRF_SECRET_LENGTH, get_random_string
from django.test import Client, RequestFactory
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

URL = "/accounts/password_reset/"


class Served:
    """One request through WSGIHandler: the work it did before the response was closed."""

    def __init__(self, email):
        secret = get_random_string(CSRF_SECRET_LENGTH)
        request = RequestFactory().post(URL, {"email": email, "csrfmiddlewaretoken": secret})
        request.environ["HTTP_COOKIE"] = f"csrftoken={secret}"
        self.templates = []
        self.status = None
        sent_before = len(mail.outbox)
        record = lambda sender, template, **kwargs: self.templates.append(template.name)  # noqa: E731
        template_rendered.connect(record)
        # As Django's test client does: the test's transaction must not be closed between requests.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            with CaptureQueriesContext(connection) as queries:
                self.response = WSGIHandler()(request.environ, self.start_response)
                self.body = b"".join(self.response)
            self.queries = [q["sql"].replace(email, "<email>") for q in queries.captured_queries]
            self.mail_before_close = len(mail.outbox) - sent_before
            self.templates_before_close = list(self.templates)
            self.response.close()  # what the WSGI server does once the client has the response
            self.mail_after_close = len(mail.outbox) - sent_before
        finally:
            template_rendered.disconnect(record)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    def start_response(self, status, headers):
        self.status = status
        self.headers = dict(headers)


def test_both_paths_do_the_same_work_before_the_response_is_sent(alice):
    known, unknown = Served("alice@example.com"), Served("nobody@example.com")
    assert known.status == unknown.status == "302 Found"
    assert known.headers["Location"] == unknown.headers["Location"] == "/accounts/password_reset/done/"
    assert known.body == unknown.body
    assert known.queries == unknown.queries
    assert known.templates_before_close == unknown.templates_before_close
    # No mail is rendered or sent while the request is being answered, for either address…
    assert known.mail_before_close == unknown.mail_before_close == 0
    assert not [name for name in known.templates_before_close if "email" in name or "subject" in name]
    # …and the real one gets its email once the response has gone out.
    assert known.mail_after_close == 1
    assert unknown.mail_after_close == 0
    assert mail.outbox[0].to == ["alice@example.com"]
    assert re.search(r"http://testserver/accounts/reset/\S+/", mail.outbox[0].body)


def test_a_failing_mail_server_does_not_break_the_answer(alice, settings, caplog):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},  # nothing listens there
        }
    }
    served = Served("alice@example.com")
    assert served.status == "302 Found"
    assert served.mail_after_close == 0
    assert [r for r in caplog.records if r.levelname == "ERROR"]  # logged, not raised


@pytest.fixture
def limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 3
    settings.EMAIL_LIMIT_PER_ADDRESS = 2


def test_it_is_throttled_per_client_address(client, alice, limits):
    for i in range(3):
        assert client.post(URL, {"email": f"someone{i}@example.com"}).status_code == 302
    response = client.post(URL, {"email": "alice@example.com"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "<title>Too many attempts · Career Paths</title>" in response.content.decode()
    assert mail.outbox == []
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(URL, {"email": "alice@example.com"}).status_code == 302
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("email", ["alice@example.com", "nobody@example.com"])
def test_it_is_throttled_per_email_address_whether_or_not_it_has_an_account(alice, limits, email):
    # At most EMAIL_LIMIT_PER_ADDRESS mails an hour to one inbox, and the 429 comes for a
    # registered and an unknown address alike, so it tells nothing either.
    for i in range(2):
        assert Client(REMOTE_ADDR=f"198.51.100.{i + 1}").post(URL, {"email": email}).status_code == 302
    response = Client(REMOTE_ADDR="198.51.100.9").post(URL, {"email": email.upper()})
    assert response.status_code == 429
    assert len(mail.outbox) == (2 if email.startswith("alice") else 0)
