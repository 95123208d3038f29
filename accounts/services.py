"""Workflows on a whole account: deleting it, and changing its email address."""

from typing import Any

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.mail import after_response
from accounts.models import EmailChange, email_in_use
from assessments.models import Assessment, Rating


class LinkNotValid(Exception):
    """Unknown, used, replaced, or another account's confirmation link."""


class LinkExpired(Exception):
    pass


class AddressTaken(Exception):
    """Another account confirmed the address first."""


def delete_account(*, user: User) -> None:
    """Delete ``user`` and everything they own (assessments and their ratings), atomically."""
    with transaction.atomic():
        Rating.objects.filter(assessment__user=user).delete()
        Assessment.objects.filter(user=user).delete()
        user.delete()


def request_email_change(*, user: User, new_email: str, base_url: str, signup: bool = False) -> EmailChange:
    """Make ``new_email`` the pending address of ``user`` and mail it a confirmation link.

    If another account already has that address, its owner is told instead, and nothing
    the requester sees differs (no link exists, so the change can never complete). The
    current address is told about the request, with the time. ``signup`` words the mails
    for a new account. Mails go after the response.
    """
    now = timezone.now()
    token, token_hash = EmailChange.new_token()
    taken = email_in_use(new_email, exclude=user)
    pending = EmailChange(
        user=user,
        new_email=new_email,
        token_hash=token_hash,
        confirmable=not taken,
        created_at=now,
        expires_at=now + EmailChange.lifetime(),
    )
    # One statement: a newer request replaces the older one, and with it the older link.
    EmailChange.objects.bulk_create(
        [pending],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["new_email", "token_hash", "confirmable", "created_at", "expires_at"],
    )
    context = {"user": user, "pending": pending, "when": now, "base_url": base_url}
    if taken:
        subject, template = (
            ("Someone tried to sign up to Career Paths with your email address", "signup_taken")
            if signup
            else ("Someone tried to use your email address on Career Paths", "email_in_use")
        )
        _mail(new_email, subject, template, context)
    else:
        subject, template = (
            ("Confirm your email address for Career Paths", "signup_confirm")
            if signup
            else ("Confirm your new Career Paths email address", "email_confirm")
        )
        link = base_url + reverse("email_confirm", args=[token])
        _mail(new_email, subject, template, {**context, "link": link})
    if user.email:
        _mail(
            user.email,
            "Your Career Paths email address is about to change",
            "email_change_requested",
            context,
        )
    return pending


def confirm_email_change(*, user: User, token: str) -> str:
    """Make the pending address behind ``token`` the email address of ``user``; returns it.

    Raises LinkNotValid, LinkExpired or AddressTaken. The old address is told, with the time.
    """
    with transaction.atomic():
        pending = EmailChange.objects.select_for_update().for_token(token).filter(user=user).first()
        if pending is None or not pending.confirmable:
            raise LinkNotValid
        if pending.is_expired():
            raise LinkExpired
        # Two accounts confirming one address at the same moment: the second waits here,
        # then sees the address taken (the uniqueness check and the write are serialised).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", ["email:" + pending.new_email.lower()]
            )
        if email_in_use(pending.new_email, exclude=user):
            raise AddressTaken
        old_email = user.email
        user.email = pending.new_email
        user.save(update_fields=["email"])
        pending.delete()
    if old_email:
        context = {"user": user, "old_email": old_email, "when": timezone.now()}
        _mail(old_email, "Your Career Paths email address has changed", "email_changed", context)
    return user.email


def cancel_email_change(*, user: User) -> None:
    EmailChange.objects.filter(user=user).delete()


def _mail(to: str, subject: str, template: str, context: dict[str, Any]) -> None:
    """Render and send one plain-text email once the response has gone out."""

    def send() -> None:
        send_mail(subject, render_to_string(f"accounts/email/{template}.txt", context), None, [to])

    after_response(send)
