"""An email address waiting to be confirmed (docs/security.md, "Changing the email address").

A new address is never written to the account until the person opens the link sent to
it: until then password resets and notices go to the confirmed address only.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def email_in_use(email, *, exclude=None):
    """Whether another account already has ``email``, compared case-insensitively.

    Ana@Example.com and ana@example.com reach the same inbox, and password reset looks
    accounts up by email, so two accounts must never share one.
    """
    users = get_user_model()._default_manager.filter(email__iexact=email)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


class EmailChangeQuerySet(models.QuerySet):
    def for_token(self, token):
        """The request whose link carries ``token`` (expired ones included)."""
        return self.filter(token_hash=hash_token(token))


class EmailChange(models.Model):
    """One pending address per account; a newer request replaces the older one (and its link)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_change"
    )
    new_email = models.EmailField(max_length=254)
    # SHA-256 of the random token in the link: a copy of the database cannot confirm anything.
    token_hash = models.CharField(max_length=64, unique=True)
    # False when the address belonged to another account when asked for: no link was sent
    # (its owner got a notice instead), so it can never be confirmed.
    confirmable = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    objects = EmailChangeQuerySet.as_manager()

    def __str__(self):
        return f"{self.user} → {self.new_email}"

    @classmethod
    def new_token(cls):
        """A link token with 256 random bits, and the hash that is stored."""
        token = secrets.token_urlsafe(32)
        return token, hash_token(token)

    @staticmethod
    def lifetime():
        return timedelta(hours=settings.EMAIL_CONFIRMATION_HOURS)

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at
