"""Forms for signing up and managing an account (Django's auth forms do the rest)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

User = get_user_model()


class SignupForm(UserCreationForm):
    """Username, email and password (twice), checked by AUTH_PASSWORD_VALIDATORS.

    The email address is not saved on the account: it becomes pending, and the account's
    once its link is opened (accounts.services.request_email_change). Whether another
    account has it is deliberately not checked here: the answer must not tell.
    """

    email = forms.EmailField(
        required=True,
        max_length=254,
        help_text="Used only to reset your password. We will send a link to confirm it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"])

    def save(self, commit=True):
        user = super().save(commit=False)
        user.email = ""  # kept (for the password similarity check) but not saved: see above
        if commit:
            user.save()
        return user


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
