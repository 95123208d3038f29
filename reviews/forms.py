from django import forms

from assessments.rubric import skills as snapshot_skills
from reviews.models import (
    COMMENT_MAX_LENGTH,
    DEFAULT_DAYS,
    MAX_DAYS,
    MESSAGE_MAX_LENGTH,
    MIN_DAYS,
    OVERALL_MAX_LENGTH,
)
from roles.scale import HIGHEST_LEVEL, LEVEL_CHOICES, LOWEST_LEVEL

DAYS_MESSAGE = f"Choose how many days the link works: a whole number from {MIN_DAYS} to {MAX_DAYS}."


def _too_long(what):
    return {"max_length": f"Keep {what} to %(limit_value)d characters or fewer (it has %(show_value)d)."}


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label="Link works for (days)",
        initial=DEFAULT_DAYS,
        min_value=MIN_DAYS,
        max_value=MAX_DAYS,
        help_text=f"From {MIN_DAYS} to {MAX_DAYS} days; {DEFAULT_DAYS} unless you change it.",
        error_messages={
            "required": DAYS_MESSAGE,
            "invalid": DAYS_MESSAGE,
            "min_value": DAYS_MESSAGE,
            "max_value": DAYS_MESSAGE,
        },
    )
    message = forms.CharField(
        label="Message to your reviewer (optional)",
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the review page, and in the invitation if we send one.",
        error_messages=_too_long("the message"),
    )
    email = forms.EmailField(
        label="Reviewer’s email address (optional)",
        required=False,
        max_length=254,
        help_text="We email them the link. Leave empty to copy the link and send it yourself.",
        error_messages={"invalid": "Enter an email address like name@example.com, or leave it empty."},
    )

    def clean_message(self):
        # NUL cannot be stored in PostgreSQL text: say so rather than fail.
        message = self.cleaned_data["message"]
        if "\x00" in message:
            raise forms.ValidationError("The message contains a character that cannot be saved.")
        return message


class ReviewForm(forms.Form):
    """A level (required) and an optional comment per skill of the snapshot, plus an overall
    comment. The template renders each skill as a fieldset of radios."""

    overall = forms.CharField(
        label="Overall comment (optional)",
        required=False,
        max_length=OVERALL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_too_long("the overall comment"),
    )

    def __init__(self, *args, snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = snapshot_skills(snapshot)
        for skill in self.skills:
            self.fields[f"level-{skill['slug']}"] = forms.TypedChoiceField(
                label=skill["name"],
                choices=LEVEL_CHOICES,
                coerce=int,
                error_messages={
                    "required": f"Choose a level for {skill['name']}.",
                    "invalid_choice": f"Choose one of the levels {LOWEST_LEVEL} to {HIGHEST_LEVEL}.",
                },
            )
            self.fields[f"comment-{skill['slug']}"] = forms.CharField(
                label=f"Comment on {skill['name']}",
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                error_messages=_too_long("the comment"),
            )

    @classmethod
    def for_review(cls, review, *, snapshot):
        initial = {}
        if review is not None:
            initial["overall"] = review.comment
            for rating in review.ratings.all():
                initial[f"level-{rating.skill_slug}"] = rating.level
                initial[f"comment-{rating.skill_slug}"] = rating.comment
        return cls(initial=initial, snapshot=snapshot)

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(name, "This text contains a character that cannot be saved.")
        return cleaned

    def items(self):
        """Per skill: the skill, its level field and its comment field (for the template)."""
        return [
            {"skill": s, "level": self[f"level-{s['slug']}"], "comment": self[f"comment-{s['slug']}"]}
            for s in self.skills
        ]

    def levels(self):
        return {s["slug"]: self.cleaned_data[f"level-{s['slug']}"] for s in self.skills}

    def comments(self):
        return {s["slug"]: self.cleaned_data[f"comment-{s['slug']}"] for s in self.skills}

    def error_links(self):
        """(anchor, message) per field error, for the error summary."""
        links = []
        for name, errors in self.errors.items():
            if name == "__all__":
                continue
            anchor = f"id_{name}_1" if name.startswith("level-") else f"id_{name}"
            links.extend((anchor, f"{self.fields[name].label}: {e}") for e in errors)
        return links
