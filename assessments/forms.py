from django import forms

from assessments.models import EVIDENCE_MAX_LENGTH
from assessments.rubric import skills as snapshot_skills
from roles.scale import HIGHEST_LEVEL, LEVEL_CHOICES, LOWEST_LEVEL

FIELD_PREFIXES = ("level-", "evidence-")


def choose_a_level(skill_name):
    return f"Choose a level for {skill_name}"


def level_field(skill_name, *, required):
    """A skill's level: one of the scale's levels, each problem named with the skill."""
    return forms.TypedChoiceField(
        label=skill_name,
        choices=LEVEL_CHOICES,
        coerce=int,
        required=required,
        empty_value=None,
        error_messages={
            "required": choose_a_level(skill_name),
            "invalid_choice": f"Choose one of the levels {LOWEST_LEVEL} to {HIGHEST_LEVEL} for {skill_name}",
        },
    )


def evidence_field(skill_name):
    return forms.CharField(
        label=f"Evidence for {skill_name}",
        required=False,
        max_length=EVIDENCE_MAX_LENGTH,
        error_messages={
            "max_length": f"Keep the evidence for {skill_name} to %(limit_value)d characters or fewer "
            "(it has %(show_value)d)",
            "null_characters_not_allowed": f"Remove the null characters from the evidence for {skill_name}",
        },
    )


class RatingsForm(forms.Form):
    """One level (radio) and one evidence note per skill of a snapshot.

    Drafts may leave skills unrated; submitting needs a level for every skill. The
    template renders the radios by hand as one fieldset per skill.
    """

    def __init__(self, *args, snapshot, **kwargs):
        super().__init__(*args, **kwargs)
        self.skills = snapshot_skills(snapshot)
        for skill in self.skills:
            self.fields[f"level-{skill['slug']}"] = level_field(skill["name"], required=False)
            self.fields[f"evidence-{skill['slug']}"] = evidence_field(skill["name"])

    @classmethod
    def for_ratings(cls, ratings, *, snapshot):
        """An unbound form showing saved ``ratings`` (Rating rows) of ``snapshot``."""
        initial = {}
        for rating in ratings:
            initial[f"level-{rating.skill_slug}"] = rating.level
            initial[f"evidence-{rating.skill_slug}"] = rating.evidence
        return cls(initial=initial, snapshot=snapshot)

    @property
    def submitting(self):
        # Which button was pressed; anything but "submit" (or nothing: Enter in a field
        # of some browsers) only saves the draft, which is always safe.
        return self.is_bound and self.data.get("action") == "submit"

    def unknown_fields(self):
        """Posted answer fields that are not part of this rubric (a tampered form)."""
        return sorted(key for key in self.data if key.startswith(FIELD_PREFIXES) and key not in self.fields)

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for skill in self.skills:
                name = f"level-{skill['slug']}"
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(
                        name,
                        forms.ValidationError(choose_a_level(skill["name"]), code="incomplete"),
                    )
        return cleaned

    def only_incomplete(self):
        """True when the only problems are unrated skills on submit: an ordinary mistake
        the real form allows, unlike out-of-range levels or over-long notes (which its
        radios and maxlength prevent, so they come from a tampered request)."""
        return all(
            error.code == "incomplete" for errors in self.errors.as_data().values() for error in errors
        )

    def ratings(self):
        """{slug: (level or None, evidence)} from the cleaned data."""
        return {
            s["slug"]: (
                self.cleaned_data.get(f"level-{s['slug']}"),
                self.cleaned_data.get(f"evidence-{s['slug']}", ""),
            )
            for s in self.skills
        }

    def error_links(self):
        """(link, message) pairs for the error summary, in form order. A level's link
        goes to its fieldset, so the skill's legend lands in view."""
        links = []
        for skill in self.skills:
            for kind, anchor in (
                ("level", f"#skill-{skill['slug']}"),
                ("evidence", f"#id_evidence-{skill['slug']}"),
            ):
                for error in self.errors.get(f"{kind}-{skill['slug']}", []):
                    links.append((anchor, error))
        return links

    def groups(self):
        """Skills by category, each with its options and current answers, for the template."""
        groups = []
        for skill in self.skills:
            level_field = self[f"level-{skill['slug']}"]
            value = level_field.value()
            item = {
                "skill": skill,
                "name": level_field.html_name,
                "selected": "" if value in (None, "") else str(value),
                "errors": level_field.errors,
                "evidence": self[f"evidence-{skill['slug']}"],
                "expected_text": next(
                    (lv for lv in skill["levels"] if lv["level"] == skill["expected"]), None
                ),
            }
            if not groups or groups[-1]["name"] != skill["category"]:
                groups.append({"name": skill["category"], "slug": skill["category_slug"], "items": []})
            groups[-1]["items"].append(item)
        return groups


class SkillRatingForm(forms.Form):
    """One skill of the guided flow: its level (needed to continue) and an optional note."""

    def __init__(self, *args, skill, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill = skill
        self.fields["level"] = level_field(skill["name"], required=True)
        self.fields["evidence"] = evidence_field(skill["name"])

    def error_links(self):
        """(link, message) pairs for the error summary: the level's fieldset, the note."""
        anchors = {"level": f"#skill-{self.skill['slug']}", "evidence": "#id_evidence"}
        return [
            (anchors[name], error) for name in ("level", "evidence") for error in self.errors.get(name, [])
        ]


class StartForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    prefill = forms.UUIDField(required=False, label="Prefill from")
    # Which button started it: one skill a page (the default, also for Enter in the
    # select) or the whole form on one page.
    mode = forms.ChoiceField(
        choices=[("guided", "One skill at a time"), ("page", "All skills on one page")], required=False
    )


# Query strings, read through forms bound to request.GET.

SLUG_PARAM_LENGTH = 120


class SlugParam(forms.SlugField):
    """An optional role slug from a query string: trimmed, cut to 120 characters, and
    invalid (so the view answers 404) when it is not a slug."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        return super().to_python(value)[:SLUG_PARAM_LENGTH]

    @staticmethod
    def shown(data, name):
        """The submitted value as a "not found" message quotes it."""
        return str(data.get(name, "")).strip()[:SLUG_PARAM_LENGTH]


class RolePickForm(forms.Form):
    """``?role=<slug>`` on the new-assessment page."""

    role = SlugParam()


class ReadinessForm(forms.Form):
    """``?for=<slug>`` on a result: the role to check readiness for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["for"] = SlugParam()  # a keyword, so not a class attribute


class PrefillForm(forms.Form):
    """``?from=<id>`` on the start page: the submitted assessment to prefill from."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.UUIDField()


class ReturnForm(forms.Form):
    """``?return=check`` on a guided skill page: go back to "Check your answers" after it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["return"] = forms.ChoiceField(choices=[("check", "Check your answers")], required=False)

    @property
    def to_check(self):
        return self.is_valid() and self.cleaned_data["return"] == "check"


class AssessmentPairForm(forms.Form):
    """``?a=<id>&b=<id>`` on the comparison of two assessments."""

    a = forms.UUIDField()
    b = forms.UUIDField()
