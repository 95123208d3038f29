"""Sign up, profile, account deletion, and the page shown when sign-in is locked out.

Sign in/out, password change and password reset are Django's own views
(django.contrib.auth.urls) with our templates in templates/registration/.
"""

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm, EmailChangeForm, SignupForm
from accounts.services import delete_account


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
        form = SignupForm(request.POST)
        if form.is_valid():
            user = form.save()
            # Two backends are configured (axes + ModelBackend): name the one that owns users.
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {user.get_username()}! Your account is ready.")
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        status = 400
    else:
        form = SignupForm()
    return render(request, "accounts/signup.html", {"form": form, "next": next_url}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    status = 200
    if request.method == "POST":
        form = EmailChangeForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, "Your email address has been updated.")
            return redirect("profile")
        status = 400
    else:
        form = EmailChangeForm(instance=request.user)
    return render(request, "accounts/profile.html", {"form": form, "nav": "profile"}, status=status)


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    status = 200
    if request.method == "POST":
        form = DeleteAccountForm(request.POST)
        if form.is_valid():
            # authenticate() rather than check_password(): wrong guesses count towards
            # the django-axes lockout, so a stolen session cannot brute-force the password.
            user = authenticate(
                request, username=request.user.get_username(), password=form.cleaned_data["password"]
            )
            if user is not None and user.pk == request.user.pk:
                delete_account(user=request.user)
                logout(request)
                messages.success(request, "Your account and everything in it have been deleted.")
                return redirect("home")
            form.add_error("password", "That password is not correct. Your account has not been deleted.")
        status = 400
    else:
        form = DeleteAccountForm()
    return render(request, "accounts/delete.html", {"form": form, "nav": "profile"}, status=status)


def locked_out(request, original_response=None, credentials=None):
    """django-axes AXES_LOCKOUT_CALLABLE: 429 with a page that says when to try again."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cool_off_minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else None,
        "retry_at": timezone.now() + cool_off if cool_off else None,
    }
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
