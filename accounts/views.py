"""Sign up, profile, account deletion, and the page shown when sign-in is locked out.

Sign out, password change and the reset confirmation are Django's own views
(django.contrib.auth.urls) with our templates in templates/registration/; sign-in is
Django's view plus the move of a visitor's assessments, and the password reset request
is ours, so that its email goes out after the response.
"""

import math
from datetime import timedelta
from functools import partial

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts import throttle
from accounts.backends import client_ip
from accounts.forms import DeleteAccountForm, EmailChangeForm, SignupForm
from accounts.mail import after_response
from accounts.models import EmailChange
from accounts.services import delete_account, request_email_change
from assessments.access import claim_for, visitor_key


def safe_next(request):
    """The `next` URL from the query string or form, or "" when it would leave the site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def signup(request):
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    status = 200
    if request.method == "POST":
        # Every attempt counts per client address (usernames are visible, so probing them
        # must be slow); the email address counts when it is mailed.
        email = throttle.address(request.POST.get("email"))
        wait = throttle.check(
            (throttle.SIGNUP_PER_IP, client_ip(request)), (throttle.EMAIL_PER_ADDRESS, email)
        )
        if wait:
            return throttle.too_many(request, wait)
        throttle.hit((throttle.SIGNUP_PER_IP, client_ip(request)))
        form = SignupForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            throttle.hit((throttle.EMAIL_PER_ADDRESS, throttle.address(email)))
            with transaction.atomic():
                user = form.save()
                request_email_change(user=user, new_email=email, base_url=_base_url(request), signup=True)
            key = visitor_key(request)
            # Two backends are configured (axes + ModelBackend): name the one that owns users.
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            _claimed(request, user, key)
            # Word for word the same whether or not another account has the address.
            messages.success(
                request,
                f"Welcome, {user.get_username()}! Your account is ready. We have sent a link to "
                f"{email}: open it to confirm your email address (until then, password reset "
                "links cannot reach you).",
            )
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        status = 400
    else:
        form = SignupForm()
    return render(request, "accounts/signup.html", {"form": form, "next": next_url}, status=status)


def _claimed(request, user, key):
    """Move what the visitor assessed before signing up or in into ``user``'s account."""
    moved = claim_for(request, user, key)
    if moved:
        messages.success(
            request,
            f"{moved} assessment{'s' if moved != 1 else ''} you made before signing in "
            f"{'are' if moved != 1 else 'is'} now kept in your account.",
        )


# Why the page behind `next` needs an account, by URL name (for the sign-in page).
SIGN_IN_REASONS = {
    "assessments:list": "Your saved assessments are kept in an account.",
    "assessments:progress": "Your progress over time comes from the assessments kept in your account.",
    "assessments:compare": "Comparing two assessments uses the ones kept in your account.",
    "assessments:export_csv": "Downloads come from the assessments kept in your account.",
    "assessments:export_json": "Downloads come from the assessments kept in your account.",
    "assessments:export_one_json": "Downloads come from the assessments kept in your account.",
    "assessments:result": "Sign up or sign in to keep this assessment in your account.",
    "assessments:edit": "Sign up or sign in to keep this assessment in your account.",
    "profile": "These are your account’s settings.",
}


def sign_in_reason(next_url):
    """One sentence saying why the page at ``next_url`` needs an account, or ""."""
    try:
        match = resolve(next_url.split("?", 1)[0])
    except Resolver404:
        return ""
    return SIGN_IN_REASONS.get(match.view_name, "")


class LoginView(auth_views.LoginView):
    """Django's sign-in (django-axes checks every attempt in the authentication backend),
    which also moves the visitor's assessments into the account and says why sign-in is
    needed for the page behind `next`."""

    def form_valid(self, form):
        # Read before login(): signing into another account than the session's flushes it.
        key = visitor_key(self.request)
        response = super().form_valid(form)
        _claimed(self.request, form.get_user(), key)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reason"] = sign_in_reason(context.get("next") or "")
        return context


def _password_is_right(request, password):
    """authenticate() rather than check_password(): wrong guesses count towards the
    django-axes lockout, so a stolen session cannot brute-force the password."""
    user = authenticate(request, username=request.user.get_username(), password=password)
    return user is not None and user.pk == request.user.pk


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    status = 200
    if request.method == "POST":
        form = EmailChangeForm(request.user, request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            wait = throttle.check((throttle.EMAIL_PER_ADDRESS, throttle.address(email)))
            if wait:
                return throttle.too_many(request, wait)
            if _password_is_right(request, form.cleaned_data["password"]):
                throttle.hit((throttle.EMAIL_PER_ADDRESS, throttle.address(email)))
                request_email_change(user=request.user, new_email=email, base_url=_base_url(request))
                messages.success(
                    request,
                    f"We have sent a link to {email}. Your email address changes when you open it "
                    f"(within {settings.EMAIL_CONFIRMATION_HOURS} hours); until then we keep using "
                    f"{request.user.email or 'no address'}.",
                )
                return redirect("profile")
            form.add_error(
                "password", "That password is not correct. Your email address has not been changed."
            )
        status = 400
    else:
        form = EmailChangeForm(request.user)
    pending = EmailChange.objects.filter(user=request.user).first()
    context = {"form": form, "pending": pending, "nav": "profile"}
    return render(request, "accounts/profile.html", context, status=status)


def _base_url(request):
    """Scheme and host of this request, for links in emails."""
    return f"{request.scheme}://{request.get_host()}"


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    status = 200
    if request.method == "POST":
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            if _password_is_right(request, form.cleaned_data["password"]):
                delete_account(user=request.user)
                logout(request)
                messages.success(request, "Your account and everything in it have been deleted.")
                return redirect("home")
            form.add_error("password", "That password is not correct. Your account has not been deleted.")
        status = 400
    else:
        form = DeleteAccountForm()
    return render(request, "accounts/delete.html", {"form": form, "nav": "profile"}, status=status)


@require_http_methods(["GET", "POST"])
def password_reset(request):
    """Ask for a reset link. The same answer whether or not the address has an account,
    and the same work: the lookup and the email happen after the response."""
    if request.method == "POST":
        email = throttle.address(request.POST.get("email"))
        limits = [(throttle.PASSWORD_RESET_PER_IP, client_ip(request)), (throttle.EMAIL_PER_ADDRESS, email)]
        wait = throttle.check(*limits)
        if wait:
            return throttle.too_many(request, wait)
        form = PasswordResetForm(request.POST)
        # Counted whether or not the address has an account: the 429 must not tell.
        throttle.hit(*limits if form.is_valid() else limits[:1])
        if form.is_valid():
            after_response(
                partial(form.save, domain_override=request.get_host(), use_https=request.is_secure())
            )
            return redirect("password_reset_done")
    else:
        form = PasswordResetForm()
    return render(request, "registration/password_reset_form.html", {"form": form})


def locked_out(request, original_response=None, credentials=None):
    """django-axes AXES_LOCKOUT_CALLABLE: 429 with a page that says when to try again.

    Also for the per-address pause (accounts.backends), which sets ``login_paused_for``.
    """
    paused_for = getattr(request, "login_paused_for", None)
    cool_off = timedelta(seconds=paused_for) if paused_for else get_cool_off(request)
    context = {
        "address_paused": bool(paused_for),
        "failure_limit": settings.LOGIN_IP_FAILURE_LIMIT
        if paused_for
        else get_failure_limit(request, credentials),
        "cool_off_minutes": max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else None,
        "retry_at": timezone.now() + cool_off if cool_off else None,
    }
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
