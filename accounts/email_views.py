"""Confirming or cancelling a change of email address (the request is on the profile page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import EmailChange
from accounts.services import (
    AddressTaken,
    LinkExpired,
    LinkNotValid,
    cancel_email_change,
    confirm_email_change,
)

NOT_VALID = (
    "This confirmation link is not valid: it may have been used already, replaced by a newer "
    "request, or belong to another account. Your email address has not been changed."
)
EXPIRED = "This confirmation link has expired. Ask for the change again on your account page."
TAKEN = "That address now belongs to another account, so your email address has not been changed."


def _problem(request, message, status):
    return render(
        request, "accounts/email_confirm.html", {"problem": message, "nav": "profile"}, status=status
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def email_confirm(request, token):
    """GET shows what will change (mail scanners open links too); POST changes it."""
    if request.method == "POST":
        try:
            email = confirm_email_change(user=request.user, token=token)
        except LinkNotValid:
            return _problem(request, NOT_VALID, 404)
        except LinkExpired:
            return _problem(request, EXPIRED, 404)
        except AddressTaken:
            return _problem(request, TAKEN, 409)
        messages.success(request, f"Your email address is now {email}.")
        return redirect("profile")
    pending = EmailChange.objects.for_token(token).filter(user=request.user, confirmable=True).first()
    if pending is None:
        return _problem(request, NOT_VALID, 404)
    if pending.is_expired():
        return _problem(request, EXPIRED, 404)
    return render(
        request, "accounts/email_confirm.html", {"pending": pending, "action": request.path, "nav": "profile"}
    )


@login_required
@require_POST
def email_cancel(request):
    cancel_email_change(user=request.user)
    messages.success(request, "The change of email address has been cancelled; its link no longer works.")
    return redirect("profile")
