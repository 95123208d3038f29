from django import forms
from django.core.validators import URLValidator

from plans.models import ACTION_TEXT_MAX_LENGTH, URL_MAX_LENGTH, ActionStatus, Rhythm

HTTP_ONLY = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with http:// or https://."
)


class GoalForm(forms.Form):
    """Set (a role's slug) or clear (empty) the target role."""

    role = forms.SlugField(max_length=120, required=False, label="Target role")


class RhythmForm(forms.Form):
    rhythm = forms.TypedChoiceField(
        label="Re-assess",
        choices=Rhythm.choices,
        coerce=int,
        error_messages={"invalid_choice": "Choose how often to re-assess from the list."},
    )


class AddToPlanForm(forms.Form):
    assessment = forms.UUIDField()
    skill = forms.SlugField(max_length=120)


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=[("active", "Now"), ("later", "Later")])


class ActionForm(forms.Form):
    """One action of a focus item; field ids carry ``prefix`` so many fit on one page."""

    text = forms.CharField(
        label="Action",
        max_length=ACTION_TEXT_MAX_LENGTH,
        error_messages={
            "required": "Say what you will do.",
            "max_length": "Keep the action to %(limit_value)d characters or fewer (it has %(show_value)d).",
        },
    )
    due = forms.DateField(
        label="Due",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter the due date as a date, e.g. 2026-03-31."},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        initial=ActionStatus.TODO,
        error_messages={"invalid_choice": "Choose to do, doing or done."},
    )
    evidence_url = forms.CharField(
        label="Link to evidence",
        required=False,
        max_length=URL_MAX_LENGTH,
        validators=[HTTP_ONLY],
        error_messages={"max_length": "Keep the link to %(limit_value)d characters or fewer."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["evidence_url"].widget = forms.URLInput()
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if name == "status" else "form-control form-control-sm"
            )

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        if not text:
            raise forms.ValidationError("Say what you will do.")
        return text
