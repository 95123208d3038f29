"""Forms for signing up and managing an account (Django's auth forms do the rest)."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

User = get_user_model()

EMAIL_TAKEN = "An account with this email address already exists."


def email_taken(email, *, exclude=None):
    # Case-insensitive: Ana@Example.com and ana@example.com reach the same inbox, and
    # password reset looks accounts up by email, so two accounts must never share one.
    users = User._default_manager.filter(email__iexact=email)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


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
        if email_taken(email):
            raise forms.ValidationError(EMAIL_TAKEN, code="unique")
        return email


class EmailChangeForm(forms.ModelForm):
    email = forms.EmailField(
        required=True,
        max_length=254,
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if email_taken(email, exclude=self.instance):
            raise forms.ValidationError(EMAIL_TAKEN, code="unique")
        return email


class DeleteAccountForm(forms.Form):
    """Asks for the current password; the view checks it through authenticate() so that
    guessing it here is throttled exactly like guessing it on the sign-in page."""

    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
