"""Forms for signing up and managing an account (Django's auth forms do the rest)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from accounts.models import email_in_use

User = get_user_model()

EMAIL_TAKEN = "An account with this email address already exists."


class SignupForm(UserCreationForm):
    """Username, email and password (twice), checked by AUTH_PASSWORD_VALIDATORS."""

    email = forms.EmailField(
        required=True,
        max_length=254,
        help_text="Used only to reset your password.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if email_in_use(email):
            raise forms.ValidationError(EMAIL_TAKEN, code="unique")
        return email


class EmailChangeForm(forms.Form):
    """A new address and the current password. Whether another account has the address is
    deliberately not checked here: the answer must not tell (accounts.services)."""

    email = forms.EmailField(
        required=True,
        max_length=254,
        label="New email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if email.lower() == (self.user.email or "").lower():
            raise forms.ValidationError("That is already your email address.", code="same")
        return email


class DeleteAccountForm(forms.Form):
    """Asks for the current password; the view checks it through authenticate() so that
    guessing it here is throttled exactly like guessing it on the sign-in page."""

    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
